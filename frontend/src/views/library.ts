// The library: the folders and videos of the opened folder as a grid of
// cards or a list, virtualized so that a folder of 10,000 videos opens and
// scrolls as fast as one of ten. Metadata and posters stream in after the
// listing; changes on disk show up while it is on screen.
import { ApiError, getContinue, getLibrary } from '../api/http'
import type { Listing, State, Video } from '../api/types'
import { h } from '../dom'
import '../library/library.css'
import { FolderItem, VideoCard, VideoRow, formatCount } from '../library/card'
import { ContinueStrip } from '../library/continue'
import { VirtualGrid, type Drawn } from '../library/grid'
import { icon } from '../library/icons'
import { LivePoll } from '../library/live'
import { RecentMenu } from '../library/menu'
import { MetaLoader, batchSize, metaOf, type MetaProgress } from '../library/meta'
import {
  arrange,
  defaultSettings,
  folderKey,
  parentDir,
  shelve,
  videoKey,
  type Arranged,
  type Entry,
  type Shelf,
  type SortKey,
  type ViewMode,
  type ViewSettings,
} from '../library/model'
import { SettingsSaver, cachedSettings, lastView, loadSettings } from '../library/settings'
import { Posters } from '../library/thumbs'
import { testLog } from '../testlog'

/** LibraryHandlers are what the library asks of the app. */
export interface LibraryHandlers {
  /** play opens video in the player; playlist is the list in its shown order. */
  play(video: Video, playlist: Video[]): void
  /** native is true in the window, where the folder dialog exists. */
  native: boolean
  openFolderDialog(): void
  openRecent(id: string): void
}

/** How the view scrolls after the items changed. */
type Scroll = 'keep' | 'top' | 'selected'

/** Result is an answer or the error that came instead. */
type Result<T> = { ok: true; value: T } | { ok: false; error: unknown }

function settle<T>(p: Promise<T>): Promise<Result<T>> {
  return p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  )
}

const sortLabels: Record<SortKey, string> = { name: 'Name', date: 'Date', size: 'Size', duration: 'Duration' }

/** LibraryView shows one folder of the opened library. */
export class LibraryView {
  readonly el: HTMLElement
  private readonly grid: VirtualGrid
  private readonly crumbs: HTMLElement
  private readonly filter: HTMLInputElement
  private readonly clearFilter: HTMLButtonElement
  private readonly sort: HTMLSelectElement
  private readonly desc: HTMLButtonElement
  private readonly recursive: HTMLButtonElement
  private readonly viewButtons: Record<ViewMode, HTMLButtonElement>
  private readonly count: HTMLElement
  private readonly reading: HTMLElement
  private readonly problems: HTMLElement
  private readonly message: HTMLElement
  private readonly listHead: HTMLElement
  private readonly captureHost: HTMLElement
  private readonly menu: RecentMenu
  private readonly strip: ContinueStrip

  private readonly posters: Posters
  private readonly meta: MetaLoader
  private readonly live = new LivePoll()
  private readonly saver = new SettingsSaver()

  private root = ''
  private dir = ''
  private listing: Listing | null = null
  private shelf: Shelf | null = null
  private settings: ViewSettings = defaultSettings(lastView())
  private arranged: Arranged = { folders: [], videos: [], total: 0 }
  private items: Entry[] = []
  private index = new Map<string, number>()
  private selectedKey: string | null = null
  private continueList: Video[] = []
  private near: number[] = []
  private loadSeq = 0
  private mounted = false
  private frame = 0
  private layoutFrame = 0
  private layoutSig = ''
  private notice = ''

  constructor(private readonly handlers: LibraryHandlers) {
    this.crumbs = h('nav', { class: 'crumbs', 'aria-label': 'Folder path' })
    this.menu = new RecentMenu(
      (r) => {
        void this.saver.flush().then(() => handlers.openRecent(r.id))
      },
      () => this.root,
    )
    const openBtn = handlers.native
      ? h('button', { class: 'btn', type: 'button', title: 'Open another folder' }, icon('open'), h('span', { class: 'label' }, 'Open folder…'))
      : null
    openBtn?.addEventListener('click', () => handlers.openFolderDialog())

    this.filter = h('input', {
      type: 'text',
      class: 'filter-input',
      placeholder: 'Filter by name',
      'aria-label': 'Filter by name',
      spellcheck: 'false',
      autocomplete: 'off',
    })
    this.clearFilter = h('button', { type: 'button', class: 'icon-btn clear', title: 'Clear the filter', hidden: true }, icon('close'))
    const filterBox = h(
      'label',
      { class: 'filter' },
      icon('search', 'lead'),
      this.filter,
      this.clearFilter,
      h('kbd', { class: 'hint', 'aria-hidden': 'true' }, '/'),
    )
    this.sort = h(
      'select',
      { class: 'sort-select', 'aria-label': 'Sort by', title: 'Sort by' },
      ...(Object.keys(sortLabels) as SortKey[]).map((k) => h('option', { value: k }, sortLabels[k])),
    )
    this.desc = h('button', { type: 'button', class: 'icon-btn desc', 'aria-pressed': 'false' })
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
    this.problems = h('div', { class: 'problems', role: 'note', hidden: true })
    this.message = h('div', { class: 'message', role: 'status' })
    this.listHead = h(
      'div',
      { class: 'row head', 'aria-hidden': 'true' },
      h('span', { class: 'name' }, 'Name'),
      h('span', { class: 'dur' }, 'Duration'),
      h('span', { class: 'res' }, 'Resolution'),
      h('span', { class: 'size' }, 'Size'),
      h('span', { class: 'date' }, 'Modified'),
    )
    this.captureHost = h('div', { class: 'capture-host', 'aria-hidden': 'true' })

    this.grid = new VirtualGrid({
      keyOf: (i) => this.items[i].key,
      draw: (i, prev) => this.drawItem(i, prev),
      drawContinue: () => this.strip,
      drawLabel: (text, prev) => {
        const el = prev?.el ?? h('h2', { class: 'section-label' })
        if (el.textContent !== text) el.textContent = text
        return { el }
      },
      rendered: (items) => this.rendered(items),
    })
    this.strip = new ContinueStrip({
      poster: (v) => this.posters.get(v),
      meta: (v) => metaOf(v),
      play: (v) => this.playContinued(v),
    })
    this.posters = new Posters(this.captureHost, () => this.invalidate())
    this.meta = new MetaLoader(
      () => (this.settings.sort === 'duration' ? this.rearrange('keep') : this.invalidate()),
      (p) => this.showProgress(p),
    )

    this.el = h(
      'section',
      { class: 'library' },
      h(
        'header',
        { class: 'topbar' },
        h('span', { class: 'brand' }, 'Reel'),
        this.crumbs,
        h('div', { class: 'top-actions' }, this.menu.el, openBtn),
      ),
      h(
        'div',
        { class: 'toolbar', role: 'toolbar', 'aria-label': 'View' },
        filterBox,
        h('div', { class: 'sort' }, this.sort, this.desc),
        this.recursive,
        h('div', { class: 'status' }, this.count, this.reading),
        h('div', { class: 'segmented', role: 'group', 'aria-label': 'Layout' }, this.viewButtons.grid, this.viewButtons.list),
      ),
      this.problems,
      this.listHead,
      h('div', { class: 'content' }, this.grid.scroller, this.message),
      this.captureHost,
    )
    this.wire()
  }

  private wire(): void {
    const inner = this.grid.inner
    const indexOf = (e: Event): number => {
      const el = (e.target as HTMLElement).closest<HTMLElement>('[data-index]')
      return el && inner.contains(el) ? Number(el.dataset.index) : -1
    }
    inner.addEventListener('click', (e) => {
      const i = indexOf(e)
      if (i < 0) return
      if (this.items[i]?.kind === 'folder') this.openEntry(i)
      else {
        this.select(i)
        this.grid.scroller.focus({ preventScroll: true })
      }
    })
    inner.addEventListener('dblclick', (e) => {
      const i = indexOf(e)
      if (i >= 0 && this.items[i]?.kind === 'video') this.openEntry(i)
    })
    this.filter.addEventListener('input', () => this.setFilter(this.filter.value))
    this.filter.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' || e.key === 'ArrowDown' || e.key === 'Enter') {
        e.preventDefault()
        if (e.key === 'Enter' && this.items.length > 0 && this.selectedIndex < 0) this.select(0)
        this.focus()
      }
    })
    this.clearFilter.addEventListener('click', () => {
      this.filter.value = ''
      this.setFilter('')
      this.filter.focus()
    })
    this.sort.addEventListener('change', () => {
      this.settings.sort = this.sort.value as SortKey
      this.changed({ sort: this.settings.sort })
      this.rearrange('selected')
    })
    const pointerRefocus = (e: MouseEvent): void => {
      // A click (not a key) on a toolbar toggle gives the keyboard back to the list.
      if (e.detail > 0) this.focus()
    }
    this.desc.addEventListener('click', (e) => {
      this.settings.desc = !this.settings.desc
      this.changed({ desc: this.settings.desc })
      this.rearrange('selected')
      pointerRefocus(e)
    })
    this.recursive.addEventListener('click', (e) => {
      this.settings.recursive = !this.settings.recursive
      this.changed({ recursive: this.settings.recursive })
      this.syncToolbar()
      void this.load(this.dir, this.selectedKey ?? undefined)
      pointerRefocus(e)
    })
    for (const v of ['grid', 'list'] as const) {
      this.viewButtons[v].addEventListener('click', (e) => {
        this.setView(v)
        pointerRefocus(e)
      })
    }
  }

  /** changed saves fields of the folder's settings after a pause. */
  private changed(patch: Partial<ViewSettings>): void {
    this.saver.save(this.root, this.dir, this.settings, patch)
  }

  private setFilter(q: string): void {
    if (q === this.settings.filter) return
    this.settings.filter = q
    this.changed({ filter: q })
    this.rearrange('top')
  }

  /** setView shows the items as a grid or a list (also from the View menu). */
  setView(v: ViewMode): void {
    if (this.settings.view === v) return
    this.settings.view = v
    this.changed({ view: v })
    this.rearrange('selected')
  }

  /** mount attaches the virtual grid; call after el is in the document. */
  mount(): void {
    this.mounted = true
    this.grid.mount()
    this.grid.scroller.focus({ preventScroll: true })
    if (this.listing) void this.refreshAndWatch()
  }

  /** unmount stops everything that works for the view while it is hidden. */
  unmount(): void {
    this.mounted = false
    this.menu.close(false)
    this.grid.unmount()
    this.live.stop()
    this.meta.stop()
    this.posters.stop()
    void this.saver.flush()
  }

  /** focus gives the keyboard to the list. */
  focus(): void {
    this.grid.scroller.focus({ preventScroll: true })
  }

  /** open shows the opened folder of state from its top. */
  async open(state: State): Promise<void> {
    this.root = state.root
    this.saver.root = state.root
    this.continueList = []
    this.grid.scroller.scrollTop = 0
    await this.load('')
  }

  /** returnFrom comes back from the player, selecting the video that played. */
  returnFrom(v: Video | null): void {
    if (!v) return
    const i = this.index.get(videoKey(v))
    if (i !== undefined) this.select(i)
  }

  /** load shows dir, selecting the item keyed select when given. */
  async load(dir: string, select?: string): Promise<void> {
    const seq = ++this.loadSeq
    this.live.stop()
    this.meta.stop()
    const root = this.root
    const cached = cachedSettings(root, dir)
    const guess = cached?.recursive ?? false
    const settingsP = cached ? Promise.resolve(cached) : loadSettings(root, dir)
    const listP = settle(getLibrary(dir, guess))
    const contP = dir === '' ? getContinue().catch(() => [] as Video[]) : Promise.resolve([] as Video[])
    const settings = await settingsP
    let listed = await listP
    if (listed.ok && settings.recursive !== guess) listed = await settle(getLibrary(dir, settings.recursive))
    const cont = await contP
    if (seq !== this.loadSeq) return
    if (!listed.ok) {
      this.showError(dir, listed.error)
      return
    }
    this.settings = settings
    this.continueList = cont
    this.selectedKey = select ?? null
    this.grid.scroller.scrollTop = 0
    this.apply(listed.value, 'selected')
    if (this.mounted) this.live.start(listed.value.version, () => this.refresh())
  }

  /** refresh lists the folder again, keeping the scroll position and the selection. */
  private async refresh(): Promise<number | null> {
    const seq = this.loadSeq
    const dir = this.dir
    const [listed, cont] = await Promise.all([
      settle(getLibrary(dir, this.settings.recursive)),
      dir === '' ? getContinue().catch(() => this.continueList) : Promise.resolve([] as Video[]),
    ])
    if (seq !== this.loadSeq) return null
    if (!listed.ok) {
      if (listed.error instanceof ApiError && listed.error.status === 404 && dir !== '') {
        // The folder on screen was moved or deleted: show the one above it.
        this.notice = `“${dir.split('/').pop()}” was moved or deleted.`
        void this.load(parentDir(dir))
      } else {
        this.showError(dir, listed.error)
      }
      return null
    }
    this.continueList = cont
    this.apply(listed.value, 'keep')
    return listed.value.version
  }

  private async refreshAndWatch(): Promise<void> {
    this.live.stop()
    const version = await this.refresh()
    if (version !== null && this.mounted) this.live.start(version, () => this.refresh())
  }

  private apply(listing: Listing, scroll: Scroll): void {
    // A new listing of the same folder keeps what is on screen in place.
    const anchors = scroll === 'keep' && listing.dir === this.dir ? this.grid.anchors() : null
    this.listing = listing
    this.dir = listing.dir
    this.root = listing.root
    this.shelf = shelve(listing)
    this.message.replaceChildren()
    this.renderCrumbs()
    this.renderProblems()
    this.syncToolbar()
    this.rearrange(scroll)
    if (anchors) this.grid.keepAnchors(anchors, (key) => this.index.get(key), this.selectedKey)
    this.meta.start(this.shelfOrder(), () => this.wantedVideos())
  }

  /** shelfOrder is every video in the order on screen, for reading metadata. */
  private shelfOrder(): Video[] {
    const shown = this.arranged.videos.map((e) => (e as { video: Video }).video)
    if (shown.length === this.shelf?.listing.videos.length) return shown
    const seen = new Set(shown.map((v) => v.id))
    return shown.concat((this.shelf?.listing.videos ?? []).filter((v) => !seen.has(v.id)))
  }

  /** rearrange sorts and filters again and lays the items out. */
  private rearrange(scroll: Scroll): void {
    if (!this.shelf) return
    const before = this.selectedIndex
    this.arranged = arrange(this.shelf, this.settings, metaOf)
    this.items = [...this.arranged.folders, ...this.arranged.videos]
    this.index = new Map(this.items.map((e, i) => [e.key, i]))
    if (this.selectedKey === null || !this.index.has(this.selectedKey)) {
      // Keep the place: the item that took the old one's position.
      const at = before >= 0 ? Math.min(before, this.items.length - 1) : 0
      this.selectedKey = this.items[at]?.key ?? null
    }
    const showContinue = this.dir === '' && this.continueList.length > 0 && !this.settings.filter.trim()
    if (showContinue) this.strip.update(this.continueList)
    const nf = this.arranged.folders.length
    const nv = this.arranged.videos.length
    this.grid.setContent({
      view: this.settings.view,
      folders: nf,
      videos: nv,
      continueRow: showContinue,
      labels:
        nf > 0 || showContinue
          ? { folders: nf === 1 ? '1 folder' : `${formatCount(nf)} folders`, videos: nv === 1 ? '1 video' : `${formatCount(nv)} videos` }
          : null,
    })
    if (scroll === 'top') this.grid.scroller.scrollTop = 0
    if (scroll === 'selected' && this.selectedIndex >= 0) this.grid.ensureVisible(this.selectedIndex)
    this.syncToolbar()
    this.renderStatus()
    this.renderEmpty(showContinue)
    this.scheduleLayoutReport()
  }

  private get selectedIndex(): number {
    return this.selectedKey === null ? -1 : (this.index.get(this.selectedKey) ?? -1)
  }

  private drawItem(i: number, prev: Drawn | undefined): Drawn {
    const e = this.items[i]
    const selected = e.key === this.selectedKey
    const query = this.settings.filter
    if (e.kind === 'folder') {
      const item = prev instanceof FolderItem ? prev : new FolderItem(this.settings.view === 'list')
      item.update({ folder: e.folder, index: i, selected, query })
      return item
    }
    const list = this.settings.view === 'list'
    const item = list ? (prev instanceof VideoRow ? prev : new VideoRow()) : prev instanceof VideoCard ? prev : new VideoCard()
    const v = e.video
    item.update({
      video: v,
      index: i,
      meta: metaOf(v),
      poster: list ? undefined : this.posters.get(v),
      selected,
      query,
      where: this.settings.recursive ? whereIn(v.path, this.dir) : '',
    })
    return item
  }

  /** rendered learns which items are near the viewport: their posters and metadata come first. */
  private rendered(items: number[]): void {
    this.near = items
    if (!this.mounted) return
    const videos: Video[] = []
    if (this.dir === '' && this.continueList.length && !this.settings.filter.trim()) videos.push(...this.continueList)
    if (this.settings.view === 'grid') {
      for (const i of items) {
        const e = this.items[i]
        if (e?.kind === 'video') videos.push(e.video)
      }
    }
    this.posters.want(videos)
    this.scheduleLayoutReport()
  }

  private wantedVideos(): Video[] {
    const out: Video[] = []
    for (const i of this.near) {
      const e = this.items[i]
      if (e?.kind === 'video') out.push(e.video)
    }
    return out.concat(this.continueList)
  }

  /** invalidate redraws the items on screen at the next frame. */
  private invalidate(): void {
    if (this.frame) return
    this.frame = requestAnimationFrame(() => {
      this.frame = 0
      if (this.dir === '' && this.continueList.length) this.strip.update(this.continueList)
      this.grid.render()
    })
  }

  private select(i: number): void {
    if (this.items.length === 0) return
    const at = Math.max(0, Math.min(i, this.items.length - 1))
    this.selectedKey = this.items[at].key
    this.grid.ensureVisible(at)
    this.grid.render()
  }

  private openEntry(i: number): void {
    const e = this.items[i]
    if (!e) return
    this.selectedKey = e.key
    if (e.kind === 'folder') {
      void this.load(e.folder.path)
      return
    }
    this.handlers.play(e.video, this.playlist())
  }

  private playlist(): Video[] {
    return this.arranged.videos.map((e) => (e as { video: Video }).video)
  }

  /** playContinued plays a video of "Continue watching", in its folder's list when that is on screen. */
  private playContinued(v: Video): void {
    const i = this.index.get(videoKey(v))
    if (i !== undefined) {
      this.selectedKey = videoKey(v)
      this.handlers.play(this.items[i].kind === 'video' ? (this.items[i] as { video: Video }).video : v, this.playlist())
      return
    }
    this.handlers.play(v, this.continueList)
  }

  /**
   * videoAt is the video drawn at target (a card, a row, a Continue watching
   * item); with orSelected, the selected video when target is on none. For
   * the right-click menu (contextmenu.ts).
   */
  videoAt(target: Element | null, orSelected: boolean): { video: Video; continued: boolean; play(): void } | null {
    const cw = target?.closest<HTMLElement>('.cw-item')
    if (cw) {
      const v = this.continueList[Number(cw.dataset.i)]
      return v ? { video: v, continued: true, play: () => this.playContinued(v) } : null
    }
    const el = target?.closest<HTMLElement>('[data-index]')
    const i = el && this.grid.inner.contains(el) ? Number(el.dataset.index) : orSelected ? this.selectedIndex : -1
    const e = this.items[i]
    if (e?.kind !== 'video') return null
    const video = e.video
    return { video, continued: this.continueList.some((c) => c.id === video.id), play: () => this.openEntry(i) }
  }

  /** reload lists the folder again, after a change made from the right-click menu. */
  reload(): void {
    void this.refresh()
  }

  /** goUp shows the parent folder, selecting the folder we came from. */
  goUp(): void {
    const dir = this.dir
    if (!dir) return
    void this.load(parentDir(dir), folderKey({ name: '', path: dir, videoCount: 0 }))
  }

  private focusFilter(): void {
    this.filter.focus()
    this.filter.select()
  }

  /** onKey handles the list's keys; it returns true when it used the key. */
  onKey(e: KeyboardEvent): boolean {
    const t = e.target instanceof HTMLElement ? e.target : null
    if (t && this.menu.el.contains(t)) return false
    if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'f') {
      this.focusFilter()
      return true
    }
    const typing = t !== null && (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA' || t.isContentEditable)
    if (typing || e.ctrlKey || e.metaKey || e.altKey) return false
    // Buttons keep Enter and Space; the continue strip keeps its arrows too.
    if (t && t.closest('button, summary') && (e.key === 'Enter' || e.key === ' ')) return false
    if (t && t.closest('.continue') && e.key.startsWith('Arrow')) return false
    const i = this.selectedIndex
    const grid = this.settings.view === 'grid'
    const last = this.items.length - 1
    switch (e.key) {
      case '/':
        this.focusFilter()
        return true
      case 'Backspace':
        this.goUp()
        return true
      case 'Enter':
        if (i >= 0) this.openEntry(i)
        return true
      case 'ArrowRight':
        if (!grid) return false
        this.select(i + 1)
        return true
      case 'ArrowLeft':
        if (!grid) return false
        this.select(Math.max(0, i - 1))
        return true
      case 'ArrowDown':
        this.select(i < 0 ? 0 : this.grid.below(i, 1))
        return true
      case 'ArrowUp':
        this.select(i < 0 ? 0 : this.grid.below(i, -1))
        return true
      case 'PageDown':
        this.select(i < 0 ? 0 : this.grid.below(i, this.grid.pageRows()))
        return true
      case 'PageUp':
        this.select(i < 0 ? 0 : this.grid.below(i, -this.grid.pageRows()))
        return true
      case 'Home':
        this.select(0)
        return true
      case 'End':
        this.select(last)
        return true
    }
    return false
  }

  private syncToolbar(): void {
    const s = this.settings
    if (this.filter.value !== s.filter) this.filter.value = s.filter
    this.clearFilter.hidden = !s.filter
    this.filter.parentElement!.classList.toggle('active', !!s.filter.trim())
    this.sort.value = s.sort
    this.desc.replaceChildren(icon(s.desc ? 'arrowDown' : 'arrowUp'))
    this.desc.setAttribute('aria-pressed', String(s.desc))
    const dirWords: Record<SortKey, [string, string]> = {
      name: ['A to Z', 'Z to A'],
      date: ['oldest first', 'newest first'],
      size: ['smallest first', 'largest first'],
      duration: ['shortest first', 'longest first'],
    }
    this.desc.title = `Sorted ${dirWords[s.sort][s.desc ? 1 : 0]} (click to reverse)`
    this.desc.setAttribute('aria-label', this.desc.title)
    this.recursive.setAttribute('aria-pressed', String(s.recursive))
    for (const v of ['grid', 'list'] as const) this.viewButtons[v].setAttribute('aria-pressed', String(s.view === v))
    this.el.classList.toggle('as-list', s.view === 'list')
    this.el.classList.toggle('as-grid', s.view === 'grid')
  }

  private renderStatus(): void {
    const { folders, videos, total } = this.arranged
    let text = total === 1 ? '1 video' : `${formatCount(total)} videos`
    if (videos.length !== total) text = `${formatCount(videos.length)} of ${text}`
    if (this.settings.recursive) text += ' below'
    else if (folders.length) text += ` · ${folders.length === 1 ? '1 folder' : `${formatCount(folders.length)} folders`}`
    this.count.textContent = text
  }

  private showProgress(p: MetaProgress): void {
    // Only a long scan earns an indicator; a screenful is read before anyone notices.
    const show = p.running && p.total > batchSize
    this.reading.hidden = !show
    if (!show) return
    this.reading.replaceChildren(
      h('span', { class: 'spinner', 'aria-hidden': 'true' }),
      `Reading ${formatCount(p.done)} / ${formatCount(p.total)}…`,
    )
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
      const b = h(
        'button',
        { type: 'button', class: 'crumb', 'aria-current': last ? 'page' : undefined, title: i === 0 ? l.root : path },
        name,
      )
      const child = parts.length > i ? parts.slice(0, i + 1).join('/') : undefined
      b.addEventListener('click', () => void this.load(path, child ? folderKey({ name: '', path: child, videoCount: 0 }) : undefined))
      this.crumbs.append(b)
    })
  }

  private renderProblems(): void {
    const list = [...(this.notice ? [this.notice] : []), ...(this.listing?.problems ?? [])]
    this.notice = ''
    this.problems.hidden = list.length === 0
    if (list.length === 0) {
      this.problems.replaceChildren()
      return
    }
    const head = list.length === 1 ? list[0] : `${list.length} items were skipped: ${list.slice(0, 3).join(' · ')}${list.length > 3 ? ' …' : ''}`
    const summary = h('summary', {}, icon('warn'), h('span', { class: 'text' }, head))
    const details = h('details', {}, summary, list.length > 1 ? h('ul', {}, ...list.map((p) => h('li', {}, p))) : null)
    if (list.length === 1) details.classList.add('single')
    this.problems.replaceChildren(details)
    this.problems.title = list.join('\n')
  }

  /** renderEmpty explains an empty folder, or a filter that matches nothing. */
  private renderEmpty(hasContinue: boolean): void {
    if (this.items.length > 0 || !this.listing) {
      this.message.replaceChildren()
      return
    }
    const q = this.settings.filter.trim()
    let panel: HTMLElement
    if (q && this.arranged.total + (this.shelf?.folders.length ?? 0) > 0) {
      const clear = h('button', { type: 'button', class: 'btn' }, 'Clear the filter')
      clear.addEventListener('click', () => {
        this.filter.value = ''
        this.setFilter('')
        this.focus()
      })
      panel = this.panel('search', `Nothing matches “${q}”`, 'The filter looks for these letters anywhere in a name.', clear)
    } else {
      const up = this.dir ? h('button', { type: 'button', class: 'btn' }, 'Go up') : null
      up?.addEventListener('click', () => this.goUp())
      panel = this.panel(
        'film',
        this.settings.recursive ? 'No videos below this folder' : 'No videos here',
        'Reel shows .mp4, .m4v, .webm, .mkv and .mov files. Copy some into this folder and they appear at once.',
        up,
      )
    }
    this.message.classList.toggle('below-strip', hasContinue)
    this.message.replaceChildren(panel)
  }

  private panel(name: Parameters<typeof icon>[0], title: string, text: string, ...actions: (HTMLElement | null)[]): HTMLElement {
    return h(
      'div',
      { class: 'panel' },
      h('div', { class: 'panel-icon' }, icon(name)),
      h('h2', {}, title),
      h('p', {}, text),
      actions.some(Boolean) ? h('div', { class: 'actions' }, ...actions) : null,
    )
  }

  /** showError replaces the items with what went wrong and what the user can do. */
  private showError(dir: string, err: unknown): void {
    this.listing = null
    this.shelf = null
    this.items = []
    this.index = new Map()
    this.arranged = { folders: [], videos: [], total: 0 }
    this.dir = dir
    this.grid.setContent({ view: this.settings.view, folders: 0, videos: 0, continueRow: false, labels: null })
    this.count.textContent = ''
    this.reading.hidden = true
    this.problems.hidden = true
    this.renderErrorCrumbs(dir)
    const status = err instanceof ApiError ? err.status : -1
    const msg = err instanceof Error ? err.message : String(err)
    const retry = h('button', { type: 'button', class: 'btn' }, 'Try again')
    retry.addEventListener('click', () => void this.load(dir))
    const up = dir ? h('button', { type: 'button', class: 'btn' }, 'Go up') : null
    up?.addEventListener('click', () => void this.load(parentDir(dir), folderKey({ name: '', path: dir, videoCount: 0 })))
    let panel: HTMLElement
    switch (status) {
      case 403:
        panel = this.panel('lock', 'Permission denied: Reel cannot read this folder', `${this.pathOf(dir)} is not readable by your user account. Change its permissions, or open another folder.`, up, retry)
        break
      case 404:
        panel = this.panel('alert', 'This folder is gone', `${this.pathOf(dir)} was moved or deleted.`, up ?? retry)
        break
      case 409:
        panel = this.panel('folder', 'No folder is open', 'Open a folder to see its videos.')
        break
      case 0:
        panel = this.panel('alert', 'Reel’s backend is not answering', msg, retry)
        break
      default:
        panel = this.panel('alert', 'Reel could not list this folder', msg, up, retry)
    }
    panel.classList.add('error')
    panel.setAttribute('role', 'alert')
    this.message.classList.remove('below-strip')
    this.message.replaceChildren(panel)
  }

  private pathOf(dir: string): string {
    const root = this.root || this.listing?.root || ''
    return dir ? `${root}/${dir}` : root || 'This folder'
  }

  /** renderErrorCrumbs keeps the path visible (and clickable) when the folder could not be listed. */
  private renderErrorCrumbs(dir: string): void {
    const root = this.root
    if (!root) return
    this.listing = { root, dir, folders: [], videos: [], problems: [], version: 0 }
    this.renderCrumbs()
    this.listing = null
  }

  /** scheduleLayoutReport tells the desktop test where the video items are, once the frame is laid out. */
  private scheduleLayoutReport(): void {
    if (this.layoutFrame) return
    this.layoutFrame = requestAnimationFrame(() => {
      this.layoutFrame = 0
      if (!this.mounted) return
      const rows = this.grid
        .boxes()
        .filter((b) => this.items[b.i]?.kind === 'video')
        .map((b) => ({
          name: (this.items[b.i] as { video: Video }).video.name,
          x: Math.round(b.x),
          y: Math.round(b.y),
          w: Math.round(b.w),
          h: Math.round(b.h),
        }))
      const sig = JSON.stringify(rows)
      if (sig === this.layoutSig) return
      this.layoutSig = sig
      testLog('layout', { dir: this.dir, view: this.settings.view, rows, dpr: window.devicePixelRatio })
    })
  }
}

/** whereIn is the folder of path relative to dir, for videos listed recursively. */
function whereIn(path: string, dir: string): string {
  const rel = dir && path.startsWith(dir + '/') ? path.slice(dir.length + 1) : path
  const cut = rel.lastIndexOf('/')
  return cut > 0 ? rel.slice(0, cut) : ''
}
