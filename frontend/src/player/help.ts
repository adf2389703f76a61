// The ? overlay: the player's keys, by topic.
import { h } from '../dom'
import { keyHelp } from './keys'

/** HelpOverlay lists the keys; Esc, ? or a click outside closes it. */
export class HelpOverlay {
  readonly el: HTMLElement

  constructor() {
    const close = h('button', { type: 'button', class: 'player-help-close', 'aria-label': 'Close' }, '×')
    close.addEventListener('click', () => this.hide())
    const sections = keyHelp.map(({ title, rows }) =>
      h(
        'section',
        { class: 'player-help-section' },
        h('h3', {}, title),
        h('dl', {}, ...rows.map(({ keys, what }) => h('div', { class: 'player-help-row' }, h('dt', {}, ...keyLabels(keys)), h('dd', {}, what)))),
      ),
    )
    const panel = h(
      'div',
      { class: 'player-help-panel', role: 'document' },
      h('header', {}, h('h2', {}, 'Keyboard shortcuts'), close),
      h('div', { class: 'player-help-sections' }, ...sections),
      h('p', { class: 'player-help-foot' }, 'Click the time to switch between elapsed and remaining.'),
    )
    this.el = h('div', { class: 'player-help', role: 'dialog', 'aria-modal': 'true', 'aria-label': 'Keyboard shortcuts', hidden: true }, panel)
    this.el.addEventListener('click', (e) => {
      if (e.target === this.el) this.hide()
    })
  }

  get visible(): boolean {
    return !this.el.hidden
  }

  show(): void {
    this.el.hidden = false
  }

  hide(): void {
    this.el.hidden = true
  }

  toggle(): void {
    this.el.hidden = !this.el.hidden
  }
}

/** keyLabels renders each key as a keycap; "…" stays text, as in 0 … 9. */
function keyLabels(keys: string[]): (Node | string | null)[] {
  return keys.flatMap((k, i) => {
    const sep = i === 0 ? null : ' '
    return [sep, k === '…' ? '…' : h('kbd', {}, k)]
  })
}
