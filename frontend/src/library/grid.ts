// The virtual grid: rows of cards (or list rows) laid out from the width of
// the scroller, with only the rows near the viewport in the DOM. Elements
// are keyed by what they show, so scrolling and live updates move the
// existing ones instead of building them again.
import {
  Virtualizer,
  elementScroll,
  observeElementOffset,
  observeElementRect,
} from '@tanstack/virtual-core'
import { h } from '../dom'
import type { ViewMode } from './model'

/** Sizes of the grid, in CSS pixels. */
export const sizes = {
  pad: 20,
  gap: 16,
  minCard: 224,
  info: 58,
  tile: 60,
  tileGap: 12,
  label: 40,
  listRow: 44,
  top: 12,
  bottom: 28,
  continue: 246,
  listHead: 30,
}

/** Row is one row of the virtual list. */
export interface Row {
  /** head is the list's column headers, right above its rows (issue 13). */
  kind: 'continue' | 'label' | 'head' | 'items'
  start: number
  size: number
  /** First item and how many, for item rows. */
  first: number
  count: number
  /** Height of the items in the row (the rest of size is the gap below). */
  itemH: number
  label: string
}

/** Content is what the grid lays out: folders come first, then videos. */
export interface Content {
  view: ViewMode
  folders: number
  videos: number
  continueRow: boolean
  labels: { folders: string; videos: string } | null
}

export interface Layout {
  rows: Row[]
  /** rowOf[i] is the row holding item i. */
  rowOf: Int32Array
  cols: number
  cardW: number
  width: number
  total: number
}

/** layout computes the rows of c for a scroller width wide. */
export function layout(c: Content, width: number): Layout {
  const rows: Row[] = []
  const n = c.folders + c.videos
  const rowOf = new Int32Array(n)
  let y = sizes.top
  const push = (r: Omit<Row, 'start'>): void => {
    rows.push({ ...r, start: y })
    y += r.size
  }
  if (c.continueRow) push({ kind: 'continue', size: sizes.continue, first: 0, count: 0, itemH: sizes.continue, label: '' })
  const list = c.view === 'list'
  if (list) push({ kind: 'head', size: sizes.listHead, first: 0, count: 0, itemH: sizes.listHead, label: '' })
  const inner = Math.max(0, width - 2 * sizes.pad)
  const cols = list ? 1 : Math.max(1, Math.floor((inner + sizes.gap) / (sizes.minCard + sizes.gap)))
  const cardW = list ? width : (inner - (cols - 1) * sizes.gap) / cols
  const cardH = Math.round((cardW * 9) / 16) + sizes.info
  const section = (first: number, count: number, label: string, itemH: number, gap: number): void => {
    if (count === 0) return
    if (!list && c.labels) push({ kind: 'label', size: sizes.label, first, count: 0, itemH: sizes.label, label })
    for (let i = 0; i < count; i += cols) {
      const k = Math.min(cols, count - i)
      for (let j = 0; j < k; j++) rowOf[first + i + j] = rows.length
      push({ kind: 'items', size: itemH + gap, first: first + i, count: k, itemH, label: '' })
    }
  }
  if (list) {
    section(0, c.folders, '', sizes.listRow, 0)
    section(c.folders, c.videos, '', sizes.listRow, 0)
  } else {
    section(0, c.folders, c.labels?.folders ?? '', sizes.tile, sizes.tileGap)
    section(c.folders, c.videos, c.labels?.videos ?? '', cardH, sizes.gap)
  }
  return { rows, rowOf, cols, cardW, width, total: y + sizes.bottom }
}

/** Drawn is an element on screen with whatever state its owner keeps. */
export interface Drawn {
  readonly el: HTMLElement
}

/** GridHost draws what the grid places. */
export interface GridHost {
  /** keyOf names item i so that it keeps its element across renders. */
  keyOf(i: number): string
  draw(i: number, prev: Drawn | undefined): Drawn
  drawContinue(prev: Drawn | undefined): Drawn
  drawLabel(text: string, prev: Drawn | undefined): Drawn
  /** drawHead draws the list's column headers, in the list above its rows. */
  drawHead(prev: Drawn | undefined): Drawn
  /** headStuck says whether the list's headers scrolled above the viewport (the view then pins a copy at its top). */
  headStuck(stuck: boolean): void
  /** rendered lists the items in the DOM, those in the viewport first. */
  rendered(items: number[]): void
}

/** VirtualGrid owns the scroller and the positioned elements inside it. */
export class VirtualGrid {
  readonly scroller: HTMLElement
  readonly inner: HTMLElement
  private content: Content = { view: 'grid', folders: 0, videos: 0, continueRow: false, labels: null }
  private lay: Layout = layout(this.content, 0)
  private readonly virtualizer: Virtualizer<HTMLElement, HTMLElement>
  private readonly pool = new Map<string, Drawn>()
  private readonly placed = new WeakMap<HTMLElement, string>()
  private readonly resize: ResizeObserver
  private cleanup: (() => void) | null = null
  private width = 0

  constructor(private readonly host: GridHost) {
    this.inner = h('div', { class: 'rows', role: 'listbox', 'aria-label': 'Videos and folders' })
    this.scroller = h('div', { class: 'scroller', tabindex: 0 }, this.inner)
    this.virtualizer = new Virtualizer<HTMLElement, HTMLElement>({
      count: 0,
      getScrollElement: () => this.scroller,
      estimateSize: (i) => this.lay.rows[i]?.size ?? sizes.listRow,
      paddingStart: sizes.top,
      paddingEnd: sizes.bottom,
      overscan: 3,
      scrollToFn: elementScroll,
      observeElementRect,
      observeElementOffset,
      onChange: () => this.render(),
    })
    this.scroller.addEventListener('scroll', () => this.pinHead(), { passive: true })
    this.resize = new ResizeObserver(() => {
      const w = this.scroller.clientWidth
      if (w !== this.width && w > 0) this.relayout(true)
    })
  }

  get layout(): Layout {
    return this.lay
  }

  get view(): ViewMode {
    return this.content.view
  }

  /** mount attaches the virtualizer; call once the scroller is in the document. */
  mount(): void {
    if (this.cleanup) return
    this.cleanup = this.virtualizer._didMount()
    this.virtualizer._willUpdate()
    this.resize.observe(this.scroller)
    if (this.scroller.clientWidth !== this.width) this.relayout(true)
  }

  unmount(): void {
    this.cleanup?.()
    this.cleanup = null
    this.resize.disconnect()
  }

  /**
   * setContent lays out new content. The scroll position stays where it is
   * (live updates, metadata) unless the caller scrolls afterwards.
   */
  setContent(c: Content): void {
    if (c.view !== this.content.view) this.clear()
    this.content = c
    this.relayout(false)
  }

  /** clear drops every element, so the next render builds them afresh. */
  clear(): void {
    for (const d of this.pool.values()) d.el.remove()
    this.pool.clear()
  }

  private relayout(keepAnchor: boolean): void {
    const anchor = keepAnchor ? this.firstVisibleItem() : -1
    const before = anchor >= 0 ? this.lay.rows[this.lay.rowOf[anchor]].start - this.scroller.scrollTop : 0
    this.width = this.scroller.clientWidth
    this.lay = layout(this.content, this.width)
    this.inner.style.height = `${this.lay.total}px`
    this.virtualizer.setOptions({ ...this.virtualizer.options, count: this.lay.rows.length })
    this.virtualizer.measure()
    if (anchor >= 0 && anchor < this.lay.rowOf.length) {
      this.scroller.scrollTop = this.lay.rows[this.lay.rowOf[anchor]].start - before
    }
    this.virtualizer._willUpdate()
    this.render()
  }

  /**
   * render puts the rows near the viewport in the DOM. Elements of items
   * that left are handed to items that arrive, so a fast scroll moves and
   * redraws a screenful of cards instead of building new ones.
   */
  render(): void {
    const top = this.scroller.scrollTop
    const bottom = top + this.scroller.clientHeight
    const list = this.content.view === 'list'
    const items = this.virtualizer.getVirtualItems()

    // Which keys stay; the elements of the others are spare.
    const wanted = new Set<string>()
    for (const v of items) {
      const row = this.lay.rows[v.index]
      if (!row) continue
      if (row.kind === 'continue') wanted.add('continue')
      else if (row.kind === 'head') wanted.add('head')
      else if (row.kind === 'label') wanted.add('label:' + row.first)
      else for (let j = 0; j < row.count; j++) wanted.add(this.itemKey(row.first + j))
    }
    const spare: Drawn[] = []
    for (const [key, d] of this.pool) {
      if (!wanted.has(key)) {
        this.pool.delete(key)
        spare.push(d)
      }
    }

    const near: number[] = []
    const inView: number[] = []
    for (const v of items) {
      const row = this.lay.rows[v.index]
      if (!row) continue
      if (row.kind === 'continue') {
        const d = this.keep('continue', (prev) => this.host.drawContinue(prev))
        this.place(d.el, 0, row.start, this.width, row.itemH)
      } else if (row.kind === 'head') {
        const d = this.keep('head', (prev) => this.host.drawHead(prev))
        this.place(d.el, 0, row.start, this.width, row.itemH)
      } else if (row.kind === 'label') {
        const d = this.keep('label:' + row.first, (prev) => this.host.drawLabel(row.label, prev))
        this.place(d.el, sizes.pad, row.start, Math.max(0, this.width - 2 * sizes.pad), row.itemH)
      } else {
        const visible = row.start + row.itemH > top && row.start < bottom
        for (let j = 0; j < row.count; j++) {
          const i = row.first + j
          // A spare element is a card or row of some other item: the host
          // redraws it for this one, or makes a new one if it is of another kind.
          const d = this.keep(this.itemKey(i), (prev) => this.host.draw(i, prev), spare)
          const x = list ? 0 : sizes.pad + j * (this.lay.cardW + sizes.gap)
          this.place(d.el, x, row.start, this.lay.cardW, row.itemH)
          ;(visible ? inView : near).push(i)
        }
      }
    }
    for (const d of spare) d.el.remove()
    this.pinHead()
    this.host.rendered(inView.concat(near))
  }

  /** pinHead tells the host whether the list's headers scrolled above the viewport. */
  private pinHead(): void {
    const head = this.content.view === 'list' ? this.lay.rows.find((r) => r.kind === 'head') : undefined
    const stuck = !!head && head.start < this.scroller.scrollTop
    if (stuck !== this.stuck) this.host.headStuck((this.stuck = stuck))
  }

  private stuck = false

  private itemKey(i: number): string {
    return this.content.view + ':' + this.host.keyOf(i)
  }

  /** keep draws key over its element, else over a spare one, else afresh. */
  private keep(key: string, draw: (prev: Drawn | undefined) => Drawn, spare?: Drawn[]): Drawn {
    let prev = this.pool.get(key)
    if (!prev && spare?.length) prev = spare.pop()
    const d = draw(prev)
    if (prev && prev !== d) prev.el.remove()
    this.pool.set(key, d)
    if (d.el.parentNode !== this.inner) this.inner.append(d.el)
    return d
  }

  private place(el: HTMLElement, x: number, y: number, w: number, hgt: number): void {
    const sig = `${x}|${y}|${w}|${hgt}`
    if (this.placed.get(el) === sig) return
    this.placed.set(el, sig)
    el.style.transform = `translate(${x}px, ${y}px)`
    el.style.width = `${w}px`
    el.style.height = `${hgt}px`
  }

  /** firstVisibleItem is the first item whose row reaches into the viewport, or -1. */
  firstVisibleItem(): number {
    const top = this.scroller.scrollTop
    for (const r of this.lay.rows) {
      if (r.kind === 'items' && r.start + r.itemH > top) return r.first
    }
    return -1
  }

  /**
   * anchors notes where the items in the viewport are (their row's top,
   * relative to the viewport), keyed by keyOf, for keepAnchors.
   */
  anchors(): Map<string, number> {
    const out = new Map<string, number>()
    const top = this.scroller.scrollTop
    const bottom = top + this.scroller.clientHeight
    for (const v of this.virtualizer.getVirtualItems()) {
      const row = this.lay.rows[v.index]
      if (!row || row.kind !== 'items' || row.start + row.itemH <= top || row.start >= bottom) continue
      for (let j = 0; j < row.count; j++) out.set(this.host.keyOf(row.first + j), row.start - top)
    }
    return out
  }

  /**
   * keepAnchors scrolls, after new content was laid out, so that what
   * anchors() noted stays where it was on screen: a file added or removed
   * above the viewport moves nothing the user is looking at. The item keyed
   * prefer (the selection) holds still when it was in view and is still near;
   * otherwise the median shift of the noted items wins, so one item that
   * moved far (renamed, or sorted elsewhere) does not drag the view along.
   * At the very top the view stays there, showing what was added above.
   */
  keepAnchors(anchors: Map<string, number>, indexOf: (key: string) => number | undefined, prefer: string | null): void {
    const top = this.scroller.scrollTop
    if (top === 0) return
    const shiftOf = (key: string): number | undefined => {
      const was = anchors.get(key)
      const i = indexOf(key)
      if (was === undefined || i === undefined) return undefined
      const row = this.lay.rows[this.lay.rowOf[i]]
      return row ? row.start - top - was : undefined
    }
    let shift = prefer === null ? undefined : shiftOf(prefer)
    if (shift === undefined || Math.abs(shift) > this.scroller.clientHeight) {
      const shifts: number[] = []
      for (const key of anchors.keys()) {
        const d = shiftOf(key)
        if (d !== undefined) shifts.push(d)
      }
      shifts.sort((a, b) => a - b)
      shift = shifts[shifts.length >> 1]
    }
    if (!shift) return
    this.scroller.scrollTop = Math.max(0, top + shift)
    this.virtualizer._willUpdate()
    this.render()
  }

  /** ensureVisible scrolls the least needed to show item i whole. */
  ensureVisible(i: number): void {
    const r = this.lay.rows[this.lay.rowOf[i]]
    if (!r) return
    const s = this.scroller
    const margin = 8
    let start = r.start
    // Show the section's label too when the item is in the first row under it.
    const prev = this.lay.rows[this.lay.rowOf[i] - 1]
    if (prev && (prev.kind === 'label' || prev.kind === 'head')) start = prev.start
    if (start - margin < s.scrollTop) s.scrollTop = Math.max(0, start - margin)
    else if (r.start + r.itemH + margin > s.scrollTop + s.clientHeight) {
      s.scrollTop = r.start + r.itemH + margin - s.clientHeight
    }
  }

  /**
   * below is the item dRows rows of items below i (above when negative), in
   * the same column or the last one of a shorter row; i when there is none.
   */
  below(i: number, dRows: number): number {
    const { rows, rowOf } = this.lay
    if (i < 0 || i >= rowOf.length) return i
    let r = rowOf[i]
    const col = i - rows[r].first
    let target = -1
    let left = Math.abs(dRows)
    const step = Math.sign(dRows)
    while (left > 0) {
      r += step
      if (r < 0 || r >= rows.length) break
      if (rows[r].kind !== 'items') continue
      target = r
      left--
    }
    if (target < 0) return i
    return rows[target].first + Math.min(col, rows[target].count - 1)
  }

  /** pageRows is how many rows of items fit in the viewport. */
  pageRows(): number {
    const itemRow = this.lay.rows.find((r) => r.kind === 'items' && r.count > 0 && r.first >= this.content.folders)
    const size = itemRow?.size ?? sizes.listRow
    return Math.max(1, Math.floor(this.scroller.clientHeight / size))
  }

  /** boxes returns where the items in the viewport are, in viewport pixels. */
  boxes(): { i: number; x: number; y: number; w: number; h: number }[] {
    const rect = this.scroller.getBoundingClientRect()
    const top = this.scroller.scrollTop
    const out: { i: number; x: number; y: number; w: number; h: number }[] = []
    const list = this.content.view === 'list'
    for (const v of this.virtualizer.getVirtualItems()) {
      const row = this.lay.rows[v.index]
      if (!row || row.kind !== 'items') continue
      const y = rect.top + row.start - top
      if (y + row.itemH <= rect.top || y >= rect.bottom) continue
      for (let j = 0; j < row.count; j++) {
        const x = rect.left + (list ? 0 : sizes.pad + j * (this.lay.cardW + sizes.gap))
        out.push({ i: row.first + j, x, y, w: this.lay.cardW, h: row.itemH })
      }
    }
    return out
  }
}
