// Issue 10: an embedded ASS track's later lines, added to the renderer as
// the server's answers bring them. Baseline: JASSUB's setTrack with the
// whole script so far at each answer (the script parsed anew each time);
// against it, processChunk with each answer's new lines (ass.ts's way).
// A 10,000-line script arrives in 100 answers of 100 lines, each way
// in turn, ROUNDS times, in Chromium (no GPU) on the JASSUB worker
// frontend/src/player/ass.ts starts. It prints each way's total and worst
// answer in milliseconds, and the events libass holds at the end.
//
//   node bench/assfeed/bench.mjs        (after make frontend-deps)
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRequire } from 'node:module'
import { openBrowser } from '../../frontend/tests/helpers.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const frontend = resolve(here, '../../frontend')
const { createServer } = await import(createRequire(join(frontend, 'package.json')).resolve('vite'))
const rounds = Number(process.env.ROUNDS ?? 3)
const lineCount = Number(process.env.LINES ?? 10_000)
const parts = Number(process.env.PARTS ?? 100)

const header = [
  '[Script Info]',
  'ScriptType: v4.00+',
  'PlayResX: 1920',
  'PlayResY: 1080',
  '',
  '[V4+ Styles]',
  'Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding',
  'Style: Default,Liberation Sans,60,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,2,1,2,10,10,40,1',
  'Style: Sign,Liberation Sans,40,&H0000FFFF,&H000000FF,&H00000000,&H00000000,1,0,0,0,100,100,0,0,1,2,0,8,10,10,40,1',
  '',
  '[Events]',
  'Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text',
].join('\n')

/** ts is an ASS timestamp of ms. */
const ts = (ms) => {
  const cs = Math.floor(ms / 10)
  const h = Math.floor(cs / 360000)
  const m = Math.floor(cs / 6000) % 60
  const s = Math.floor(cs / 100) % 60
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(cs % 100).padStart(2, '0')}`
}

// A film's dialogue every 0.6 s, every fifth line a positioned sign with a fade.
const lines = Array.from({ length: lineCount }, (_, i) => {
  const start = i * 600
  return i % 5 === 4
    ? `Dialogue: 1,${ts(start)},${ts(start + 3000)},Sign,,0,0,0,,{\\pos(960,200)\\fad(100,100)}Sign number ${i}, on the wall`
    : `Dialogue: 0,${ts(start)},${ts(start + 2000)},Default,,0,0,0,,Line ${i}: and then, he said, the thing about the river\\Nwas that it never stopped`
})

const server = await createServer({
  configFile: false,
  root: here,
  logLevel: 'error',
  // The page lives here; JASSUB is the frontend's own copy, served as it
  // is (a pre-bundled copy loses its ?worker&url import), and its debug
  // overlay's one CommonJS import has a stand-in.
  resolve: {
    alias: [
      { find: /^jassub/, replacement: join(frontend, 'node_modules/jassub') },
      { find: /^throughput$/, replacement: join(here, 'throughput.ts') },
    ],
  },
  optimizeDeps: { noDiscovery: true },
  cacheDir: join(tmpdir(), 'reel-bench-assfeed-vite'), // not in the repository
  server: { port: 0, host: '127.0.0.1', fs: { allow: [here, frontend] } },
})
await server.listen()
const url = server.resolvedUrls.local[0]
const browser = await openBrowser({ timeoutMs: 600_000 })
try {
  const { page } = browser
  const errors = []
  page.on('pageerror', (e) => errors.push(String(e)))
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
  page.on('requestfailed', (r) => errors.push(`${r.url()}: ${r.failure()?.errorText}`))
  await page.goto(url)
  await page.waitForFunction(() => typeof window.bench === 'function', null, { timeout: 60_000 }).catch((e) => {
    throw new Error(`the bench page did not start: ${errors.join('; ') || e.message}`)
  })
  const results = { setTrack: [], processChunk: [] }
  // A first round of each, not counted: Vite compiles the modules, the worker's WebAssembly warms.
  for (let round = 0; round <= rounds; round++) {
    for (const way of ['setTrack', 'processChunk']) {
      const r = await page.evaluate(({ header, lines, parts, way }) => window.bench(header, lines, parts, way), { header, lines, parts, way })
      if (round > 0) results[way].push(r)
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
  console.log(`${lineCount} lines in ${parts} answers, ${rounds} rounds (median; each round's figures in brackets)`)
  for (const [way, rs] of Object.entries(results)) {
    console.log(
      `${way.padEnd(13)} total ${median(rs.map((r) => r.total)).toFixed(0).padStart(6)} ms [${rs.map((r) => r.total.toFixed(0)).join(' ')}]` +
        `  worst answer ${median(rs.map((r) => r.worst)).toFixed(1).padStart(6)} ms [${rs.map((r) => r.worst.toFixed(1)).join(' ')}]` +
        `  events held ${rs.map((r) => r.events).join(' ')}`,
    )
  }
  if (errors.length) console.log('page errors:', errors)
} finally {
  await browser.close()
  await server.close()
}
