// The library's toolbar: the filter, the sort and its direction, "All
// videos below", the layout, and the count. It redraws from state and sends
// what the person does through the port.
import { h } from '../dom'
import { sorts } from '../generated/rules'
import { formatCount, type Item } from './card'
import { icon } from './icons'
import { batchSize, type MetaProgress } from './meta'
import type { SortKey, ViewMode, ViewSettings } from './model'
import type { LibraryPort } from './port'

const sortLabels: Record<SortKey, string> = { name: 'Name', date: 'Date', size: 'Size', duration: 'Duration' }

const dirWords: Record<SortKey, [string, string]> = {
  name: ['A to Z', 'Z to A'],
  date: ['oldest first', 'newest first'],
  size: ['smallest first', 'largest first'],
  duration: ['shortest first', 'longest first'],
}

/** ToolbarState is what the toolbar shows. */
export interface ToolbarState {
  settings: ViewSettings
  /** status is the count, "" while nothing is listed. */
  status: string
}

/** Toolbar is the row of view controls above the items. */
export class Toolbar implements Item<ToolbarState> {
  readonly el: HTMLElement
  /** filter is the filter's input, which the keys focus. */
  readonly filter: HTMLInputElement
  private readonly filterBox: HTMLElement
  private readonly clear: HTMLButtonElement
  private readonly sort: HTMLSelectElement
  private readonly desc: HTMLButtonElement
  private readonly recursive: HTMLButtonElement
  private readonly viewButtons: Record<ViewMode, HTMLButtonElement>
  private readonly count: HTMLElement
  private readonly reading: HTMLElement

  constructor(port: LibraryPort) {
    this.filter = h('input', {
      type: 'text',
      class: 'filter-input',
      placeholder: 'Filter by name',
      'aria-label': 'Filter by name',
      spellcheck: 'false',
      autocomplete: 'off',
    })
    this.clear = h('button', { type: 'button', class: 'icon-btn clear', title: 'Clear the filter', hidden: true }, icon('close'))
    this.filterBox = h('label', { class: 'filter' }, icon('search', 'lead'), this.filter, this.clear, h('kbd', { class: 'hint', 'aria-hidden': 'true' }, '/'))
    this.sort = h(
      'select',
      { class: 'sort-select', 'aria-label': 'Sort by', title: 'Sort by' },
      ...sorts.map((k) => h('option', { value: k }, sortLabels[k])),
    )
    // It has its icon before the first folder is listed (issue 13).
    this.desc = h('button', { type: 'button', class: 'icon-btn desc', 'aria-pressed': 'false', title: 'Sorted A to Z (click to reverse)' }, icon('arrowUp'))
    this.recursive = h(
      'button',
      { type: 'button', class: 'toggle recursive', 'aria-pressed': 'false', title: 'Show every video below this folder, in one list' },
      icon('layers'),
      h('span', { class: 'label' }, 'All videos below'),
    )
    this.viewButtons = {
      grid: h('button', { type: 'button', class: 'seg', 'data-view': 'grid', 'aria-pressed': 'true', title: 'Grid' }, icon('grid')),
      list: h('button', { type: 'button', class: 'seg', 'data-view': 'list', 'aria-pressed': 'false', title: 'List' }, icon('list')),
    }
    this.count = h('span', { class: 'count' })
    this.reading = h('span', { class: 'reading', hidden: true })
    this.el = h(
      'div',
      { class: 'toolbar', role: 'toolbar', 'aria-label': 'View' },
      this.filterBox,
      h('div', { class: 'sort' }, this.sort, this.desc),
      this.recursive,
      h('div', { class: 'status' }, this.count, this.reading),
      h('div', { class: 'segmented', role: 'group', 'aria-label': 'Layout' }, this.viewButtons.grid, this.viewButtons.list),
    )

    this.filter.addEventListener('input', () => port.setFilter(this.filter.value))
    this.clear.addEventListener('click', () => {
      this.filter.value = ''
      port.setFilter('')
      this.filter.focus()
    })
    this.sort.addEventListener('change', () => port.setSort(this.sort.value as SortKey))
    // A click (not a key) on a toggle gives the keyboard back to the list.
    const pointerRefocus = (e: MouseEvent): void => {
      if (e.detail > 0) port.focusList()
    }
    this.desc.addEventListener('click', (e) => {
      port.toggleDesc()
      pointerRefocus(e)
    })
    this.recursive.addEventListener('click', (e) => {
      port.toggleRecursive()
      pointerRefocus(e)
    })
    for (const v of ['grid', 'list'] as const) {
      this.viewButtons[v].addEventListener('click', (e) => {
        port.setView(v)
        pointerRefocus(e)
      })
    }
  }

  update({ settings: s, status }: ToolbarState): void {
    if (this.filter.value !== s.filter) this.filter.value = s.filter
    this.clear.hidden = !s.filter
    this.filterBox.classList.toggle('active', !!s.filter.trim())
    this.sort.value = s.sort
    this.desc.replaceChildren(icon(s.desc ? 'arrowDown' : 'arrowUp'))
    this.desc.setAttribute('aria-pressed', String(s.desc))
    this.desc.title = `Sorted ${dirWords[s.sort][s.desc ? 1 : 0]} (click to reverse)`
    this.desc.setAttribute('aria-label', this.desc.title)
    this.recursive.setAttribute('aria-pressed', String(s.recursive))
    for (const v of ['grid', 'list'] as const) this.viewButtons[v].setAttribute('aria-pressed', String(s.view === v))
    if (this.count.textContent !== status) this.count.textContent = status
  }

  /** progress shows how far reading metadata got; only a long scan earns an indicator. */
  progress(p: MetaProgress): void {
    const show = p.running && p.total > batchSize
    this.reading.hidden = !show
    if (!show) return
    this.reading.replaceChildren(
      h('span', { class: 'spinner', 'aria-hidden': 'true' }),
      `Reading ${formatCount(p.done)} / ${formatCount(p.total)}…`,
    )
  }

  /** hideProgress hides the reading indicator (a folder that failed to list). */
  hideProgress(): void {
    this.reading.hidden = true
  }
}
