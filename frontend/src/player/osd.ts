// The on-screen display: a short line in the top middle of the video for
// what a key just did ("1.5×", "Volume 45 %", "+10 s").
import { h } from '../dom'

/** Osd shows one message at a time and fades it out. */
export class Osd {
  readonly el: HTMLElement
  private readonly text: HTMLElement
  private readonly meter: HTMLElement
  private readonly fill: HTMLElement
  private timer: ReturnType<typeof setTimeout> | undefined

  constructor(private readonly showMs = 900) {
    this.text = h('span', { class: 'player-osd-text' })
    this.fill = h('span', { class: 'player-osd-fill' })
    this.meter = h('span', { class: 'player-osd-meter', hidden: true }, this.fill)
    this.el = h('div', { class: 'player-osd', role: 'status', 'aria-live': 'polite' }, this.text, this.meter)
  }

  /** show displays msg; level (0–1) adds a meter, as for the volume. */
  show(msg: string, level?: number): void {
    this.text.textContent = msg
    this.meter.hidden = level === undefined
    if (level !== undefined) this.fill.style.width = `${Math.round(level * 100)}%`
    this.el.classList.add('on')
    clearTimeout(this.timer)
    this.timer = setTimeout(() => this.el.classList.remove('on'), this.showMs)
  }

  /** hide removes the message at once. */
  hide(): void {
    clearTimeout(this.timer)
    this.el.classList.remove('on')
  }
}
