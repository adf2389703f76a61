// The player's own parts around media-chrome's: the title bar, the buttons
// media-chrome has no element for, and the error box. Each redraws from the
// PlayerState (update), as the library's items do (library/card.ts), and
// asks the view for what a click means through the PlayerPort.
import { h } from '../dom'
import type { Item } from '../library/card'
import { icon } from '../library/icons'
import { settingsPanel } from '../settings/panel'
import { iconButton } from './icons'
import type { PlayerPort } from './port'
import { counterText, type PlayerState, type ShownProblem } from './state'

/** setText changes el's text only when it differs. */
function setText(el: HTMLElement, text: string): void {
  if (el.textContent !== text) el.textContent = text
}

/** TitleBar is the top: back, the name, the place in the folder, settings, help. */
export class TitleBar implements Item<PlayerState> {
  readonly el: HTMLElement
  private readonly title = h('span', { class: 'player-title' })
  private readonly counter = h('span', { class: 'player-counter' })

  constructor(port: PlayerPort) {
    const back = h('button', { type: 'button', class: 'player-back', title: 'Back to the list (Esc)' })
    back.append(iconButton('back', 'Back').firstElementChild!, h('span', {}, 'Back'))
    back.addEventListener('click', () => port.close())
    const help = iconButton('help', 'Keyboard shortcuts (?)', 'player-help-button')
    help.addEventListener('click', () => port.toggleHelp())
    // The same panel as the library's gear and Ctrl+, (issue 13).
    const gear = h('button', { type: 'button', class: 'player-btn player-settings-button', 'aria-label': 'Settings', title: 'Settings (Ctrl+,)' }, icon('gear'))
    gear.addEventListener('click', () => void settingsPanel.open())
    this.el = h('header', { class: 'player-top', slot: 'top-chrome' }, back, h('div', { class: 'player-name' }, this.title, this.counter), gear, help)
  }

  update(s: PlayerState): void {
    if (!s.video) return // what was shown stays while the player closes
    setText(this.title, s.video.name)
    this.title.title = s.video.path || s.video.name
    setText(this.counter, counterText(s))
  }
}

/**
 * Buttons are the control bar's own buttons — previous, next, autoplay,
 * loop — and the fullscreen state of media-chrome's button. They sit apart
 * in media-chrome's bar, so this part has no element of its own.
 */
export class Buttons {
  readonly previous = iconButton('previous', 'Previous video (P)')
  readonly next = iconButton('next', 'Next video (N)')
  readonly autoplay = iconButton('autoplay', 'Play the next video automatically', 'player-toggle')
  readonly loop = iconButton('loop', 'Loop this video', 'player-toggle')

  constructor(
    port: PlayerPort,
    private readonly fullscreen: HTMLElement,
    private readonly state: () => PlayerState,
  ) {
    this.previous.addEventListener('click', () => port.step(-1))
    this.next.addEventListener('click', () => port.step(1))
    this.autoplay.addEventListener('click', () => port.setAutoplay(!this.state().autoplayNext))
    this.loop.addEventListener('click', () => port.setLoop(!this.state().loop))
  }

  update(s: PlayerState): void {
    this.previous.disabled = s.index <= 0
    this.next.disabled = s.index >= s.playlist.length - 1
    this.autoplay.setAttribute('aria-pressed', String(s.autoplayNext))
    this.autoplay.title = `Play the next video automatically: ${s.autoplayNext ? 'on' : 'off'}`
    this.loop.setAttribute('aria-pressed', String(s.loop))
    this.loop.title = `Loop this video: ${s.loop ? 'on' : 'off'}`
    // media-chrome only knows about its own element going fullscreen: tell its button.
    this.fullscreen.toggleAttribute('mediaisfullscreen', s.fullscreen)
  }
}

/** ProblemBox says what went wrong and what to do, with Try again and Back. */
export class ProblemBox implements Item<PlayerState> {
  readonly el = h('div', { class: 'player-error', role: 'alert', hidden: true })
  private shown: ShownProblem | null = null

  constructor(private readonly port: PlayerPort) {}

  update(s: PlayerState): void {
    if (s.problem === this.shown) return
    this.shown = s.problem
    const p = s.problem
    if (!p) {
      this.el.hidden = true
      this.el.replaceChildren()
      return
    }
    const back = h('button', { type: 'button', class: 'btn' }, 'Back to the list')
    back.addEventListener('click', () => this.port.close())
    const again = h('button', { type: 'button', class: 'btn primary' }, 'Try again')
    again.addEventListener('click', () => this.port.retry())
    const parts: (HTMLElement | null)[] = [
      h('strong', { class: 'player-error-title' }, p.title),
      h('p', {}, p.detail),
      p.fix ? h('p', { class: 'player-error-fix' }, p.fix) : null,
      p.technical && p.technical !== p.detail ? h('p', { class: 'detail' }, p.technical) : null,
      p.actions ? h('div', { class: 'player-error-actions' }, again, back) : null,
    ]
    this.el.replaceChildren(...parts.filter((x): x is HTMLElement => x !== null))
    this.el.hidden = false
  }
}
