// The library: the folders and videos of the opened folder, in a virtual
// list so that a folder of 10,000 videos scrolls as smoothly as one of ten.
import {
  Virtualizer,
  elementScroll,
  observeElementOffset,
  observeElementRect,
} from '@tanstack/virtual-core'
import { getLibrary } from '../api/http'
import type { Folder, Listing, State, Video } from '../api/types'
import { h } from '../dom'
import { formatDate, formatSize } from '../format'
import { testLog } from '../testlog'

/** Entry is one row: a folder or a video. */
type Entry = { kind: 'folder'; folder: Folder } | { kind: 'video'; video: Video }

const rowHeight = 44

/** LibraryHandlers are what the library asks of the app. */
export interface LibraryHandlers {
  /** play opens video in the player; playlist is the list in its shown order. */
  play(video: Video, playlist: Video[]): void
  /** native is true in the window, where the folder dialog exists. */
  native: boolean
  openFolderDialog(): void
  openRecent(id: string): void
}

/** LibraryView shows one folder of the opened library. */
export class LibraryView {
  readonly el: HTMLElement
  private readonly crumbs: HTMLElement
  private readonly scroller: HTMLElement
  private readonly inner: HTMLElement
  private readonly message: HTMLElement
  private readonly problems: HTMLElement
  private listing: Listing | null = null
  private entries: Entry[] = []
  private selected = 0
  private virtualizer: Virtualizer<HTMLElement, HTMLElement>
  private cleanup: (() => void) | null = null
  private loadSeq = 0

  constructor(private readonly handlers: LibraryHandlers) {
    this.crumbs = h('nav', { class: 'crumbs', 'aria-label': 'Folder path' })
    const openBtn = handlers.native
      ? h('button', { class: 'btn', type: 'button', title: 'Open another folder' }, 'Open folder…')
      : null
    openBtn?.addEventListener('click', () => handlers.openFolderDialog())
    this.message = h('div', { class: 'message', role: 'status' })
    this.problems = h('div', { class: 'problems', role: 'note' })
    this.inner = h('div', { class: 'rows', role: 'listbox', 'aria-label': 'Videos and folders' })
    this.scroller = h('div', { class: 'scroller', tabindex: 0 }, this.inner)
    const head = h(
      'div',
      { class: 'row head', 'aria-hidden': 'true' },
      h('span', { class: 'name' }, 'Name'),
      h('span', { class: 'size' }, 'Size'),
      h('span', { class: 'date' }, 'Modified'),
    )
    this.el = h(
      'section',
      { class: 'library' },
      h('header', { class: 'topbar' }, h('span', { class: 'brand' }, 'Reel'), this.crumbs, openBtn),
      this.message,
      this.problems,
      head,
      this.scroller,
    )
    this.virtualizer = new Virtualizer<HTMLElement, HTMLElement>({
      count: 0,
      getScrollElement: () => this.scroller,
      estimateSize: () => rowHeight,
      overscan: 8,
      scrollToFn: elementScroll,
      observeElementRect,
      observeElementOffset,
      onChange: () => this.renderRows(),
    })
  }

  /** mount attaches the virtual list to the DOM; call after el is in the document. */
  mount(): void {
    this.cleanup = this.virtualizer._didMount()
    this.virtualizer._willUpdate()
    this.scroller.focus()
  }

  /** unmount detaches the virtual list. */
  unmount(): void {
    this.cleanup?.()
    this.cleanup = null
  }

  /** focus gives the keyboard to the list. */
  focus(): void {
    this.scroller.focus()
  }

  /** dir is the folder on screen, relative to the opened folder. */
  get dir(): string {
    return this.listing?.dir ?? ''
  }

  /** load shows dir, keeping the selection on selectPath when given. */
  async load(dir: string, selectPath?: string): Promise<void> {
    const seq = ++this.loadSeq
    this.message.textContent = ''
    let listing: Listing
    try {
      listing = await getLibrary(dir)
    } catch (err) {
      if (seq !== this.loadSeq) return
      this.showError(err instanceof Error ? err.message : String(err))
      return
    }
    if (seq !== this.loadSeq) return
    this.listing = listing
    this.entries = [
      ...listing.folders.map((folder): Entry => ({ kind: 'folder', folder })),
      ...listing.videos.map((video): Entry => ({ kind: 'video', video })),
    ]
    const found = selectPath ? this.entries.findIndex((e) => entryPath(e) === selectPath) : -1
    this.selected = found >= 0 ? found : 0
    this.renderCrumbs()
    this.problems.textContent = listing.problems.length ? 'Skipped: ' + listing.problems.join(' · ') : ''
    if (this.entries.length === 0) {
      this.message.textContent = 'No videos here. Open a folder that holds .mp4, .webm, .mkv or .mov files.'
    }
    this.virtualizer.setOptions({ ...this.virtualizer.options, count: this.entries.length })
    this.virtualizer._willUpdate()
    this.virtualizer.measure()
    this.renderRows()
    this.virtualizer.scrollToIndex(this.selected, { align: 'auto' })
    requestAnimationFrame(() => this.reportLayout())
  }

  private showError(msg: string): void {
    this.listing = null
    this.entries = []
    this.virtualizer.setOptions({ ...this.virtualizer.options, count: 0 })
    this.renderRows()
    this.message.textContent = msg
  }

  private renderCrumbs(): void {
    const l = this.listing
    if (!l) return
    this.crumbs.replaceChildren()
    const rootName = l.root.split(/[\\/]/).filter(Boolean).pop() ?? l.root
    const parts = l.dir ? l.dir.split('/') : []
    const items: [string, string][] = [[rootName || l.root, '']]
    parts.forEach((p, i) => items.push([p, parts.slice(0, i + 1).join('/')]))
    items.forEach(([name, path], i) => {
      if (i > 0) this.crumbs.append(h('span', { class: 'sep', 'aria-hidden': 'true' }, '›'))
      const last = i === items.length - 1
      const b = h('button', { type: 'button', class: 'crumb', 'aria-current': last ? 'page' : undefined, title: i === 0 ? l.root : path }, name)
      b.addEventListener('click', () => this.load(path, parts.length > i ? parts.slice(0, i + 1).join('/') : undefined))
      this.crumbs.append(b)
    })
  }

  private renderRows(): void {
    const items = this.virtualizer.getVirtualItems()
    this.inner.style.height = `${this.virtualizer.getTotalSize()}px`
    const rows = items.map((item) => {
      const entry = this.entries[item.index]
      const row = this.renderEntry(entry, item.index)
      row.style.transform = `translateY(${item.start}px)`
      return row
    })
    this.inner.replaceChildren(...rows)
  }

  private renderEntry(entry: Entry, index: number): HTMLElement {
    const sel = index === this.selected
    const common = {
      role: 'option',
      'aria-selected': sel ? 'true' : 'false',
      'data-index': index,
    }
    let row: HTMLElement
    if (entry.kind === 'folder') {
      row = h(
        'div',
        { ...common, class: 'row folder' + (sel ? ' selected' : ''), title: entry.folder.name },
        h('span', { class: 'name' }, h('span', { class: 'icon', 'aria-hidden': 'true' }, '📁'), entry.folder.name),
        h('span', { class: 'size' }, ''),
        h('span', { class: 'date' }, ''),
      )
      row.addEventListener('click', () => this.openEntry(index))
    } else {
      const v = entry.video
      row = h(
        'div',
        { ...common, class: 'row video' + (sel ? ' selected' : ''), title: v.name, 'data-name': v.name },
        h('span', { class: 'name' }, h('span', { class: 'icon', 'aria-hidden': 'true' }, '▶'), v.name),
        h('span', { class: 'size' }, formatSize(v.size)),
        h('span', { class: 'date' }, formatDate(v.modTime)),
      )
      row.addEventListener('click', () => this.select(index))
      row.addEventListener('dblclick', () => this.openEntry(index))
    }
    return row
  }

  private select(index: number): void {
    if (this.entries.length === 0) return
    this.selected = Math.max(0, Math.min(index, this.entries.length - 1))
    this.virtualizer.scrollToIndex(this.selected, { align: 'auto' })
    this.renderRows()
  }

  private openEntry(index: number): void {
    const entry = this.entries[index]
    if (!entry) return
    this.selected = index
    if (entry.kind === 'folder') {
      this.load(entry.folder.path)
      return
    }
    const playlist = this.entries.flatMap((e) => (e.kind === 'video' ? [e.video] : []))
    this.handlers.play(entry.video, playlist)
  }

  /** goUp shows the parent folder, selecting the folder we came from. */
  goUp(): void {
    const dir = this.dir
    if (!dir) return
    const parent = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : ''
    this.load(parent, dir)
  }

  /** open shows the opened folder of state from its top. */
  async open(_state: State): Promise<void> {
    await this.load('')
  }

  /** returnFrom comes back from the player, selecting the video that played. */
  returnFrom(v: Video | null): void {
    if (v) this.selectVideo(v.id)
  }

  /** selectVideo selects the video with id, as when coming back from the player. */
  selectVideo(id: string): void {
    const i = this.entries.findIndex((e) => e.kind === 'video' && e.video.id === id)
    if (i >= 0) this.select(i)
  }

  /** onKey handles the list's keys; it returns true when it used the key. */
  onKey(e: KeyboardEvent): boolean {
    const page = Math.max(1, Math.floor(this.scroller.clientHeight / rowHeight) - 1)
    switch (e.key) {
      case 'ArrowDown':
        this.select(this.selected + 1)
        break
      case 'ArrowUp':
        this.select(this.selected - 1)
        break
      case 'PageDown':
        this.select(this.selected + page)
        break
      case 'PageUp':
        this.select(this.selected - page)
        break
      case 'Home':
        this.select(0)
        break
      case 'End':
        this.select(this.entries.length - 1)
        break
      case 'Enter':
        this.openEntry(this.selected)
        break
      case 'Backspace':
        this.goUp()
        break
      default:
        return false
    }
    return true
  }

  /** reportLayout tells the desktop test where each visible row is. */
  private reportLayout(): void {
    const rows = [...this.inner.querySelectorAll<HTMLElement>('.row')].map((r) => {
      const b = r.getBoundingClientRect()
      return { name: r.title, x: b.x, y: b.y, w: b.width, h: b.height }
    })
    testLog('layout', { dir: this.dir, rows, dpr: window.devicePixelRatio })
  }
}

function entryPath(e: Entry): string {
  return e.kind === 'folder' ? e.folder.path : e.video.path
}
