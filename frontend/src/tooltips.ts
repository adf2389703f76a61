// Tooltips drawn by the page instead of the toolkit, in the window only
// (issue 13: tooltips linger). WebKitGTK shows an element's `title` in a
// GTK tooltip window; when a click or a key changes the page under a
// resting pointer, that window is hidden but the webview does not repaint
// what it covered, and an empty black box stays where the tooltip was
// (seen under Xvfb, as the native context menu's box was). WebKit asks
// for the title after it dispatched the pointer events of a move, so
// taking the title off the element while the pointer is over it keeps the
// GTK tooltip from ever opening; the same text is drawn in the page and
// goes with the first click, key, wheel or page change. In a browser the
// native tooltips behave and the titles stay as they are.
import { h } from './dom'

/** showMs is how long the pointer rests before the tooltip shows, as GTK's. */
const showMs = 600

/** Tooltips moves the titles under the pointer into one page-drawn tooltip. */
class Tooltips {
  private readonly el = h('div', { class: 'page-tip', role: 'tooltip', hidden: true })
  /** over is the element whose title is held, and the title. */
  private over: { el: Element; title: string } | null = null
  private timer: ReturnType<typeof setTimeout> | undefined

  constructor() {
    document.addEventListener('pointerover', (e) => this.take(e.target), true)
    document.addEventListener('pointermove', (e) => this.take(e.target), true)
    document.addEventListener('pointerout', (e) => {
      if (this.over && !(e.relatedTarget instanceof Node && this.over.el.contains(e.relatedTarget))) this.give()
    }, true)
    // A click, a key or the wheel acts: the tooltip has said its piece.
    for (const type of ['pointerdown', 'keydown', 'wheel']) document.addEventListener(type, () => this.hide(), { capture: true, passive: true })
  }

  /** take holds the title of the element under the pointer (and of any it gained meanwhile). */
  private take(target: EventTarget | null): void {
    const t = target instanceof Element ? target.closest('[title]') : null
    if (!t) {
      if (this.over && !(target instanceof Node && this.over.el.contains(target))) this.give()
      return
    }
    if (this.over?.el !== t) {
      this.give()
      this.over = { el: t, title: '' }
    }
    // A title set while hovered (a toggle's new state) is taken too.
    this.over.title = t.getAttribute('title') ?? ''
    t.removeAttribute('title')
    clearTimeout(this.timer)
    if (this.el.hidden) this.timer = setTimeout(() => this.show(), showMs)
  }

  /** give puts the held title back on its element and hides the tooltip. */
  private give(): void {
    const o = this.over
    this.over = null
    this.hide()
    if (o && !o.el.hasAttribute('title')) o.el.setAttribute('title', o.title)
  }

  private show(): void {
    const o = this.over
    if (!o || !o.title || !o.el.isConnected) return
    if (!this.el.isConnected) document.body.append(this.el)
    this.el.textContent = o.title
    this.el.hidden = false
    const r = o.el.getBoundingClientRect()
    const tip = this.el.getBoundingClientRect()
    const below = r.bottom + 8 + tip.height <= innerHeight
    const x = Math.min(Math.max(4, r.left + r.width / 2 - tip.width / 2), innerWidth - tip.width - 4)
    this.el.style.left = `${x}px`
    this.el.style.top = `${below ? r.bottom + 8 : Math.max(4, r.top - 8 - tip.height)}px`
  }

  /** hide takes the tooltip off the screen (the title stays held while the pointer is there). */
  hide(): void {
    clearTimeout(this.timer)
    this.el.hidden = true
  }
}

let tooltips: Tooltips | null = null

/** drawTooltips turns native title tooltips into page-drawn ones, once. */
export function drawTooltips(): void {
  tooltips ??= new Tooltips()
}
