// Issue 9's measurements, each against a named baseline in the same run:
//
//   first frame  double-click in the list to the first frame shown, for the
//                same file played direct (baseline) and on the remux rung
//                (?rung=remux); the 60 s H.264/AAC clip, fresh page each run.
//   seeks        20 random seeks (the same places for each) in the 2 GB,
//                5-hour MKV: direct play in Chromium (baseline), the remux
//                rung, and the H.264 transcode rung; each from setting
//                currentTime to the first frame after `seeked`.
//   transcode    realtime factor and CPU of the transcode rung's ffmpeg
//                command on the 60 s clip, against a remux of it (baseline).
//
//   node bench/transcode/bench.mjs [--runs 5] [--only seeks] [--rung remux] [--trace]
//
// --rung limits the seeks to direct play (always, the baseline) and that rung.
//
// --trace prints, per seek on a stream rung, when the page asked for each
// segment and when its answer ended (Resource Timing), and the server's
// own timed lines (REEL_STREAM_TRACE): where a seek's time goes.
//
// Needs build/bin/reel (REEL_BIN), make test-videos (REEL_TEST_VIDEOS), and
// makes testdata-gen/bench/big-5h.mkv from big-5h.mp4 (a copy, once).
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, linkSync, mkdirSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openBrowser, showAsList, startServer } from '../../frontend/tests/helpers.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const root = resolve(here, '../..')
const videos = process.env.REEL_TEST_VIDEOS || join(root, 'testdata-gen/videos')
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : ''
const trace = process.argv.includes('--trace')
const onlyRung = process.argv.includes('--rung') ? process.argv[process.argv.indexOf('--rung') + 1] : ''
process.env.REEL_BIN ||= join(root, 'build/bin/reel')

const clip = join(videos, 'Extras/clip.mp4')
const benchDir = join(root, 'testdata-gen/bench')
const mkv = join(benchDir, 'big-5h.mkv')
mkdirSync(benchDir, { recursive: true })
if (!existsSync(join(benchDir, 'clip.mp4'))) linkSync(clip, join(benchDir, 'clip.mp4'))
if (!existsSync(mkv)) {
  console.log('making big-5h.mkv (a copy of big-5h.mp4)…')
  execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-i', join(videos, 'big-5h.mp4'), '-c', 'copy', mkv + '.tmp.mkv'])
  execFileSync('mv', [mkv + '.tmp.mkv', mkv])
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const fmt = (xs) => `median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`

const server = await startServer({ dir: benchDir, ensure: false, timeoutMs: 60_000, env: trace ? { REEL_STREAM_TRACE: '1' } : {} })
const b = await openBrowser({ timeoutMs: 60_000 })
const page = b.page

/** open double-clicks name with the page at ?rung=rung ('' for the engine's own choice) and returns ms to the first frame. */
async function open(name, rung) {
  await page.goto(server.url + (rung ? `&rung=${rung}` : ''))
  await showAsList(page)
  await page.locator('.library .filter-input').fill(name)
  const row = page.locator(`section.library .row.video[data-name="${name}"]`)
  await row.waitFor()
  await page.evaluate(() => {
    window.__t0 = 0
    window.__firstFrame = new Promise((res) => {
      const seen = new MutationObserver(() => {
        const v = document.querySelector('section.player video')
        if (!v) return
        seen.disconnect()
        v.requestVideoFrameCallback(() => res(performance.now()))
      })
      seen.observe(document.body, { childList: true, subtree: true })
    })
    document.addEventListener('dblclick', () => (window.__t0 = performance.now()), { capture: true, once: true })
  })
  await row.dblclick()
  const [t0, t1] = await page.evaluate(async () => [window.__t0, await window.__firstFrame])
  if (trace) {
    // Where the first frame's time goes: each request's start → first byte → end.
    const reqs = await page.evaluate((t0) => performance.getEntriesByType('resource')
      .filter((e) => e.startTime >= t0)
      .map((e) => `${e.name.replace(/^.*\//, '').replace(/\?.*$/, '')} ${Math.round(e.startTime - t0)}→${Math.round(e.responseStart - t0)}→${Math.round(e.responseEnd - t0)}`), t0)
    console.log(`  open ${name}${rung ? ' ' + rung : ''}: frame ${Math.round(t1 - t0)} ms; ${reqs.join(', ')}`)
  }
  return t1 - t0
}

/** seeks sets currentTime to each of targets and returns ms to the first frame after it. */
async function seeks(targets) {
  return page.evaluate(async (targets) => {
    const v = document.querySelector('section.player video')
    const out = []
    const steps = []
    for (const t of targets) {
      performance.clearResourceTimings()
      const t0 = performance.now()
      let seeked = 0
      await new Promise((res) => {
        v.addEventListener('seeked', () => { seeked = performance.now(); v.requestVideoFrameCallback(() => res()) }, { once: true })
        v.currentTime = t
      })
      const t1 = performance.now()
      out.push(t1 - t0)
      const ms = (x) => Math.round(x - t0)
      steps.push({
        target: t, total: ms(t1), seeked: ms(seeked),
        requests: performance.getEntriesByType('resource')
          .filter((e) => e.startTime >= t0 && e.startTime <= t1)
          .map((e) => `${e.name.replace(/^.*\//, '').replace(/\?.*$/, '')} ${ms(e.startTime)}→${ms(e.responseStart)}→${ms(e.responseEnd)}`),
      })
      await new Promise((r) => setTimeout(r, 300))
    }
    return { out, steps }
  }, targets).then(({ out, steps }) => {
    if (trace) for (const s of steps) console.log(`  seek ${s.target}s: frame ${s.total} ms, seeked ${s.seeked} ms; ${s.requests.join(', ')}`)
    return out
  })
}

const results = []

// First frame, direct (baseline) against remux, same file, alternating.
if (!only || only === 'first') {
  const ff = { direct: [], remux: [] }
  for (let i = 0; i < runs; i++) {
    for (const rung of ['', 'remux']) ff[rung || 'direct'].push(await open('clip.mp4', rung))
  }
  results.push(`first frame, clip.mp4 (60 s, 640x360 H.264/AAC), ${runs} runs each:`)
  results.push(`  direct (baseline)  ${fmt(ff.direct)}`)
  results.push(`  remux              ${fmt(ff.remux)}  → ${(median(ff.remux) / median(ff.direct)).toFixed(2)}x direct`)
}

// 20 random seeks in the 2 GB MKV.
let seed = 2026
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
const duration = 5 * 3600 + 20 * 60
const targets = Array.from({ length: 20 }, () => Math.round((0.02 + 0.96 * rand()) * duration))
const seekRungs = [['', 'direct (baseline)'], ['remux', 'remux'], ['h264', 'transcode H.264']].filter(([r]) => !onlyRung || !r || r === onlyRung)
for (const [rung, label] of !only || only === 'seeks' ? seekRungs : []) {
  if (trace) console.log(`${label}:`)
  const first = await open('big-5h.mkv', rung)
  const ms = await seeks(targets)
  results.push(`20 random seeks, big-5h.mkv (${(statSync(mkv).size / 2 ** 30).toFixed(2)} GiB), ${label}: ${fmt(ms)}; first frame ${first.toFixed(0)} ms`)
}
await b.close()
await server.stop()
if (trace) console.log(server.stderr().split('\n').filter((l) => l.startsWith('stream ')).join('\n'))
if (only && only !== 'encoder') {
  console.log(results.join('\n'))
  process.exit(0)
}

// The transcode rung's encoder on the 60 s clip, against a remux of it.
function run(args) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S', 'ffmpeg', '-nostdin', '-loglevel', 'error', '-y', '-i', clip, ...args, '-f', 'mp4', '/dev/null'], { encoding: 'utf8' })
  const [wall, user, sys] = r.stderr.trim().split('\n').pop().split(' ').map(Number)
  return { rt: 60 / wall, cpu: (100 * (user + sys)) / wall, wall }
}
const remux = run(['-c', 'copy'])
const x264 = run(['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-pix_fmt', 'yuv420p', '-profile:v', 'high', '-c:a', 'aac', '-ac', '2', '-b:a', '160k'])
results.push('encoder on clip.mp4 (60 s, 640x360), this machine:')
results.push(`  remux (baseline)   ${remux.rt.toFixed(0)}x realtime, CPU ${remux.cpu.toFixed(0)} %`)
results.push(`  H.264 veryfast     ${x264.rt.toFixed(1)}x realtime, CPU ${x264.cpu.toFixed(0)} % (${x264.wall.toFixed(1)} s)`)
console.log(results.join('\n'))
