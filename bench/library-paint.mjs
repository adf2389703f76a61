// How fast the library lists and paints a folder of 10,000 videos, and how
// smoothly it scrolls, each against a named baseline measured in the same run:
// Go's net/http FileServer listing the same folder (bench/fileserver).
//
//   node bench/library-paint.mjs [--files 10000] [--runs 7] [--frames 300]
//
// Needs the `reel` binary (REEL_BIN, default build/bin/reel-serve-test; build
// it with: cd frontend && npm run build && cd .. && go build -o
// build/bin/reel-serve-test .), Go for the baseline server, Debian's Chromium
// and the frontend's npm packages (playwright-core).
//
// What is measured:
//   listing   GET /api/library of the folder from Node, whole body read, warm
//             server; baseline: GET / of the FileServer (its HTML listing).
//   paint     navigation start to the first video card painted, in a fresh
//             browser context each run; baseline: navigation start to the
//             first link of the FileServer listing painted. "Painted" is the
//             first task after the animation frame that follows the element's
//             insertion (a MutationObserver sees it arrive).
//   scroll    scripted scrolls, one step per animation frame, --frames
//             frames: at wheel speed (100 px a frame), and from the top to
//             the bottom of the 10,000 (the whole height in --frames frames,
//             like dragging the scroll bar). The gaps between frames show
//             dropped frames (16.7 ms at 60 Hz: none). Baseline: the same
//             scrolls of the FileServer page.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { launchBrowser, startServer } from '../frontend/tests/helpers.mjs'
import { makeVideos, median, option, table } from './folder.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const repo = resolve(here, '..')

const files = option('files', 10_000)
const runs = option('runs', 7)
const frames = option('frames', 300)

const percentile = (a, p) => {
  const s = [...a].sort((x, y) => x - y)
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]
}
const ms = (x) => `${x.toFixed(1)} ms`
const count = new Intl.NumberFormat('en-US')

/** startFileServer builds and runs bench/fileserver on dir. */
async function startFileServer(dir, work) {
  const bin = join(work, 'fileserver')
  const b = spawnSync('go', ['build', '-o', bin, './bench/fileserver'], { cwd: repo, stdio: ['ignore', 'inherit', 'inherit'] })
  if (b.status !== 0) throw new Error('go build ./bench/fileserver failed')
  const proc = spawn(bin, ['--addr', '127.0.0.1:0', dir], { stdio: ['ignore', 'pipe', 'inherit'] })
  const lines = createInterface({ input: proc.stdout })
  const url = await new Promise((res, rej) => {
    lines.once('line', res)
    proc.once('exit', (code) => rej(new Error(`fileserver exited with ${code}`)))
  })
  lines.on('line', () => {})
  return {
    url: url.trim(),
    stop: () => {
      proc.kill('SIGTERM')
    },
  }
}

/** timeGet fetches url and reads the whole body; it returns milliseconds and bytes. */
async function timeGet(url, headers) {
  const t0 = performance.now()
  const res = await fetch(url, { headers })
  const body = await res.arrayBuffer()
  const t = performance.now() - t0
  if (!res.ok) throw new Error(`GET ${url}: ${res.status}`)
  return { ms: t, bytes: body.byteLength }
}

async function benchListing(reel, base) {
  const reelURL = `${reel.origin}/api/library?dir=`
  const auth = { Authorization: `Bearer ${reel.token}` }
  // One warm-up each: the first listing also starts watching the folder.
  await timeGet(reelURL, auth)
  await timeGet(base.url)
  const r = []
  const b = []
  for (let i = 0; i < runs; i++) {
    r.push(await timeGet(reelURL, auth))
    b.push(await timeGet(base.url))
  }
  return { reel: median(r.map((x) => x.ms)), base: median(b.map((x) => x.ms)), reelBytes: r[0].bytes, baseBytes: b[0].bytes }
}

/**
 * markFirst records in window.__first the time (from navigation start) at
 * which the first element matching selector was painted.
 */
function markFirst(selector) {
  window.__first = null
  const painted = () =>
    requestAnimationFrame(() =>
      setTimeout(() => {
        window.__first ??= performance.now()
      }, 0),
    )
  const mo = new MutationObserver(() => {
    if (document.querySelector(selector)) {
      mo.disconnect()
      painted()
    }
  })
  mo.observe(document, { childList: true, subtree: true })
}

async function firstPaint(browser, url, selector) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } })
  try {
    await ctx.addInitScript(markFirst, selector)
    const page = await ctx.newPage()
    await page.goto(url, { waitUntil: 'commit' })
    await page.waitForFunction(() => window.__first !== null, null, { timeout: 30_000 })
    return await page.evaluate(() => window.__first)
  } finally {
    await ctx.close()
  }
}

async function benchPaint(browser, reel, base) {
  // One warm-up each (the browser's own start-up costs).
  await firstPaint(browser, reel.url, '.card.video')
  await firstPaint(browser, base.url, 'a')
  const r = []
  const b = []
  for (let i = 0; i < runs; i++) {
    r.push(await firstPaint(browser, reel.url, '.card.video'))
    b.push(await firstPaint(browser, base.url, 'a'))
  }
  return { reel: median(r), base: median(b) }
}

/**
 * scrollDown scrolls the element of selector (the document when null) from
 * the top, one step per animation frame: step pixels a frame, or the whole
 * height in n frames when step is 0. It returns the gaps between frames.
 */
function scrollDown({ selector, n, step }) {
  const s = selector ? document.querySelector(selector) : document.scrollingElement
  s.scrollTop = 0
  const total = s.scrollHeight - s.clientHeight
  const to = (i) => Math.min(total, Math.round(step ? step * i : (total * i) / n))
  const deltas = []
  return new Promise((resolve) => {
    let i = 0
    let last = 0
    const tick = (now) => {
      if (i > 0) deltas.push(now - last)
      last = now
      if (i === n) {
        resolve({ deltas, top: s.scrollTop, want: to(n), total })
        return
      }
      i++
      s.scrollTop = to(i)
      requestAnimationFrame(tick)
    }
    // Start on a fresh frame, after the jump to the top was drawn.
    requestAnimationFrame(() => requestAnimationFrame(tick))
  })
}

/** scrollRuns repeats scrollDown and sums up the frame gaps of every run. */
async function scrollRuns(page, selector, step, lastItem) {
  const all = []
  let height = 0
  let distance = 0
  for (let i = 0; i < scrollRepeats; i++) {
    const r = await page.evaluate(scrollDown, { selector, n: frames, step })
    if (Math.abs(r.top - r.want) > 2) throw new Error(`the scroll stopped at ${r.top}, not ${r.want}`)
    // Reaching the bottom, the last video is on screen.
    if (lastItem) await page.locator(lastItem).waitFor({ timeout: 5000 })
    all.push(...r.deltas)
    height = r.total
    distance = r.want
  }
  return {
    frames: all.length,
    height,
    perFrame: distance / frames,
    median: median(all),
    p95: percentile(all, 95),
    max: Math.max(...all),
    slow: all.filter((d) => d > 1000 / 30).length,
  }
}

/** wheelStep is a fast wheel or touchpad scroll: 100 px a frame, 6,000 px/s at 60 Hz. */
const wheelStep = 100
const scrollRepeats = 3

async function benchScroll(browser, reel, base) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } })
  const out = []
  let page
  const both = async (name, selector, last) => {
    out.push([`${name}, wheel speed`, await scrollRuns(page, selector, wheelStep, null)])
    out.push([`${name}, to the bottom`, await scrollRuns(page, selector, 0, last)])
  }
  try {
    page = await ctx.newPage()
    await page.goto(reel.url)
    await page.locator('.card.video').first().waitFor()
    // Let the background read of every video's metadata finish first (the
    // toolbar says "Reading n / N…" meanwhile); posters are still made for
    // whatever scrolls into view, as they would be for a user.
    await page.locator('.library .reading').waitFor({ state: 'hidden', timeout: 120_000 })
    const last = `[data-name="clip ${files}.mp4"]`
    await both('Reel grid', '.library .scroller', `.card.video${last}`)
    await page.locator('.library .segmented button[data-view="list"]').click()
    await page.locator('.row.video').first().waitFor()
    await both('Reel list', '.library .scroller', `.row.video${last}`)
    await page.goto(base.url)
    await page.locator('a').last().waitFor({ state: 'attached' })
    await both('baseline: FileServer page', null, null)
  } finally {
    await ctx.close()
  }
  return out
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'reel-bench-'))
  let reel
  let base
  let browser
  try {
    const t0 = performance.now()
    const dir = makeVideos(work, files, { media: true })
    console.log(`folder: ${count.format(files)} videos made in ${ms(performance.now() - t0)}; ${runs} runs each, medians`)
    reel = await startServer({ dir, ensure: false })
    base = await startFileServer(dir, work)
    browser = await launchBrowser()

    const listing = await benchListing(reel, base)
    const paint = await benchPaint(browser, reel, base)
    const scroll = await benchScroll(browser, reel, base)

    const ratio = (a, b) => `${(a / b).toFixed(2)}×`
    console.log()
    console.log(
      table([
        ['measure (median)', 'Reel', 'baseline', 'Reel / baseline'],
        [`GET listing of ${count.format(files)} videos`, ms(listing.reel), ms(listing.base), ratio(listing.reel, listing.base)],
        ['  body size', `${(listing.reelBytes / 1e6).toFixed(2)} MB`, `${(listing.baseBytes / 1e6).toFixed(2)} MB`, ''],
        ['navigation → first video painted', ms(paint.reel), ms(paint.base), ratio(paint.reel, paint.base)],
      ]),
    )
    console.log('  Reel: GET /api/library (JSON: ids, sizes, dates, natural order, media URLs)')
    console.log('  baseline: Go net/http FileServer, GET / (HTML listing) and its page in Chromium')
    console.log()
    console.log(
      `scrolling, ${scrollRepeats} × ${frames} frames each: gaps between animation frames (16.7 ms = 60 fps, every frame drawn)`,
    )
    console.log(
      table([
        ['page, speed', 'page height', 'px/frame', 'frames', 'median', 'p95', 'max', '> 33 ms'],
        ...scroll.map(([name, s]) => [
          name,
          `${count.format(Math.round(s.height))} px`,
          count.format(Math.round(s.perFrame)),
          s.frames,
          ms(s.median),
          ms(s.p95),
          ms(s.max),
          s.slow,
        ]),
      ]),
    )
    console.log('  The grid asks Go for the posters of the cards in view; Go runs ffmpeg for those not made yet.')
  } finally {
    await browser?.close().catch(() => {})
    await reel?.stop()
    base?.stop()
    rmSync(work, { recursive: true, force: true })
  }
}

await main()
