// Crafted Matroska headers against the server's memory (issue 11 item 4):
// 16 sparse files of a few KB on disk, each a Tracks and a TrackEntry of
// unknown size holding a 60 MB CodecPrivate, probed by four /api/meta
// calls at once. Reports the peak RSS of `reel serve` (REEL_BIN) and, in
// the same run, of REEL_BASELINE_BIN when given (a build from before the
// cap), plus an idle server's RSS for scale.
//
//   node bench/matroska-rss.mjs [--files 16] [--calls 4]
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startServer } from '../frontend/tests/helpers.mjs'

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`)
  return i < 0 ? fallback : Number(process.argv[i + 1])
}
const files = option('files', 16)
const calls = option('calls', 4)
const bins = [['reel', resolve(process.env.REEL_BIN ?? 'build/bin/reel')]]
if (process.env.REEL_BASELINE_BIN) bins.push(['baseline', resolve(process.env.REEL_BASELINE_BIN)])

const hex = (s) => Buffer.from(s, 'hex')
/** size writes an EBML size in 8 bytes; -1 is "unknown". */
const size = (n) => {
  if (n < 0) return hex('01ffffffffffffff')
  const b = Buffer.alloc(8)
  b.writeBigUInt64BE(BigInt(n) | (1n << 56n))
  return b
}
const el = (id, ...parts) => {
  const payload = Buffer.concat(parts)
  return Buffer.concat([hex(id), size(payload.length), payload])
}
const uint = (id, v) => {
  const b = Buffer.alloc(8)
  b.writeBigUInt64BE(BigInt(v))
  return el(id, b)
}
const str = (id, s) => el(id, Buffer.from(s))
const codecPrivateSize = 60 << 20

function craft(path) {
  const head = Buffer.concat([
    el('1a45dfa3', uint('4286', 1), str('4282', 'matroska')),
    hex('18538067'), size(-1), // Segment
    el('1549a966', uint('2ad7b1', 1_000_000)), // Info
    hex('1654ae6b'), size(-1), // Tracks
    hex('ae'), size(-1), // TrackEntry
    uint('83', 1), str('86', 'V_MS/VFW/FOURCC'),
    hex('63a2'), size(codecPrivateSize), // CodecPrivate: its data is the hole
  ])
  writeFileSync(path, head)
  truncateSync(path, head.length + codecPrivateSize)
  appendFileSync(path, el('1f43b675', uint('e7', 0))) // Cluster
}

const peak = (pid) => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1])
const rss = (pid) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1])
const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`

const work = mkdtempSync(join(tmpdir(), 'reel-bench-mkv-'))
try {
  const dir = join(work, 'videos')
  mkdirSync(dir)
  for (let i = 1; i <= files; i++) craft(join(dir, `crafted ${i}.mkv`))
  console.log(`${files} crafted files of ${(codecPrivateSize / 2 ** 20).toFixed(0)} MB apparent size each; ${calls} /api/meta calls at once`)
  for (const [name, bin] of bins) {
    const srv = await startServer({ bin, dir, ensure: false, env: { REEL_THUMBNAILER: 'webview' } })
    try {
      const auth = { Authorization: `Bearer ${srv.token}` }
      const list = await (await fetch(`${srv.origin}/api/library?dir=`, { headers: auth })).json()
      const ids = list.videos.map((v) => v.id)
      const idle = rss(srv.proc.pid)
      const t0 = performance.now()
      const answers = await Promise.all(
        Array.from({ length: calls }, () =>
          fetch(`${srv.origin}/api/meta`, {
            method: 'POST',
            headers: { ...auth, 'Content-Type': 'application/json' },
            body: JSON.stringify({ ids }),
          }).then((r) => r.json()),
        ),
      )
      const took = performance.now() - t0
      const errors = Object.keys(answers[0].errors ?? {}).length
      console.log(
        `${name.padEnd(8)}  idle RSS ${mb(idle)}, peak RSS ${mb(peak(srv.proc.pid))}, ${took.toFixed(0)} ms, ${ids.length - errors} read / ${errors} refused`,
      )
    } finally {
      await srv.stop()
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true })
}
