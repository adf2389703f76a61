// The welcome screen: shown before any folder is open.
import type { Recent } from '../api/types'
import { h } from '../dom'

/** WelcomeOptions are what the welcome screen shows and asks of the app. */
export interface WelcomeOptions {
  native: boolean
  recent: Recent[]
  notice: string
  openFolder(): void
  openRecent(id: string): void
}

/** WelcomeView offers "Open folder" and the recent folders. */
export class WelcomeView {
  readonly el: HTMLElement
  private readonly first: HTMLElement | null

  constructor(o: WelcomeOptions) {
    const open = h('button', { type: 'button', class: 'btn primary big' }, 'Open folder…')
    open.addEventListener('click', () => o.openFolder())
    const recent = o.recent.length
      ? h(
          'section',
          { class: 'recent', 'aria-label': 'Recent folders' },
          h('h2', {}, 'Recent folders'),
          h(
            'ul',
            {},
            ...o.recent.map((r) => {
              const b = h('button', { type: 'button', class: 'recent-item', title: r.path }, h('strong', {}, r.name), h('span', {}, r.path))
              b.addEventListener('click', () => o.openRecent(r.id))
              return h('li', {}, b)
            }),
          ),
        )
      : null
    this.el = h(
      'section',
      { class: 'welcome' },
      h('h1', {}, 'Reel'),
      h('p', { class: 'lede' }, o.native ? 'Pick a folder — or drop one here — and play any video in it.' : 'Pick a folder and play any video in it.'),
      o.notice ? h('p', { class: 'notice', role: 'alert' }, o.notice) : null,
      o.native ? open : h('p', {}, 'Start Reel with a folder: reel serve FOLDER'),
      recent,
    )
    this.first = o.native ? open : (this.el.querySelector('.recent-item') as HTMLElement | null)
  }

  focus(): void {
    this.first?.focus()
  }
}
