// Issue 9 in Chromium (the engine of WebView2): every file of the format
// corpus plays with picture and sound and seeks to 50 %, on the rung the
// page's own engine asks for; the card names that rung; no ffmpeg outlives
// the player.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { after, before, test } from 'node:test'
import { ensureFormats, formatsDir, openBrowser, showAsList, startServer, until } from './helpers.mjs'

let server
let chromium
let page

before(async () => {
  ensureFormats({ stdio: 'inherit' })
  server = await startServer({ dir: formatsDir, ensure: false })
  chromium = await openBrowser({ timeoutMs: 20_000 })
  page = chromium.page
  await page.goto(server.url)
  await showAsList(page)
})

after(async () => {
  await chromium?.close()
  await server?.stop()
})

const entry = (name) => page.locator(`section.library .row.video[data-name="${name}"]`)

/** show filters the list down to name, so its row is on screen. */
async function show(name) {
  await page.locator('.library .filter-input').fill(name)
  await entry(name).waitFor()
}

/** ffmpegs lists the ffmpeg processes the server started, from /proc. */
function ffmpegs() {
  const out = []
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      if (comm === 'ffmpeg' && state !== 'Z' && Number(ppid) === server.proc.pid) out.push(Number(pid))
    } catch {
      /* gone meanwhile */
    }
  }
  return out
}

/** sample reads what the <video> decoded so far. */
function sample() {
  return page.evaluate(() => {
    const v = document.querySelector('section.player video')
    if (!v) return null
    return {
      t: v.currentTime,
      d: v.duration,
      w: v.videoWidth,
      audio: v.webkitAudioDecodedByteCount ?? 0,
      frames: v.getVideoPlaybackQuality?.().totalVideoFrames ?? 0,
      paused: v.paused,
      rung: v.dataset.rung ?? '',
      error: v.error ? v.error.code : 0,
      osd: document.querySelector('.player-osd-text')?.textContent ?? '',
    }
  })
}

const files = readdirSync(formatsDir).filter((f) => !f.startsWith('.')).sort()

test('the corpus is all there', () => {
  assert.ok(files.length >= 32, `${files.length} files in ${formatsDir}`)
})

test('the cards name the rung each file needs here', async () => {
  // Chromium opens MPEG-TS as it is nowhere: a remux; it decodes no AC-3.
  const badge = async (name) => {
    await show(name)
    return until(async () => ((await entry(name).getAttribute('class')).includes('pending') ? '' : (await entry(name).locator('.badge.warn').textContent()) || 'none'), `the badge of ${name}`, playing)
  }
  assert.equal(await badge('ts-h264-aac.ts'), 'Remux')
  assert.equal(await badge('mp4-h264-ac3.mp4'), 'Audio → AAC')
  assert.equal(await badge('mp4-hevc-aac.mp4'), 'Transcode')
  assert.equal(await badge('mp4-h264-aac.mp4'), 'none')
})

const results = []

/** leavePlayer goes back to the list, whatever state the player is in. */
async function leavePlayer() {
  // Esc closes a menu or leaves fullscreen first, then the player.
  const library = page.locator('section.library')
  for (let i = 0; i < 3 && (await page.locator('section.player').count()) > 0; i++) {
    await page.keyboard.press('Escape')
    if (await library.waitFor({ timeout: 1000 }).then(() => true, () => false)) break
  }
  await library.waitFor()
}

/** playing is how long a file may take to play or seek: a transcode starts an encoder first. */
const playing = { timeoutMs: 20_000 }

for (const name of files) {
  test(`${name} plays with picture and sound and seeks to 50 %`, async () => {
    try {
      await show(name)
      await entry(name).dblclick()
      await page.locator('section.player video').waitFor({ state: 'attached' })
      const start = await until(async () => {
        const s = await sample()
        return s && (s.error || (s.w > 0 && s.t > 0.3 && s.audio > 0)) ? s : null
      }, `${name} to play`, playing)
      assert.equal(start.error, 0, `${name}: MediaError ${start.error} on rung ${start.rung} (${start.osd})`)
      // Seek to the middle, then picture and sound go on from there.
      const middle = start.d / 2
      await page.evaluate((t) => {
        document.querySelector('section.player video').currentTime = t
      }, middle)
      const after = await until(async () => {
        const s = await sample()
        return s && s.t > middle + 0.3 && s.t < start.d ? s : null
      }, `${name} to play on from ${middle.toFixed(2)} s`, playing)
      const later = await until(async () => {
        const s = await sample()
        return s.audio > after.audio && s.frames > after.frames ? s : null
      }, `${name} to decode sound and frames after the seek`, playing)
      results.push(`${name}: ${later.rung}`)
      assert.ok(Math.abs(later.d - start.d) < 0.2, `${name}: duration ${later.d}, was ${start.d}`)
    } finally {
      await leavePlayer()
    }
  })
}

test('no ffmpeg outlives the player', async () => {
  console.log(`rungs in Chromium:\n${results.join('\n')}`)
  // Leaving the player stops the stream's encoders at once (DELETE
  // /api/stream/{id}), not after the idle minute; the Go tests
  // (internal/transcode) check the kill itself, on long files.
  await show('mp4-hevc10-aac.mp4')
  await entry('mp4-hevc10-aac.mp4').dblclick()
  await until(async () => (await sample())?.t > 0.2, 'the HEVC file to play', playing)
  const running = ffmpegs()
  const stop = page.waitForRequest((r) => r.method() === 'DELETE' && new URL(r.url()).pathname.startsWith('/api/stream/'))
  await leavePlayer()
  await stop
  await until(async () => ffmpegs().length === 0, `ffmpeg ${running} to end after the player closed`, { timeoutMs: 5_000 })
})
