// Issue 10's audio switch in Chromium, against a named baseline in the
// same run:
//
//   seek      direct play of the file (baseline): currentTime set → sound
//             decoded again at the new place (webkitAudioDecodedByteCount
//             grows, the video plays on from there);
//   switch    # to the second audio track, which Chromium (no
//             AudioTrackList) plays on the remux rung from where the video
//             was: the key → the new stream's first sound, playing on from
//             that position. Cold: nothing of that stream made before the
//             key (no menu opened, so no warmAudio);
//   back      # again, to the first track, the file itself: the key → sound.
//
// Each run seeks to a new place of a 5-minute MKV (English AAC mono,
// French AC-3 5.1 or, with --second aac, AAC mono; an H.264 picture with a
// keyframe every --gop seconds),
// so every switch starts an encoder. Times are the page's own
// (performance.now()), polled every 5 ms in the page.
//
//   REEL_BIN=build/bin/reel node bench/tracks/switch.mjs [--runs 8] [--gop 10] [--second ac3|aac] [--trace]
//
// --trace prints the server's timed lines (REEL_STREAM_TRACE) per switch.
// Needs REEL_BIN (build/bin/reel).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openBrowser, startServer } from '../../frontend/tests/helpers.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const root = resolve(here, '../..')
const arg = (name, def) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : def)
const runs = Number(arg('--runs', 8))
const gop = Number(arg('--gop', 10))
const second = arg('--second', 'ac3') // the second track's codec: ac3 (converted) or aac (copied)
const trace = process.argv.includes('--trace')
if (!process.env.REEL_BIN) throw new Error('set REEL_BIN=build/bin/reel (helpers.mjs reads it as it loads)')

const dir = mkdtempSync(join(tmpdir(), 'reel-switch-'))
const name = 'tracks.mkv'
console.log(`making a 5-minute MKV, a keyframe every ${gop} s, the second audio track ${second}…`)
execFileSync('ffmpeg', ['-loglevel', 'error', '-nostdin', '-y',
  '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=24',
  '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
  '-f', 'lavfi', '-i', 'sine=frequency=880:sample_rate=48000',
  '-map', '0:v', '-map', '1:a', '-map', '2:a', '-t', '300',
  '-c:v', 'libx264', '-preset', 'ultrafast', '-g', String(gop * 24), '-keyint_min', String(gop * 24), '-sc_threshold', '0',
  '-c:a:0', 'aac', '-b:a:0', '96k', ...(second === 'aac' ? ['-c:a:1', 'aac', '-b:a:1', '96k'] : ['-c:a:1', 'ac3', '-ac:a:1', '6']),
  '-metadata:s:a:0', 'language=eng', '-metadata:s:a:1', 'language=fre',
  join(dir, name)])

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const fmt = (xs) => `median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)}, n ${xs.length})`

const server = await startServer({ dir, ensure: false, timeoutMs: 60_000, env: trace ? { REEL_STREAM_TRACE: '1' } : {} })
const b = await openBrowser({ timeoutMs: 60_000 })
const { page } = b
try {
  await page.goto(server.url)
  await page.locator(`section.library [data-name="${name}"]`).first().dblclick()
  await page.waitForFunction(() => {
    const v = document.querySelector('section.player video')
    return v && v.currentTime > 0.5 && (v.webkitAudioDecodedByteCount ?? 0) > 0 && document.querySelectorAll('.player-audio option').length === 2
  }, null, { timeout: 30_000 })
  // The page's clock: when # went down, and a wait for sound.
  await page.evaluate(() => {
    document.addEventListener('keydown', (e) => { if (e.key === '#') window.__keyAt = performance.now() }, true)
    window.__sound = (t0, from, stream, base) => new Promise((res, rej) => {
      const end = t0 + 20_000
      const tick = () => {
        const v = document.querySelector('section.player video')
        const now = performance.now()
        const ok = v && !v.paused && v.readyState >= 3 && v.currentTime >= from &&
          (v.webkitAudioDecodedByteCount ?? 0) > base && v.src.startsWith('blob:') === stream
        if (ok) res({ ms: now - t0, t: v.currentTime })
        else if (now > end) rej(new Error(`no sound: paused ${v?.paused}, ready ${v?.readyState}, t ${v?.currentTime}, from ${from}`))
        else setTimeout(tick, 5)
      }
      tick()
    })
  })
  const seeks = []
  const switches = []
  const backs = []
  for (let i = 0; i < runs; i++) {
    // A new place each run, not on a keyframe, and earlier than the last:
    // an encoder goes on ahead of a switch, so a later place may be made.
    const at = 280 - (i * 250) / runs - (i % 3) * 3.3
    // Baseline: a seek in the file itself, to sound.
    const seek = await page.evaluate((at) => {
      const v = document.querySelector('section.player video')
      const base = v.webkitAudioDecodedByteCount ?? 0
      const t0 = performance.now()
      v.currentTime = at
      return window.__sound(t0, at, false, base)
    }, at)
    seeks.push(seek.ms)
    await page.waitForTimeout(1500)
    const mark = server.stderr().length
    const from = await page.evaluate(() => document.querySelector('section.player video').currentTime)
    await page.keyboard.press('#')
    const sw = await page.evaluate((from) => window.__sound(window.__keyAt, from - 0.3, true, 0), from)
    switches.push(sw.ms)
    if (trace) {
      console.log(server.stderr().slice(mark).trimEnd())
      // When the page asked for each stream request and when its answer ended, from the key.
      console.log(await page.evaluate(() => performance.getEntriesByType('resource')
        .filter((e) => e.name.includes('/api/stream/') && e.startTime >= window.__keyAt)
        .map((e) => `  ${new URL(e.name).pathname.split('/').pop()}: asked +${(e.startTime - window.__keyAt).toFixed(0)} ms, in +${(e.responseEnd - window.__keyAt).toFixed(0)} ms`)
        .join('\n')))
    }
    await page.waitForTimeout(1500)
    const from2 = await page.evaluate(() => document.querySelector('section.player video').currentTime)
    await page.keyboard.press('#')
    const back = await page.evaluate((from) => window.__sound(window.__keyAt, from - 0.3, false, 0), from2)
    backs.push(back.ms)
    console.log(`run ${i + 1}: at ${at.toFixed(1)} s: seek → sound ${seek.ms.toFixed(0)} ms; switch at ${from.toFixed(1)} s → sound ${sw.ms.toFixed(0)} ms (on at ${sw.t.toFixed(2)} s); back → sound ${back.ms.toFixed(0)} ms`)
    await page.waitForTimeout(1000)
  }
  console.log(`seek → sound, direct play (baseline): ${fmt(seeks)}`)
  console.log(`switch → sound, remux rung (cold):    ${fmt(switches)}`)
  console.log(`back → sound, direct play:            ${fmt(backs)}`)
} finally {
  await b.close()
  await server.stop()
  rmSync(dir, { recursive: true, force: true })
}
