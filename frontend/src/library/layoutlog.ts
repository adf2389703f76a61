// The layout report for the desktop test: where the video items are on
// screen, logged (only with REEL_EVENT_LOG) once a frame is laid out and
// only when it changed.
import { testLog } from '../testlog'

/** Box is an item on screen, in CSS pixels: a video, or a folder when kind says so. */
export interface Box {
  name: string
  kind?: 'folder'
  x: number
  y: number
  w: number
  h: number
}

/** LayoutLog reports the boxes measure() gives, at most once a frame. */
export class LayoutLog {
  private frame = 0
  private sig = ''

  constructor(private readonly measure: () => { dir: string; view: string; sort: string; cached: boolean; rows: Box[] } | null) {}

  /** schedule reports at the next frame, unless nothing moved. */
  schedule(): void {
    if (this.frame) return
    this.frame = requestAnimationFrame(() => {
      this.frame = 0
      const m = this.measure()
      if (!m) return
      const rows = m.rows.map((b) => ({ name: b.name, ...(b.kind ? { kind: b.kind } : {}), x: Math.round(b.x), y: Math.round(b.y), w: Math.round(b.w), h: Math.round(b.h) }))
      const sig = JSON.stringify(rows)
      if (sig === this.sig) return
      this.sig = sig
      testLog('layout', { dir: m.dir, view: m.view, sort: m.sort, cached: m.cached, rows, dpr: window.devicePixelRatio })
    })
  }
}
