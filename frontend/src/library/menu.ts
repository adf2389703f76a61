// The recent-folders menu of the top bar.
import { getRecent } from '../api/http'
import type { Recent } from '../api/types'
import { h } from '../dom'
import { icon } from './icons'

/** RecentMenu is a button that lists recently opened folders. */
export class RecentMenu {
  readonly el: HTMLElement
  private readonly button: HTMLButtonElement
  private readonly popup: HTMLElement
  private seq = 0
  private readonly outside = (e: PointerEvent): void => {
    if (!this.el.contains(e.target as Node)) this.close(false)
  }

  constructor(
    private readonly choose: (r: Recent) => void,
    /** current is the absolute path of the folder on screen. */
    private readonly current: () => string,
  ) {
    this.button = h(
      'button',
      { type: 'button', class: 'btn recent-btn', 'aria-haspopup': 'menu', 'aria-expanded': 'false', title: 'Recent folders' },
      icon('history'),
      h('span', { class: 'label' }, 'Recent'),
      icon('chevronDown', 'chev'),
    )
    this.popup = h('div', { class: 'menu', role: 'menu', 'aria-label': 'Recent folders', hidden: true })
    this.el = h('div', { class: 'menu-wrap' }, this.button, this.popup)
    this.button.addEventListener('click', () => (this.isOpen ? this.close(true) : void this.open()))
    this.popup.addEventListener('keydown', (e) => this.key(e))
    this.popup.addEventListener('click', (e) => {
      const b = (e.target as HTMLElement).closest<HTMLElement>('[role=menuitem]')
      if (!b || !b.dataset.id) return
      const r: Recent = { id: b.dataset.id, path: b.dataset.path ?? '', name: b.dataset.name ?? '' }
      this.close(false)
      this.choose(r)
    })
  }

  get isOpen(): boolean {
    return !this.popup.hidden
  }

  async open(): Promise<void> {
    const seq = ++this.seq
    this.popup.hidden = false
    this.button.setAttribute('aria-expanded', 'true')
    document.addEventListener('pointerdown', this.outside, true)
    this.popup.replaceChildren(h('div', { class: 'menu-note' }, 'Loading…'))
    let list: Recent[]
    try {
      list = await getRecent()
    } catch (err) {
      if (seq !== this.seq) return
      this.popup.replaceChildren(h('div', { class: 'menu-note' }, err instanceof Error ? err.message : String(err)))
      return
    }
    if (seq !== this.seq || !this.isOpen) return
    const here = this.current()
    const items = list.map((r) =>
      h(
        'button',
        {
          type: 'button',
          role: 'menuitem',
          class: 'menu-item' + (r.path === here ? ' current' : ''),
          'data-id': r.id,
          'data-path': r.path,
          'data-name': r.name,
          title: r.path,
        },
        icon(r.path === here ? 'check' : 'folder', 'lead'),
        h('span', { class: 'text' }, h('strong', {}, r.name || r.path), h('span', { class: 'path' }, r.path)),
      ),
    )
    this.popup.replaceChildren(...(items.length ? items : [h('div', { class: 'menu-note' }, 'No recent folders yet.')]))
    items[0]?.focus()
  }

  /** close hides the menu, giving the keyboard back to its button when focus says so. */
  close(focusButton: boolean): void {
    this.seq++
    this.popup.hidden = true
    this.button.setAttribute('aria-expanded', 'false')
    document.removeEventListener('pointerdown', this.outside, true)
    if (focusButton) this.button.focus()
  }

  private key(e: KeyboardEvent): void {
    const items = [...this.popup.querySelectorAll<HTMLElement>('[role=menuitem]')]
    const at = items.indexOf(document.activeElement as HTMLElement)
    let next = -1
    switch (e.key) {
      case 'Escape':
        this.close(true)
        break
      case 'Tab':
        this.close(false)
        return
      case 'ArrowDown':
        next = (at + 1) % items.length
        break
      case 'ArrowUp':
        next = (at - 1 + items.length) % items.length
        break
      case 'Home':
        next = 0
        break
      case 'End':
        next = items.length - 1
        break
      default:
        return
    }
    e.preventDefault()
    if (next >= 0) items[next]?.focus()
  }
}
