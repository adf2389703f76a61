// The list's column headers: a click on Name, Duration, Size or Modified
// sorts by it, a second click reverses it, as in file managers (issue 13).
import { h } from '../dom'
import type { Item } from './card'
import { icon } from './icons'
import type { SortKey, ViewSettings } from './model'
import type { LibraryPort } from './port'

/** columns are the list's headers, and the sort each one stands for. */
const columns: { cls: string; label: string; sort: SortKey | null }[] = [
  { cls: 'name', label: 'Name', sort: 'name' },
  { cls: 'dur', label: 'Duration', sort: 'duration' },
  { cls: 'res', label: 'Resolution', sort: null },
  { cls: 'size', label: 'Size', sort: 'size' },
  { cls: 'date', label: 'Modified', sort: 'date' },
]

/** ListHead is the row of column headers above the list. */
export class ListHead implements Item<ViewSettings> {
  readonly el: HTMLElement
  private readonly buttons = new Map<SortKey, HTMLButtonElement>()

  constructor(port: LibraryPort) {
    this.el = h(
      'div',
      { class: 'row head', role: 'group', 'aria-label': 'Sort by column' },
      ...columns.map((c) => {
        if (!c.sort) return h('span', { class: c.cls }, c.label)
        const sort = c.sort
        const b = h('button', { type: 'button', class: c.cls + ' col', 'data-sort': sort, title: `Sort by ${c.label.toLowerCase()}` }, c.label)
        b.addEventListener('click', (e) => {
          if (this.current === sort) port.toggleDesc()
          else port.setSort(sort, false) // a new column starts ascending, as in file managers
          if (e.detail > 0) port.focusList()
        })
        this.buttons.set(sort, b)
        return b
      }),
    )
  }

  private current: SortKey | null = null

  update(s: ViewSettings): void {
    this.current = s.sort
    for (const [sort, b] of this.buttons) {
      const on = sort === s.sort
      b.classList.toggle('sorted', on)
      b.setAttribute('aria-sort', on ? (s.desc ? 'descending' : 'ascending') : 'none')
      const mark = b.querySelector('.dir')
      if (on) {
        const want = s.desc ? 'arrowDown' : 'arrowUp'
        if (mark?.getAttribute('data-dir') !== want) {
          mark?.remove()
          b.append(h('span', { class: 'dir', 'data-dir': want, 'aria-hidden': 'true' }, icon(want)))
        }
      } else mark?.remove()
    }
  }
}
