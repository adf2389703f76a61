// A folder of 100,000 videos (issue 11 item 10): how soon the first cards
// paint in Chromium and how much memory `reel serve` takes, with the
// listing read a page at a time, against the whole-answer baseline in the
// same run: GET /api/library of the whole folder from the same binary,
// and, when REEL_BASELINE_BIN names a build from before paging, that
// build's page in Chromium.
//
//   node bench/library-100k.mjs [--files 100000] [--runs 3]
//
// Needs the `reel` binary (REEL_BIN, default build/bin/reel), Debian's
// Chromium and the frontend's npm packages (playwright-core). Every run
// starts a fresh server (a cold folder: nothing read or sorted yet).
//
// What is measured:
//   first page   GET /api/library?dir=&offset=0&limit=400 from Node, cold.
//   whole        GET /api/library?dir= from Node, cold, the whole body read.
//   paint        navigation start to the first video card painted, cold;
//                "painted" is the first task after the animation frame that
//                follows the card's insertion.
//   server CPU   user and system time of the server from its start to the
//                answer (GET rows): what the listing costs, whatever else
//                the machine runs.
//   again        paint, with one database for every launch: the folder's
//                first page comes kept from the launch before (issue 8).
//   peak RSS     VmHWM of the server process: after the page has read every
//                page of the listing (or, for the whole answer, after it).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { launchBrowser, startServer } from '../frontend/tests/helpers.mjs'
import { makeVideos, median, option, table } from './folder.mjs'

const files = option('files', 100_000)
const runs = option('runs', 3)
const reelBin = resolve(process.env.REEL_BIN ?? 'build/bin/reel')
const baselineBin = process.env.REEL_BASELINE_BIN ? resolve(process.env.REEL_BASELINE_BIN) : null

const ms = (x) => `${x.toFixed(0)} ms`
const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`

/** peakRSS reads the peak resident set of a process, in kB. */
function peakRSS(pid) {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return m ? Number(m[1]) : NaN
}

/** serve starts bin on dir with the poster maker off (no ffmpeg runs skewing the memory). */
function serve(bin, dir, env = {}) {
  return startServer({ bin, dir, ensure: false, env: { REEL_THUMBNAILER: 'webview', ...env } })
}

async function timeGet(url, token) {
  const t0 = performance.now()
  const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } })
  const body = await res.arrayBuffer()
  if (!res.ok) throw new Error(`GET ${url}: ${res.status}`)
  return { ms: performance.now() - t0, bytes: body.byteLength }
}

function markFirst(selector) {
  window.__first = null
  const mo = new MutationObserver(() => {
    if (document.querySelector(selector)) {
      mo.disconnect()
      requestAnimationFrame(() => setTimeout(() => (window.__first ??= performance.now()), 0))
    }
  })
  mo.observe(document, { childList: true, subtree: true })
}

/** paint opens the app of a fresh server and returns the first paint and the server's peak RSS once every page came. */
async function paint(browser, bin, dir, env = {}) {
  const srv = await serve(bin, dir, env)
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } })
  try {
    await ctx.addInitScript(markFirst, '.card.video')
    const page = await ctx.newPage()
    let pages = 0
    page.on('response', (r) => r.url().includes('/api/library') && pages++)
    await page.goto(srv.url, { waitUntil: 'commit' })
    await page.waitForFunction(() => window.__first !== null, null, { timeout: 60_000 })
    const first = await page.evaluate(() => window.__first)
    // Every page of the listing: the count of videos reaches the folder's.
    await page.waitForFunction(
      (n) => document.body.innerText.replace(/[,\u202f\u00a0]/g, '').includes(String(n)),
      files,
      { timeout: 120_000 },
    )
    return { first, rss: peakRSS(srv.proc.pid), requests: pages }
  } finally {
    await ctx.close()
    await srv.stop()
  }
}

/**
 * cpuMs is the CPU time a process has used, user and system, in ms: unlike
 * the wall time it hardly depends on what else the machine runs.
 */
function cpuMs(pid) {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100 // utime, stime in ticks of 1/100 s
}

async function listing(bin, dir, query) {
  const srv = await serve(bin, dir)
  try {
    const r = await timeGet(`${srv.origin}/api/library?dir=${query}`, srv.token)
    // From the server's start: opening the folder reads its names ahead.
    return { ...r, cpu: cpuMs(srv.proc.pid), rss: peakRSS(srv.proc.pid) }
  } finally {
    await srv.stop()
  }
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'reel-bench-100k-'))
  let browser
  try {
    const dir = makeVideos(work, files)
    console.log(`folder: ${files} videos (a byte each); ${runs} cold runs each, medians`)
    browser = await launchBrowser()
    const rows = [['measure (median)', 'time', 'server CPU', 'body', 'server peak RSS']]
    const add = (name, rs) =>
      rows.push([
        name,
        ms(median(rs.map((r) => r.ms ?? r.first))),
        rs[0].cpu === undefined ? '' : ms(median(rs.map((r) => r.cpu))),
        rs[0].bytes ? `${(rs[0].bytes / 1e6).toFixed(1)} MB` : '',
        mb(median(rs.map((r) => r.rss))),
      ])
    const collect = async (fn) => {
      const out = []
      for (let i = 0; i < runs; i++) out.push(await fn())
      return out
    }
    add('GET first page (400 videos)', await collect(() => listing(reelBin, dir, '&offset=0&limit=400')))
    add('baseline: GET whole folder', await collect(() => listing(reelBin, dir, '')))
    const paged = await collect(() => paint(browser, reelBin, dir))
    add(`Chromium: first card painted (${paged[0].requests} listing requests)`, paged)
    if (baselineBin) add('baseline build: first card painted', await collect(() => paint(browser, baselineBin, dir)))
    // Opened again (issue 8): one database for every launch, the first
    // page kept by the launch before; the first launch is not counted.
    const state = { REEL_DB: join(work, 'again.db'), REEL_CACHE: join(work, 'again-cache') }
    await paint(browser, reelBin, dir, state)
    add('Chromium: first card painted, opened again (kept first page)', await collect(() => paint(browser, reelBin, dir, state)))
    console.log()
    console.log(table(rows))
    console.log('  peak RSS: after all pages reached the page (paint rows), or after the GET (GET rows)')
  } finally {
    await browser?.close().catch(() => {})
    rmSync(work, { recursive: true, force: true })
  }
}

await main()
