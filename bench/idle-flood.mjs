// An idle-connection flood against `reel serve` (issue 11 item 2): N
// connections that send nothing, N that get a 401 and then stay quiet, and
// N kept alive after an answered request, all from this machine. Reports
// how many the server still holds open over time, and how long a request
// with the token takes meanwhile, for
// REEL_BIN and, in the same run, REEL_BASELINE_BIN when given (a build
// from before the timeouts).
//
//   node bench/idle-flood.mjs [--conns 2000] [--watch 70]
//
// The real timeouts are 10 s for a request head and 60 s idle, so a run
// watches for --watch seconds.
import net from 'node:net'
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startServer } from '../frontend/tests/helpers.mjs'

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`)
  return i < 0 ? fallback : Number(process.argv[i + 1])
}
const conns = option('conns', 2000)
const watchSeconds = option('watch', 70)
const bins = [['reel', resolve(process.env.REEL_BIN ?? 'build/bin/reel')]]
if (process.env.REEL_BASELINE_BIN) bins.push(['baseline', resolve(process.env.REEL_BASELINE_BIN)])

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
const fds = (pid) => readdirSync(`/proc/${pid}/fd`).length
const rss = (pid) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1])

/** flood opens n connections to port, each sending what (or nothing), and counts those still open. */
function flood(port, n, what) {
  const open = new Set()
  for (let i = 0; i < n; i++) {
    const s = net.connect(port, '127.0.0.1', () => what && s.write(what))
    open.add(s)
    s.on('data', () => {})
    s.on('error', () => open.delete(s))
    s.on('close', () => open.delete(s))
  }
  return { open: () => open.size, close: () => open.forEach((s) => s.destroy()) }
}

async function timed(srv) {
  const t0 = performance.now()
  const res = await fetch(`${srv.origin}/api/state`, { headers: { Authorization: `Bearer ${srv.token}` } })
  await res.arrayBuffer()
  return `${res.status} in ${(performance.now() - t0).toFixed(0)} ms`
}

const work = mkdtempSync(join(tmpdir(), 'reel-bench-flood-'))
try {
  const dir = join(work, 'videos')
  mkdirSync(dir)
  writeFileSync(join(dir, 'a.mp4'), 'x')
  console.log(`${conns} connections each: silent, kept after a 401, kept after an answer; watched for ${watchSeconds} s`)
  for (const [name, bin] of bins) {
    const srv = await startServer({ bin, dir, ensure: false })
    const silent = flood(srv.port, conns, '')
    const refused = flood(srv.port, conns, `GET /api/state HTTP/1.1\r\nHost: 127.0.0.1:${srv.port}\r\n\r\n`)
    const answered = flood(srv.port, conns, `GET /api/status HTTP/1.1\r\nHost: 127.0.0.1:${srv.port}\r\nAuthorization: Bearer ${srv.token}\r\n\r\n`)
    const start = performance.now()
    try {
      for (const at of [2, 12, watchSeconds]) {
        await sleep(Math.max(0, start + at * 1000 - performance.now()))
        console.log(
          `${name.padEnd(8)} t≈${String(at).padStart(2)} s: held open: ${silent.open()} silent, ${refused.open()} refused, ${answered.open()} answered; server fds ${fds(srv.proc.pid)}, RSS ${(rss(srv.proc.pid) / 1024).toFixed(0)} MB; request with the token: ${await timed(srv)}`,
        )
      }
    } finally {
      silent.close()
      refused.close()
      answered.close()
      await srv.stop()
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true })
}
