// Issue 10: an embedded subtitle track's cues arrive as soon as they are
// ready, not when ffmpeg's pass over the whole file ends. The pass is made
// slow here with a stand-in ffmpeg on the server's PATH that runs the real
// one reading at the clip's own pace (-re, 12 s for the 12 s clip) and
// marks its end in a file: the first cue must be on screen while that file
// is not there yet. Before this, the page waited for the whole pass.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { ensureFormats, formatsDir, mustNotHappen, startSession, until } from './helpers.mjs'

let session, dir, bin

/** extracted says whether the stand-in's pass over name ended. */
const extracted = (name) => existsSync(join(bin, `done-${name}`))

before(async () => {
  ensureFormats()
  dir = mkdtempSync(join(tmpdir(), 'reel-cues-'))
  for (const name of ['tracks.mkv', 'again.mkv']) copyFileSync(join(formatsDir, 'mkv-tracks.mkv'), join(dir, name))
  bin = mkdtempSync(join(tmpdir(), 'reel-cues-bin-'))
  const ffmpeg = execFileSync('sh', ['-c', 'command -v ffmpeg'], { encoding: 'utf8' }).trim()
  // Only the subtitle pass (it maps subtitle streams) is slowed; the
  // server gives it the file as /dev/fd/3, so the stand-in learns the
  // video's name from the layout request's order: one pass per video here.
  writeFileSync(join(bin, 'ffmpeg'), `#!/bin/sh
case " $* " in
*" -map 0:s:"*)
  n=$(ls '${bin}' | grep -c '^started-')
  touch '${bin}/started-'$n
  '${ffmpeg}' -re "$@"
  status=$?
  touch '${bin}/done-'$n
  exit $status;;
esac
exec '${ffmpeg}' "$@"
`, { mode: 0o755 })
  session = await startSession({ dir, ensure: false, env: { PATH: `${bin}:${process.env.PATH}` } })
  await session.page.goto(session.server.url)
})

after(async () => {
  await session?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
  if (bin) rmSync(bin, { recursive: true, force: true })
})

/** state reads the player's subtitle tracks and the OSD. */
function state() {
  return session.page.evaluate(() => {
    const v = document.querySelector('section.player video')
    if (!v) return null
    return {
      t: v.currentTime,
      tracks: [...v.querySelectorAll('track')].map((el) => ({
        label: el.label,
        mode: el.track.mode,
        cues: [...(el.track.cues ?? [])].map((c) => c.text),
        active: [...(el.track.activeCues ?? [])].map((c) => c.text).join(' | '),
      })),
      osd: document.querySelector('.player-osd-text')?.textContent ?? '',
    }
  })
}

/** answers records the page's questions for embedded subtitles and whether each answer was whole. */
function answers(page) {
  const seen = []
  page.on('response', (res) => {
    if (/\/api\/tracks\/[^/]+\/subtitles\/\d+/.test(res.url())) {
      seen.push({ url: res.url(), complete: res.headers()['reel-subtitle-complete'] ?? '' })
    }
  })
  return seen
}

test('the first embedded cue shows while the extraction still runs, the rest follow without duplicates', async () => {
  const { page } = session
  const seen = answers(page)
  await page.locator('section.library [data-name="tracks.mkv"]').first().dblclick()
  await until(async () => (await state())?.tracks.length === 2, 'the tracks in the menu')
  assert.equal(extracted(0), false, 'the pass is under way')

  await page.keyboard.press('c')
  const shown = await until(async () => {
    const s = await state()
    return s.tracks[0].active === 'Hello from the English track' ? { s, done: extracted(0) } : null
  }, 'the first English cue on screen', { timeoutMs: 10_000, everyMs: 20 })
  assert.equal(shown.done, false, 'the cue shows before ffmpeg has read the whole file')
  // The cues that come later join this <track>: a new element would load
  // (and show nothing) for a moment, a blink of the cue on screen.
  await page.evaluate(() => { document.querySelector('section.player video track').dataset.first = 'yes' })
  assert.match(shown.s.osd, /English \(SRT\)/)
  assert.ok(seen.some((a) => a.complete === 'false'), `a partial answer came first: ${JSON.stringify(seen)}`)

  // C and the menu's tracks keep working while the cues come.
  await page.keyboard.press('c')
  await until(async () => (await state()).tracks[0].mode === 'disabled', 'C to turn the subtitles off')
  await page.keyboard.press('c')
  await until(async () => (await state()).tracks[0].mode === 'showing', 'C to turn them back on')
  assert.equal(extracted(0), false, 'still before the end of the pass')

  await until(() => extracted(0), 'the end of the pass', { timeoutMs: 30_000 })
  const all = await until(async () => {
    const s = await state()
    return s.tracks[0].cues.length >= 2 && seen.some((a) => a.complete === 'true') ? s : null
  }, 'the complete track', { timeoutMs: 15_000 })
  assert.deepEqual(all.tracks[0].cues, ['Hello from the English track', 'Second English cue'], 'each cue once')
  assert.equal(await page.evaluate(() => document.querySelector('section.player video track').dataset.first), 'yes', 'the same <track> all along')
})

test('the questions for a video\'s cues end when another is opened', async () => {
  const { page } = session
  await page.keyboard.press('Escape')
  await page.locator('section.library').waitFor()
  const seen = answers(page)
  const asked = []
  page.on('request', (req) => {
    if (/\/api\/tracks\/[^/]+\/subtitles\//.test(req.url())) asked.push(req.url())
  })
  await page.locator('section.library [data-name="again.mkv"]').first().dblclick()
  await until(() => seen.some((a) => a.complete === 'false'), 'a partial answer for again.mkv', { timeoutMs: 10_000 })
  assert.equal(extracted(1), false, 'its pass is under way')
  await page.keyboard.press('Escape')
  await page.locator('section.library').waitFor()
  const before = asked.length
  await mustNotHappen('another question for the closed video\'s cues', 1500)
  assert.equal(asked.length, before, `asked after closing: ${JSON.stringify(asked.slice(before))}`)
  assert.deepEqual(session.watcher.unexpected(), { console: [], page: [], requests: [] })
})
