// Issue 10 in Chromium: the subtitle size (− and +) is kept across
// launches, as the volume and the speed are. + three times on an MKV's
// English SRT makes the cues 130 % and saves it; a new `reel serve` on the
// same database, in a new browser, opens the video with its cues at 130 %
// before any key is pressed.
import assert from 'node:assert/strict'
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { api, ensureFormats, formatsDir, startSession, until } from './helpers.mjs'

let dir
let state
let session

before(() => {
  ensureFormats()
  dir = mkdtempSync(join(tmpdir(), 'reel-subsize-'))
  copyFileSync(join(formatsDir, 'mkv-tracks.mkv'), join(dir, 'tracks.mkv'))
  state = mkdtempSync(join(tmpdir(), 'reel-subsize-state-'))
})

after(async () => {
  await session?.close()
  rmSync(dir, { recursive: true, force: true })
  rmSync(state, { recursive: true, force: true })
})

/** launch starts `reel serve` on dir with the test's own database, and a browser on its page. */
async function launch() {
  const s = await startSession({ dir, ensure: false, env: { REEL_DB: join(state, 'reel.db'), REEL_CACHE: join(state, 'cache') } })
  await s.page.goto(s.server.url)
  return s
}

/** english reads the English track's mode, the size the player says, and the page's ::cue size rule. */
function english() {
  return session.page.evaluate(() => {
    const v = document.querySelector('section.player video')
    const el = [...(v?.querySelectorAll('track') ?? [])].find((t) => t.label === 'English (SRT)')
    return {
      mode: el?.track.mode ?? '',
      cues: el?.track.cues?.length ?? 0,
      size: document.querySelector('section.player')?.dataset.subtitleSize ?? '',
      cueRule: [...document.styleSheets].flatMap((s) => { try { return [...s.cssRules] } catch { return [] } })
        .map((r) => r.cssText).find((t) => t.includes('::cue') && t.includes('font-size')) ?? '',
    }
  })
}

/** openTracks opens tracks.mkv and waits for its English cues on screen (shown with C, or as remembered). */
async function openTracks({ press }) {
  await session.page.locator('section.library [data-name="tracks.mkv"]').first().dblclick()
  await until(async () => (await english()).mode !== '', 'the English track')
  if (press) await session.page.keyboard.press('c')
  return until(async () => {
    const s = await english()
    return s.mode === 'showing' && s.cues > 0 ? s : null
  }, 'the English cues shown', { timeoutMs: 15_000 })
}

test('the subtitle size set with + is kept for the next launch', async () => {
  session = await launch()
  const first = await openTracks({ press: true })
  assert.notEqual(first.size, '1.3', 'a fresh database starts at the default size')
  for (let i = 0; i < 3; i++) await session.page.keyboard.press('+')
  const larger = await until(async () => {
    const s = await english()
    return s.size === '1.3' ? s : null
  }, 'the size at 130 %')
  assert.match(larger.cueRule, /font-size: 130%/)
  await until(async () => (await api(session.server, '/api/settings')).subtitleSize === 1.3, 'the size saved')

  // A new launch: a new server on the same database, a new browser.
  await session.close()
  session = await launch()
  const kept = await openTracks({ press: false }) // the English track is remembered too
  assert.equal(kept.size, '1.3', 'the size after a new launch')
  assert.match(kept.cueRule, /font-size: 130%/, 'the cues after a new launch')
})
