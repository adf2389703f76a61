// The page of bench/assfeed/bench.mjs: JASSUB 2.5.16's worker, as
// frontend/src/player/ass.ts starts it, given a long script in parts two
// ways. window.bench runs one way and answers its times in milliseconds.
import JASSUB from 'jassub'
import workerURL from 'jassub/dist/worker/worker.js?worker&url'
import wasmURL from 'jassub/dist/wasm/jassub-worker.wasm?url'
import modernWasmURL from 'jassub/dist/wasm/jassub-worker-modern.wasm?url'
import defaultFontURL from 'jassub/dist/default.woff2?url'
import { ASSParts } from '../../frontend/src/player/assfeed'

declare global {
  interface Window {
    bench(header: string, lines: string[], parts: number, way: 'setTrack' | 'processChunk'): Promise<Record<string, number>>
  }
}

/** start makes a renderer holding script, on a fresh canvas, and waits for its worker. */
async function start(script: string): Promise<JASSUB> {
  const canvas = document.createElement('canvas')
  canvas.width = 1280
  canvas.height = 720
  document.body.append(canvas)
  const font = new Uint8Array(await (await fetch(defaultFontURL)).arrayBuffer())
  const r = new JASSUB({
    canvas,
    subContent: script,
    fonts: [font],
    workerUrl: workerURL,
    wasmUrl: wasmURL,
    modernWasmUrl: modernWasmURL,
    availableFonts: {},
    defaultFont: 'liberation sans',
    queryFonts: false,
  })
  await r.ready
  return r
}

window.bench = async (header, lines, parts, way) => {
  const size = Math.ceil(lines.length / parts)
  const r = await start(header + '\n' + lines.slice(0, size).join('\n') + '\n')
  const merged = new ASSParts()
  merged.take(header + '\n' + lines.slice(0, size).join('\n'), 0)
  let worst = 0
  const t0 = performance.now()
  for (let from = size; from < lines.length; from += size) {
    const t = performance.now()
    if (way === 'setTrack') {
      // The simple way: the whole script so far, parsed anew.
      await r.renderer.setTrack(header + '\n' + lines.slice(0, from + size).join('\n') + '\n')
    } else {
      const part = header + '\n' + lines.slice(from, from + size).join('\n') + '\n'
      await Promise.all(merged.take(part, from).map((l) => r.renderer.processChunk(l.chunk, l.Start, l.Duration)))
    }
    worst = Math.max(worst, performance.now() - t)
  }
  const total = performance.now() - t0
  const events = (await r.renderer.getEvents()).length
  // One draw at 60 s, so that a broken track would show as an error here.
  await r.renderer._draw(60, true)
  await r.destroy()
  return { total, worst, events }
}
