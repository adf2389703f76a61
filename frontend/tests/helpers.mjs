// Shared pieces of the browser tests: the `reel serve` process, the test
// videos, Chromium, and the page's console errors and failed requests.
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const frontendDir = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** reelBin is the `reel` binary under test. */
export const reelBin = process.env.REEL_BIN
  ? resolve(process.env.REEL_BIN)
  : resolve(frontendDir, '../build/bin/reel-serve-test')

/** videosDir is the folder the server opens. */
export const videosDir = process.env.REEL_TEST_VIDEOS
  ? resolve(process.env.REEL_TEST_VIDEOS)
  : resolve(frontendDir, '../testdata-gen/videos')

const videosScript = resolve(frontendDir, '../scripts/testvideos.sh')

/** formatsDir is the format corpus scripts/testformats.sh makes (issue 9). */
export const formatsDir = process.env.REEL_TEST_FORMATS ? resolve(process.env.REEL_TEST_FORMATS) : resolve(videosDir, '../formats')

/** ensureFormats makes the format corpus in formatsDir unless it is there already (the script checks). */
export function ensureFormats({ stdio = 'ignore' } = {}) {
  execFileSync('bash', [resolve(frontendDir, '../scripts/testformats.sh'), formatsDir], { stdio })
}

/**
 * startCorpusSession starts a session (startSession) on a new folder
 * holding copies of corpus files, as copies maps new names to the corpus
 * file each copies, and opens its page. close() also removes the folder.
 */
export async function startCorpusSession(prefix, copies) {
  ensureFormats()
  const dir = mkdtempSync(join(tmpdir(), prefix))
  for (const [name, from] of Object.entries(copies)) copyFileSync(join(formatsDir, from), join(dir, name))
  const session = await startSession({ dir, ensure: false })
  await session.page.goto(session.server.url)
  const close = session.close
  return Object.assign(session, {
    dir,
    async close() {
      await close()
      rmSync(dir, { recursive: true, force: true })
    },
  })
}

/** ensureVideos makes big-5h.mp4 and Extras/clip.mp4 when they are missing. */
export function ensureVideos(dir = videosDir) {
  const big = resolve(dir, 'big-5h.mp4')
  const clip = resolve(dir, 'Extras/clip.mp4')
  const ok = (p, min) => existsSync(p) && statSync(p).size >= min
  if (ok(big, 2 ** 31) && ok(clip, 1)) return
  const r = spawnSync('bash', [videosScript, dir], { stdio: ['ignore', 'inherit', 'inherit'] })
  if (r.status !== 0) throw new Error(`${videosScript} ${dir} failed with status ${r.status}`)
}

/** redact hides the token in URLs that end up in messages. */
export function redact(s) {
  return String(s).replace(/token=[^&\s"']+/g, 'token=…')
}

/**
 * startServer runs `reel serve FOLDER` and resolves once it printed its URL.
 * The result has url (with the token), origin, port, token, and stop().
 * env adds environment variables; ensure=false skips making the big test
 * videos (for a folder the test built itself). Unless env names its own
 * REEL_DB, the server gets a database and poster cache in a temporary folder
 * (stateDir, removed by stop()), so tests never touch the user's. bin runs
 * another build (a benchmark's baseline).
 */
export async function startServer({ dir = videosDir, timeoutMs = 20_000, env = {}, ensure = true, bin = reelBin } = {}) {
  if (!existsSync(bin)) {
    throw new Error(
      `no reel binary at ${bin}; build it with: cd frontend && npm run build && cd .. && go build -o build/bin/reel-serve-test .`,
    )
  }
  if (ensure) ensureVideos(dir)
  const ownState = env.REEL_DB === undefined ? mkdtempSync(join(tmpdir(), 'reel-state-')) : null
  const stateEnv = ownState ? { REEL_DB: join(ownState, 'reel.db'), REEL_CACHE: join(ownState, 'cache') } : {}
  const removeState = () => ownState && rmSync(ownState, { recursive: true, force: true })
  const proc = spawn(bin, ['serve', '--addr', '127.0.0.1:0', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...stateEnv, ...env },
  })
  let stderr = ''
  proc.stderr.setEncoding('utf8')
  proc.stderr.on('data', (d) => {
    stderr += d
  })
  const exited = new Promise((res) => proc.once('exit', (code, signal) => res({ code, signal })))

  const lines = createInterface({ input: proc.stdout })
  let timer
  const firstLine = await Promise.race([
    new Promise((res) => lines.once('line', res)),
    exited.then(({ code, signal }) => {
      throw new Error(`reel serve exited (code ${code}, signal ${signal}) before printing its URL:\n${stderr}`)
    }),
    new Promise((_, rej) => {
      timer = setTimeout(() => rej(new Error(`reel serve printed no URL within ${timeoutMs} ms:\n${stderr}`)), timeoutMs)
    }),
  ]).catch((err) => {
    proc.kill('SIGKILL')
    removeState()
    throw err
  })
  clearTimeout(timer)
  // Keep reading so the server never blocks on a full pipe.
  lines.on('line', () => {})

  const m = /^http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_\-%]+)$/.exec(firstLine.trim())
  if (!m) {
    proc.kill('SIGKILL')
    removeState()
    throw new Error(`unexpected first line from reel serve: ${JSON.stringify(redact(firstLine))}`)
  }
  const url = firstLine.trim()
  const port = Number(m[1])
  const token = decodeURIComponent(m[2])

  let stopped = false
  async function stop() {
    if (stopped) return
    stopped = true
    if (proc.exitCode === null && proc.signalCode === null) {
      proc.kill('SIGTERM')
      const t = setTimeout(() => proc.kill('SIGKILL'), 5_000)
      await exited
      clearTimeout(t)
    }
    removeState()
  }
  return {
    url,
    origin: `http://127.0.0.1:${port}`,
    port,
    token,
    stateDir: ownState ?? undefined,
    proc,
    stop,
    stderr: () => stderr,
  }
}

/**
 * api is the tests' one client of the JSON API: it calls path on srv from
 * Node with srv's token, and resolves to the decoded JSON answer (null for
 * another kind). A status of 400 or more rejects with the route and body.
 */
export async function api(srv, path, init) {
  const u = new URL(path, srv.origin)
  u.searchParams.set('token', srv.token)
  const res = await fetch(u, init)
  const body = res.headers.get('content-type')?.includes('json') ? await res.json() : null
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${path}: ${res.status} ${JSON.stringify(body)}`)
  return body
}

/** putJSON is api with a PUT of body as JSON. */
export function putJSON(srv, path, body) {
  return api(srv, path, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
}

/**
 * until is the tests' one polling helper: it calls fn (which may be async)
 * every everyMs until it returns a truthy value, and resolves to that
 * value. After timeoutMs it fails, saying what was awaited and what fn
 * returned last. For what the page shows, prefer Playwright's own waits.
 */
export async function until(fn, what, { timeoutMs = 10_000, everyMs = 50 } = {}) {
  const end = Date.now() + timeoutMs
  let last
  for (;;) {
    last = await fn()
    if (last) return last
    if (Date.now() >= end) throw new Error(`${what}: not so after ${timeoutMs} ms (last: ${redact(JSON.stringify(last))})`)
    await new Promise((r) => setTimeout(r, everyMs))
  }
}

/**
 * startSession is the tests' one way to start what a test needs: `reel
 * serve` on dir (startServer's options) and Chromium with one page
 * (openBrowser's options). close() ends both; it is safe to call twice.
 */
export async function startSession({ dir, ensure, env, contextOptions, init, timeoutMs } = {}) {
  const server = await startServer({ dir, ensure, env })
  let chromium
  try {
    chromium = await openBrowser({ contextOptions, init, timeoutMs })
  } catch (err) {
    await server.stop()
    throw err
  }
  return {
    server,
    ...chromium,
    async close() {
      await chromium.close()
      await server.stop()
    },
  }
}

/** launchBrowser starts Debian's Chromium through playwright-core. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.REEL_CHROMIUM || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
      '--mute-audio',
    ],
  })
}

/**
 * openBrowser launches Chromium with one context and page, and watches the
 * page (watchPage). init, when given, runs in every document before its own
 * scripts. close() ends the context and the browser.
 */
export async function openBrowser({ contextOptions = { viewport: { width: 1280, height: 720 } }, init, timeoutMs = 15_000 } = {}) {
  const browser = await launchBrowser()
  const context = await browser.newContext(contextOptions)
  if (init) await context.addInitScript(init)
  const page = await context.newPage()
  page.setDefaultTimeout(timeoutMs)
  return {
    browser,
    context,
    page,
    watcher: watchPage(page),
    async close() {
      await context.close().catch(() => {})
      await browser.close().catch(() => {})
    },
  }
}

/**
 * watchPage records console errors, uncaught page errors and failed
 * requests of page. unexpected() leaves out media requests that Chromium
 * cancels itself (a seek or an unload aborts the range request in flight),
 * the library's long poll on /api/changes, which the page cancels whenever
 * it leaves a folder, the status line's poll of /api/status that an unload
 * cuts short, and the 404 of the /favicon.ico that Chromium asks for
 * on its own.
 */
export function watchPage(page) {
  const problems = { console: [], page: [], requests: [] }
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.console.push(redact(`${msg.text()} @ ${msg.location()?.url ?? ''}`))
  })
  page.on('pageerror', (err) => problems.page.push(String(err?.stack ?? err)))
  page.on('requestfailed', (req) => {
    problems.requests.push({ url: redact(req.url()), error: req.failure()?.errorText ?? 'unknown' })
  })
  page.on('response', (res) => {
    if (res.status() >= 400) problems.requests.push({ url: redact(res.url()), error: `HTTP ${res.status()}` })
  })
  const path = (u) => {
    try {
      return new URL(u).pathname
    } catch {
      return ''
    }
  }
  return {
    problems,
    /** favicon lists the browser's own /favicon.ico misses (the page names no icon). */
    favicon() {
      return [...problems.console, ...problems.requests.map((r) => r.url)].filter((s) => s.includes('/favicon.ico'))
    },
    unexpected() {
      return {
        console: problems.console.filter((m) => !/ 404 .*@ http:\/\/127\.0\.0\.1:\d+\/favicon\.ico$/.test(m)),
        page: problems.page,
        requests: problems.requests.filter(
          (r) =>
            !(path(r.url).startsWith('/media/') && r.error === 'net::ERR_ABORTED') &&
            !(path(r.url) === '/api/changes' && r.error === 'net::ERR_ABORTED') &&
            // The player's module, fetched ahead once the library is drawn, is cut short by a reload.
            !(path(r.url).startsWith('/assets/player-') && r.error === 'net::ERR_ABORTED') &&
            !(path(r.url) === '/api/status' && r.error === 'net::ERR_ABORTED') &&
            // A video's tracks and their extracted text, still on their way when the player closes or the page reloads.
            !(path(r.url).startsWith('/api/tracks/') && r.error === 'net::ERR_ABORTED') &&
            !(path(r.url) === '/favicon.ico' && r.error === 'HTTP 404'),
        ),
      }
    },
  }
}

/**
 * showAsList switches the library to its list view (the grid is the
 * default), where videos are `.row.video` rows and folders `.row.folder`.
 */
export async function showAsList(page) {
  await page.locator('.library .segmented button[data-view="list"]').click()
  await page.locator('section.library.as-list').waitFor()
}

/** showAsGrid switches the library to its card grid. */
export async function showAsGrid(page) {
  await page.locator('.library .segmented button[data-view="grid"]').click()
  await page.locator('section.library.as-grid').waitFor()
}

/**
 * makeLibrary builds a folder for the library tests in a new temporary
 * folder and returns its path; remove it when done. The clips are cut from
 * Extras/clip.mp4 with ffmpeg, so sizes, dates and durations all differ:
 *
 *   name order   ep1.mp4, ep2.mp4, ep10.mp4, Zeta.mkv
 *   size         Zeta.mkv (3 kB of zeros) < ep1 < ep10 < ep2
 *   date         ep2 (January) < ep10 (February) < ep1 (March) < Zeta.mkv (April)
 *   duration     ep1 5 s < ep10 10 s < ep2 20 s; Zeta.mkv cannot be read
 *   Season 2/    s2e1.mp4 … s2e8.mp4, a byte each
 */
export function makeLibrary() {
  ensureVideos()
  const clip = resolve(videosDir, 'Extras/clip.mp4')
  const dir = mkdtempSync(join(tmpdir(), 'reel-library-'))
  const cut = (name, seconds, month) => {
    const out = join(dir, name)
    const r = spawnSync('ffmpeg', ['-loglevel', 'error', '-y', '-i', clip, '-t', String(seconds), '-c', 'copy', out], {
      stdio: ['ignore', 'inherit', 'inherit'],
    })
    if (r.status !== 0) throw new Error(`ffmpeg could not cut ${name} (status ${r.status}); the library tests need ffmpeg`)
    dated(out, month)
  }
  const dated = (path, month) => {
    const t = new Date(Date.UTC(2024, month - 1, 10, 12))
    utimesSync(path, t, t)
  }
  cut('ep1.mp4', 5, 3)
  cut('ep2.mp4', 20, 1)
  cut('ep10.mp4', 10, 2)
  writeFileSync(join(dir, 'Zeta.mkv'), Buffer.alloc(3000))
  dated(join(dir, 'Zeta.mkv'), 4)
  mkdirSync(join(dir, 'Season 2'))
  for (let i = 1; i <= 8; i++) writeFileSync(join(dir, 'Season 2', `s2e${i}.mp4`), 'x')
  return dir
}

/**
 * mustNotHappen is the tests' one bounded wait for something that must NOT
 * happen: it lets ms go by, so that what the test asserts next has had the
 * time to go wrong. what names what must not happen meanwhile, for the
 * reader. What must happen is awaited with until or Playwright's own waits,
 * never with this.
 */
export function mustNotHappen(what, ms) {
  if (!what || !(ms > 0)) throw new Error(`mustNotHappen needs what must not happen and a time, got ${JSON.stringify(what)}, ${ms}`)
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/**
 * makeClips makes a seconds-long 320×180 H.264/AAC clip (a key frame a
 * second, moov first) with ffmpeg in dir under each of names: one encode,
 * then copies, so that each test can have a video of its own cheaply.
 */
export function makeClips(dir, names, seconds) {
  const [first, ...rest] = names
  const r = spawnSync(
    'ffmpeg',
    [
      '-loglevel', 'error', '-y',
      '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=25',
      '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
      '-t', String(seconds), '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '25', '-pix_fmt', 'yuv420p',
      '-c:a', 'aac', '-movflags', '+faststart', join(dir, first),
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  )
  if (r.status !== 0) throw new Error(`ffmpeg could not make ${first} (status ${r.status})`)
  for (const name of rest) copyFileSync(join(dir, first), join(dir, name))
}

/**
 * redPixels screenshots the styled-subtitle renderer's canvas (JASSUB's,
 * over the player's video) and answers the box of its red pixels as
 * fractions of the canvas (box null under 50 of them), with the canvas's
 * and the video's boxes; null while there is no canvas, or before JASSUB
 * laid it over the picture (the tests' 16:9 pictures fill the video's
 * width, and so must the canvas).
 */
export async function redPixels(page) {
  const canvas = page.locator('canvas.reel-ass')
  if ((await canvas.count()) !== 1) return null
  const rect = await canvas.boundingBox()
  const video = await page.locator('section.player video').boundingBox()
  if (!rect || !video || rect.height < 1 || rect.y < 0 || Math.abs(rect.x - video.x) > 1 || Math.abs(rect.width - video.width) > 1) return null
  const png = await page.screenshot({ clip: rect, type: 'png' })
  const r = spawnSync('convert', ['png:-', '-depth', '8', 'rgb:-'], { input: png, maxBuffer: 64 << 20 })
  if (r.status !== 0) throw new Error(`ImageMagick's convert failed: ${r.stderr}`)
  const px = r.stdout
  const w = Math.round(px.length / 3 / Math.round(rect.height)) // the screenshot's own size, in device pixels
  const h = px.length / 3 / w
  let [minX, minY, maxX, maxY, count] = [w, h, -1, -1, 0]
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = 3 * (y * w + x)
      if (px[i] > 180 && px[i + 1] < 90 && px[i + 2] < 90) {
        count++
        minX = Math.min(minX, x)
        maxX = Math.max(maxX, x)
        minY = Math.min(minY, y)
        maxY = Math.max(maxY, y)
      }
    }
  }
  const box = count < 50 ? null : { left: minX / w, top: minY / h, width: (maxX - minX + 1) / w, height: (maxY - minY + 1) / h, count }
  return { box, rect, video }
}

/** pauseVideoAt pauses the player's video at t seconds and waits for the seek to land. */
export function pauseVideoAt(page, t) {
  return page.evaluate(
    (t) =>
      new Promise((res, rej) => {
        const v = document.querySelector('section.player video')
        v.pause()
        const timer = setTimeout(() => rej(new Error(`no seeked for ${t}`)), 10_000)
        v.addEventListener('seeked', () => (clearTimeout(timer), res()), { once: true })
        v.currentTime = t
      }),
    t,
  )
}
