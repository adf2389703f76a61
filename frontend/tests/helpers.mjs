// Shared pieces of the browser tests: the `reel serve` process, the test
// videos, Chromium, and the page's console errors and failed requests.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
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
 */
export async function startServer({ dir = videosDir, timeoutMs = 20_000 } = {}) {
  if (!existsSync(reelBin)) {
    throw new Error(
      `no reel binary at ${reelBin}; build it with: cd frontend && npm run build && cd .. && go build -o build/bin/reel-serve-test .`,
    )
  }
  ensureVideos(dir)
  const proc = spawn(reelBin, ['serve', '--addr', '127.0.0.1:0', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
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
    throw err
  })
  clearTimeout(timer)
  // Keep reading so the server never blocks on a full pipe.
  lines.on('line', () => {})

  const m = /^http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_\-%]+)$/.exec(firstLine.trim())
  if (!m) {
    proc.kill('SIGKILL')
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
  }
  return {
    url,
    origin: `http://127.0.0.1:${port}`,
    port,
    token,
    proc,
    stop,
    stderr: () => stderr,
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
 * watchPage records console errors, uncaught page errors and failed
 * requests of page. unexpected() leaves out media requests that Chromium
 * cancels itself (a seek or an unload aborts the range request in flight)
 * and the 404 of the /favicon.ico that Chromium asks for on its own.
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
            !(path(r.url) === '/favicon.ico' && r.error === 'HTTP 404'),
        ),
      }
    },
  }
}
