// The welcome screen: shown before any folder is open.
import { forgetRecent } from '../api/http'
import type { Recent } from '../api/types'
import { h } from '../dom'

/** undoMs is how long a removal can be undone; the folder is forgotten in Go only then (or when the page goes). */
const undoMs = 8000

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
              // Issue 13: a recent folder can be removed, with the mouse, Tab, or Delete on it.
              const label = `Remove ${r.name || r.path} from recent folders`
              const x = h('button', { type: 'button', class: 'recent-remove', 'aria-label': label, title: label }, '×')
              const li = h('li', { 'data-id': r.id }, b, x)
              x.addEventListener('click', () => this.remove(li, r))
              b.addEventListener('keydown', (e) => {
                if (e.key === 'Delete' && !e.ctrlKey && !e.altKey && !e.metaKey) {
                  e.preventDefault()
                  e.stopPropagation()
                  this.remove(li, r)
                }
              })
              return li
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

  /**
   * remove takes a recent folder off the list at once and offers Undo for a
   * few seconds; Go forgets it when the offer ends, or when the page goes.
   */
  private remove(li: HTMLElement, r: Recent): void {
    const list = li.parentElement
    if (!list) return
    const after = li.nextElementSibling
    // The keyboard moves on to the next folder (or the one before, or the top).
    const next = (after ?? li.previousElementSibling)?.querySelector<HTMLElement>('.recent-item') ?? null
    const hadFocus = li.contains(document.activeElement)
    li.remove()
    const section = list.closest('.recent') as HTMLElement | null
    if (section) section.hidden = list.childElementCount === 0
    if (hadFocus) (next ?? this.first ?? (document.body as HTMLElement)).focus()

    let done = false
    const forget = (keepalive: boolean) => {
      if (done) return
      done = true
      clearTimeout(timer)
      removeEventListener('pagehide', leaving)
      toast.remove()
      void forgetRecent(r.id, keepalive).catch(() => {
        /* already gone, or Go is gone: the list is drawn again from Go next time */
      })
    }
    const leaving = () => forget(true)
    const undo = h('button', { type: 'button', class: 'btn' }, 'Undo')
    const toast = h('div', { class: 'toast toast-undo', role: 'status' }, h('span', {}, `${r.name || r.path} removed from recent folders`), undo)
    undo.addEventListener('click', () => {
      done = true
      clearTimeout(timer)
      removeEventListener('pagehide', leaving)
      toast.remove()
      list.insertBefore(li, after && after.parentElement === list ? after : null)
      if (section) section.hidden = false
      li.querySelector<HTMLElement>('.recent-item')?.focus()
    })
    const timer = setTimeout(() => forget(false), undoMs)
    addEventListener('pagehide', leaving)
    document.body.append(toast)
  }
}
