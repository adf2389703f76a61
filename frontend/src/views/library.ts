// The library: the folders and videos of the opened folder as a grid of
// cards or a list, virtualized so that a folder of 10,000 videos opens and
// scrolls as fast as one of ten. Metadata and posters stream in after the
// listing; changes on disk show up while it is on screen.
//
// The view holds one LibraryState (library/state.ts derives what is on
// screen from it), owns the loaders, and carries out the commands its parts
// send through the LibraryPort; the parts (toolbar, crumbs, panels, cards)
// redraw from state with update().
import { ApiError, getLibrary } from '../api/http'
import type { Listing, OpenFailure, State, Video } from '../api/types'
import { h } from '../dom'
import '../library/library.css'
import { FolderItem, VideoCard, VideoRow } from '../library/card'
import { ClickGuard } from '../library/clicks'
import { ContinueStrip } from '../library/continue'
import { Crumbs } from '../library/crumbs'
import { fetchFolder, refetch } from '../library/fetch'
import { VirtualGrid, type Drawn } from '../library/grid'
import { icon } from '../library/icons'
import { listKey, targetOf } from '../library/keys'
import { LayoutLog } from '../library/layoutlog'
import { ListHead } from '../library/listhead'
import { LivePoll } from '../library/live'
import { RecentMenu } from '../library/menu'
import { MetaLoader, metaOf } from '../library/meta'
import { folderKey, parentDir, shelve, videoKey, type Shelf, type SortKey, type ViewMode, type ViewSettings } from '../library/model'
import { Message, Problems, type MessageState } from '../library/panels'
import type { LibraryPort } from '../library/port'
import { SettingsSaver, lastView, primeSettings } from '../library/settings'
import {
  content,
  derive,
  emptyDerived,
  initialState,
  keepSelection,
  metaOrder,
  selectedIndex,
  showsContinue,
  statusText,
  videosOf,
  whereIn,
  type Derived,
  type LibraryState,
} from '../library/state'
import { Posters } from '../library/thumbs'
import { Toolbar } from '../library/toolbar'
import { TypeAhead } from '../library/typeahead'
import { settingsPanel } from '../settings/panel'
import type { Entry } from '../library/model'

/** nameOf is the name an item shows, for type-ahead. */
const nameOf = (e: Entry): string => (e.kind === 'folder' ? e.folder.name : e.video.name)

/**
 * positionsChanged is the document event that tells the library some
 * video's position or watched mark changed behind its back (POST or DELETE
 * /api/videos/{id}/watched, docs/api.md): it lists the folder again.
 */
export const positionsChanged = 'reel:positions-changed'

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

/** LibraryView shows one folder of the opened library. */
export class LibraryView implements LibraryPort {
  readonly el: HTMLElement
  private readonly grid: VirtualGrid
  private readonly toolbar: Toolbar
  private readonly crumbs: Crumbs
  private readonly problems = new Problems()
  private readonly message: Message
  private readonly menu: RecentMenu
  private readonly strip: ContinueStrip
  private readonly listHead: ListHead
  /** placeholder is the skeleton's cards (index.html), shown until the first listing or error (issue 8). */
  private readonly placeholder: HTMLElement
  /** stuckHead is a copy of the list's headers pinned over the top of the list once they scrolled away. */
  private readonly stuckHead: ListHead

  private readonly posters: Posters
  private readonly meta: MetaLoader
  private readonly live = new LivePoll()
  private readonly saver = new SettingsSaver()
  private readonly layoutLog: LayoutLog
  private readonly clicks = new ClickGuard()
  private readonly typeAhead = new TypeAhead()

  private state: LibraryState = initialState(lastView())
  private shelf: Shelf | null = null
  private derived: Derived = emptyDerived()
  /** near are the items in or by the viewport: their posters and metadata come first. */
  private near: number[] = []
  private loadSeq = 0
  private mounted = false
  private frame = 0

  constructor(private readonly handlers: LibraryHandlers) {
    this.crumbs = new Crumbs(this)
    this.toolbar = new Toolbar(this)
    this.listHead = new ListHead(this)
    this.stuckHead = new ListHead(this)
    this.stuckHead.el.classList.add('stuck')
    this.stuckHead.el.hidden = true
    this.message = new Message(this)
    this.menu = new RecentMenu(
      (r) => {
        void this.saver.flush().then(() => handlers.openRecent(r.id))
      },
      () => this.state.root,
    )
    const openBtn = handlers.native
      ? h('button', { class: 'btn', type: 'button', title: 'Open another folder' }, icon('open'), h('span', { class: 'label' }, 'Open folder…'))
      : null
    openBtn?.addEventListener('click', () => handlers.openFolderDialog())
    const gear = h('button', { type: 'button', class: 'icon-btn settings-btn', title: 'Settings (Ctrl+,)', 'aria-label': 'Settings' }, icon('gear'))
    gear.addEventListener('click', () => void settingsPanel.open())
    const captureHost = h('div', { class: 'capture-host', 'aria-hidden': 'true' })
    this.placeholder = h('div', { class: 'sk-grid placeholder', 'aria-hidden': 'true' }, ...Array.from({ length: 15 }, () => h('i')))

    this.grid = new VirtualGrid({
      keyOf: (i) => this.derived.items[i].key,
      draw: (i, prev) => this.drawItem(i, prev),
      drawContinue: () => this.strip,
      drawHead: () => this.listHead,
      headStuck: (stuck) => {
        this.stuckHead.el.hidden = !stuck
        if (stuck) this.stuckHead.el.style.width = `${this.grid.scroller.clientWidth}px`
      },
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
      play: (v) => {
        if (this.clicks.allows()) this.playContinued(v)
      },
    })
    this.posters = new Posters(captureHost, () => this.invalidate())
    this.meta = new MetaLoader(
      () => (this.state.settings.sort === 'duration' ? this.rearrange('keep') : this.invalidate()),
      (p) => this.toolbar.progress(p),
    )
    this.layoutLog = new LayoutLog(() => {
      if (!this.mounted) return null
      const items = this.derived.items
      const rows = this.grid.boxes().flatMap((b) => {
        const e = items[b.i]
        if (e?.kind === 'folder') return [{ name: e.folder.name, kind: 'folder', x: b.x, y: b.y, w: b.w, h: b.h }]
        return e?.kind === 'video' ? [{ name: e.video.name, x: b.x, y: b.y, w: b.w, h: b.h }] : []
      })
      const { view, sort, desc } = this.state.settings
      return { dir: this.state.dir, view, sort: desc ? `-${sort}` : sort, cached: !!this.state.listing?.cached, rows }
    })

    this.el = h(
      'section',
      { class: 'library' },
      h('header', { class: 'topbar' }, h('span', { class: 'brand' }, 'Reel'), this.crumbs.el, h('div', { class: 'top-actions' }, this.menu.el, openBtn, gear)),
      this.toolbar.el,
      this.problems.el,
      h('div', { class: 'content' }, this.grid.scroller, this.stuckHead.el, this.message.el, this.placeholder),
      captureHost,
    )
    this.wire()
  }

  private wire(): void {
    const inner = this.grid.inner
    const indexOf = (e: Event): number => {
      const el = (e.target as HTMLElement).closest<HTMLElement>('[data-index]')
      return el && inner.contains(el) ? Number(el.dataset.index) : -1
    }
    // Issue 13: a click selects and a double-click opens, folders and videos
    // alike; a gesture begun on another view does nothing here. Every press
    // in the window counts, so the second click of a double-click on the
    // player's Back button is held back as well.
    document.addEventListener('pointerdown', (e) => this.clicks.down(e), true)
    document.addEventListener('keydown', () => this.clicks.key(), true)
    // Whatever marks videos watched or unwatched (a menu, the player) says
    // so with this event; the list shows it at once.
    document.addEventListener(positionsChanged, () => {
      if (this.mounted && this.state.listing) void this.refresh()
    })
    inner.addEventListener('click', (e) => {
      const i = indexOf(e)
      if (i < 0 || !this.clicks.allows()) return
      this.select(i)
      this.grid.scroller.focus({ preventScroll: true })
    })
    inner.addEventListener('dblclick', (e) => {
      const i = indexOf(e)
      if (i >= 0 && this.clicks.allows()) this.openEntry(i)
    })
    this.toolbar.filter.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.toolbar.filter.value) {
        // Esc clears the filter first; a second Esc leaves it (issue 13).
        e.preventDefault()
        e.stopPropagation()
        this.toolbar.filter.value = ''
        this.setFilter('')
        return
      }
      if (e.key === 'Escape' || e.key === 'ArrowDown' || e.key === 'Enter') {
        e.preventDefault()
        if (e.key === 'Enter' && this.derived.items.length > 0 && this.selectedIndex < 0) this.select(0)
        this.focus()
      }
    })
  }

  // The port: what the parts ask for.

  showDir(dir: string, select?: string): void {
    void this.load(dir, select)
  }

  goUp(): void {
    const dir = this.state.dir
    if (!dir) return
    void this.load(parentDir(dir), folderKey({ name: '', path: dir, videoCount: 0 }))
  }

  setFilter(q: string): void {
    if (q === this.state.settings.filter) return
    this.change({ filter: q }, 'top')
  }

  clearFilter(): void {
    this.toolbar.filter.value = ''
    this.setFilter('')
    this.focus()
  }

  setSort(k: SortKey, desc?: boolean): void {
    this.change(desc === undefined ? { sort: k } : { sort: k, desc }, 'selected')
  }

  toggleDesc(): void {
    this.change({ desc: !this.state.settings.desc }, 'selected')
  }

  toggleRecursive(): void {
    this.change({ recursive: !this.state.settings.recursive }, null)
    this.renderToolbar()
    void this.load(this.state.dir, this.state.selectedKey ?? undefined)
  }

  setView(v: ViewMode): void {
    if (this.state.settings.view === v) return
    this.change({ view: v }, 'selected')
  }

  focusList(): void {
    this.focus()
  }

  chooseFolder(): void {
    this.handlers.openFolderDialog()
  }

  /**
   * cannotOpen explains a folder the person chose that could not be opened,
   * on the page the library shows for a folder it cannot list (issue 13).
   */
  cannotOpen(f: OpenFailure): void {
    this.loadSeq++ // a listing still on its way must not cover the explanation
    this.live.stop()
    this.meta.stop()
    const back = this.state.root
    this.showError(this.state.dir, new ApiError(f.error, f.status), f.path, { back, native: this.handlers.native })
  }

  /** change sets fields of the folder's settings, saves them after a pause, and arranges again unless scroll is null. */
  private change(patch: Partial<ViewSettings>, scroll: Scroll | null): void {
    this.state.settings = { ...this.state.settings, ...patch }
    this.saver.save(this.state.root, this.state.dir, this.state.settings, patch)
    if (scroll) this.rearrange(scroll)
  }

  /** mount attaches the virtual grid; call after el is in the document. */
  mount(): void {
    this.mounted = true
    this.clicks.changed(performance.now())
    this.grid.mount()
    this.grid.scroller.focus({ preventScroll: true })
    if (this.state.listing) void this.refreshAndWatch()
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

  /**
   * open shows the opened folder of state from its top. At launch, state
   * carries the folder's saved settings and the last launch's first page
   * (issue 8): that page is painted at once, in the saved sort and view,
   * and the folder's listing then takes its place, keeping the scroll and
   * the selection.
   */
  async open(state: State): Promise<void> {
    this.state.root = state.root
    this.saver.root = state.root
    this.state.continueList = []
    this.grid.scroller.scrollTop = 0
    const start = state.start
    const cached = start?.listing
    if (start) this.state.settings = primeSettings(state.root, '', start.settings)
    if (cached && cached.root === state.root && cached.dir === '') {
      this.loadSeq++ // whatever was on its way is for another folder
      this.state.selectedKey = null
      this.state.continueList = start.continue ?? []
      this.apply(cached, 'selected')
    }
    await this.load('', undefined, !!cached)
  }

  /** returnFrom comes back from the player, selecting the video that played. */
  returnFrom(v: Video | null): void {
    if (!v) return
    const i = this.derived.index.get(videoKey(v))
    if (i !== undefined) this.select(i)
  }

  /**
   * load shows dir, selecting the item keyed select when given. shown says
   * dir is on screen already (the launch's cached page): its listing then
   * replaces it in place, scroll and selection kept.
   */
  async load(dir: string, select?: string, shown = false): Promise<void> {
    const seq = ++this.loadSeq
    this.live.stop()
    this.meta.stop()
    let shownFirst = shown
    const { settings, listed, cont } = await fetchFolder(this.state.root, dir, (first, s) => {
      if (seq !== this.loadSeq) return
      this.state.settings = s
      if (!shownFirst) {
        this.state.selectedKey = select ?? null
        this.grid.scroller.scrollTop = 0
      }
      this.apply(first, shownFirst ? 'keep' : 'selected')
      shownFirst = true
    })
    if (seq !== this.loadSeq) return
    if (!listed.ok) {
      this.showError(dir, listed.error)
      return
    }
    this.state.settings = settings
    this.state.continueList = cont
    if (!shownFirst) {
      this.state.selectedKey = select ?? null
      this.grid.scroller.scrollTop = 0
    }
    this.apply(listed.value, shownFirst ? 'keep' : 'selected')
    if (this.mounted) this.live.start(listed.value.version, () => this.refresh())
  }

  /** refresh lists the folder again, keeping the scroll position and the selection. */
  private async refresh(): Promise<number | null> {
    const seq = this.loadSeq
    const dir = this.state.dir
    const { listed, cont } = await refetch(dir, this.state.settings.recursive, this.state.continueList)
    if (seq !== this.loadSeq) return null
    if (!listed.ok) {
      if (listed.error instanceof ApiError && listed.error.status === 404 && dir !== '') {
        // The folder on screen was moved or deleted: show the one above it.
        this.state.notice = `“${dir.split('/').pop()}” was moved or deleted.`
        void this.load(parentDir(dir))
      } else {
        this.showError(dir, listed.error)
      }
      return null
    }
    this.state.continueList = cont
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
    const anchors = scroll === 'keep' && listing.dir === this.state.dir ? this.grid.anchors() : null
    const s = this.state
    if (listing.dir !== s.dir || !s.listing || listing.root !== s.root) {
      this.clicks.changed(performance.now())
      this.typeAhead.reset()
    }
    s.listing = listing
    s.dir = listing.dir
    s.root = listing.root
    this.placeholder.hidden = true
    this.shelf = shelve(listing)
    this.message.update({ kind: 'none' })
    this.crumbs.update(s)
    this.problems.update([...(s.notice ? [s.notice] : []), ...listing.problems])
    s.notice = ''
    this.renderToolbar()
    this.rearrange(scroll)
    if (anchors) this.grid.keepAnchors(anchors, (key) => this.derived.index.get(key), s.selectedKey)
    this.meta.start(metaOrder(this.derived), () => this.wantedVideos())
  }

  /** rearrange sorts and filters again and lays the items out. */
  private rearrange(scroll: Scroll): void {
    if (!this.shelf) return
    const s = this.state
    const before = this.selectedIndex
    this.derived = derive(s, this.shelf, metaOf)
    s.selectedKey = keepSelection(s.selectedKey, before, this.derived)
    if (this.derived.continueRow) this.strip.update(s.continueList)
    this.grid.setContent(content(s, this.derived))
    if (scroll === 'top') this.grid.scroller.scrollTop = 0
    if (scroll === 'selected' && this.selectedIndex >= 0) this.grid.ensureVisible(this.selectedIndex)
    this.renderToolbar()
    this.renderEmpty()
    this.layoutLog.schedule()
  }

  private get selectedIndex(): number {
    return selectedIndex(this.state, this.derived)
  }

  private drawItem(i: number, prev: Drawn | undefined): Drawn {
    const s = this.state
    const e = this.derived.items[i]
    const selected = e.key === s.selectedKey
    const query = s.settings.filter
    if (e.kind === 'folder') {
      const item = prev instanceof FolderItem ? prev : new FolderItem(s.settings.view === 'list')
      item.update({ folder: e.folder, index: i, selected, query })
      return item
    }
    const list = s.settings.view === 'list'
    const item = list ? (prev instanceof VideoRow ? prev : new VideoRow()) : prev instanceof VideoCard ? prev : new VideoCard()
    const v = e.video
    item.update({
      video: v,
      index: i,
      meta: metaOf(v),
      poster: list ? undefined : this.posters.get(v),
      selected,
      query,
      where: s.settings.recursive ? whereIn(v.path, s.dir) : '',
    })
    return item
  }

  /** rendered learns which items are near the viewport: their posters and metadata come first. */
  private rendered(items: number[]): void {
    this.near = items
    if (!this.mounted) return
    const videos: Video[] = []
    if (showsContinue(this.state)) videos.push(...this.state.continueList)
    if (this.state.settings.view === 'grid') videos.push(...videosOf(items.map((i) => this.derived.items[i]).filter(Boolean)))
    this.posters.want(videos)
    this.layoutLog.schedule()
  }

  private wantedVideos(): Video[] {
    return videosOf(this.near.map((i) => this.derived.items[i]).filter(Boolean)).concat(this.state.continueList)
  }

  /** invalidate redraws the items on screen at the next frame. */
  private invalidate(): void {
    if (this.frame) return
    this.frame = requestAnimationFrame(() => {
      this.frame = 0
      if (showsContinue(this.state)) this.strip.update(this.state.continueList)
      this.grid.render()
    })
  }

  private select(i: number): void {
    const items = this.derived.items
    if (items.length === 0) return
    const at = Math.max(0, Math.min(i, items.length - 1))
    this.state.selectedKey = items[at].key
    this.grid.ensureVisible(at)
    this.grid.render()
  }

  private openEntry(i: number): void {
    const e = this.derived.items[i]
    if (!e) return
    this.state.selectedKey = e.key
    if (e.kind === 'folder') {
      void this.load(e.folder.path)
      return
    }
    this.handlers.play(e.video, this.playlist())
  }

  private playlist(): Video[] {
    return videosOf(this.derived.arranged.videos)
  }

  /** playContinued plays a video of "Continue watching", in its folder's list when that is on screen. */
  private playContinued(v: Video): void {
    const i = this.derived.index.get(videoKey(v))
    if (i !== undefined) {
      const e = this.derived.items[i]
      this.state.selectedKey = videoKey(v)
      this.handlers.play(e.kind === 'video' ? e.video : v, this.playlist())
      return
    }
    this.handlers.play(v, this.state.continueList)
  }

  /**
   * videoAt is the video drawn at target (a card, a row, a Continue watching
   * item); with orSelected, the selected video when target is on none. For
   * the right-click menu (contextmenu.ts).
   */
  videoAt(target: Element | null, orSelected: boolean): { video: Video; continued: boolean; play(): void } | null {
    const cw = target?.closest<HTMLElement>('.cw-item')
    if (cw) {
      const v = this.state.continueList[Number(cw.dataset.i)]
      return v ? { video: v, continued: true, play: () => this.playContinued(v) } : null
    }
    const el = target?.closest<HTMLElement>('[data-index]')
    const i = el && this.grid.inner.contains(el) ? Number(el.dataset.index) : orSelected ? this.selectedIndex : -1
    const e = this.derived.items[i]
    if (e?.kind !== 'video') return null
    const video = e.video
    return { video, continued: this.state.continueList.some((c) => c.id === video.id), play: () => this.openEntry(i) }
  }

  /** reload lists the folder again, after a change made from the right-click menu. */
  reload(): void {
    void this.refresh()
  }

  private focusFilter(): void {
    this.toolbar.filter.focus()
    this.toolbar.filter.select()
  }

  /** onKey handles the list's keys (library/keys.ts); it returns true when it used the key. */
  onKey(e: KeyboardEvent): boolean {
    const k = listKey(e, targetOf(e, this.menu.el), this.state.settings.view === 'grid')
    if (!k) return false
    const i = this.selectedIndex
    switch (k.kind) {
      case 'escape':
        if (!this.state.settings.filter) return false
        this.clearFilter()
        break
      case 'type': {
        const items = this.derived.items
        const at = this.typeAhead.find(k.ch, e.timeStamp, items.map(nameOf), i)
        if (at >= 0) this.select(at)
        break
      }
      case 'settings':
        void settingsPanel.open()
        break
      case 'filter':
        this.focusFilter()
        break
      case 'up':
        this.goUp()
        break
      case 'open':
        if (i >= 0) this.openEntry(i)
        break
      case 'move':
        if (k.by === 'item') this.select(k.n > 0 ? i + 1 : Math.max(0, i - 1))
        else this.select(i < 0 ? 0 : this.grid.below(i, k.by === 'page' ? k.n * this.grid.pageRows() : k.n))
        break
      case 'home':
        this.select(0)
        break
      case 'end':
        this.select(this.derived.items.length - 1)
        break
    }
    return true
  }

  private renderToolbar(): void {
    const s = this.state
    this.toolbar.update({ settings: s.settings, status: this.shelf ? statusText(s, this.derived) : '' })
    this.listHead.update(s.settings)
    this.stuckHead.update(s.settings)
    this.el.classList.toggle('as-list', s.settings.view === 'list')
    this.el.classList.toggle('as-grid', s.settings.view === 'grid')
  }

  /** renderEmpty explains an empty folder, or a filter that matches nothing. */
  private renderEmpty(): void {
    const s = this.state
    const d = this.derived
    if (d.items.length > 0 || !s.listing) {
      this.message.update({ kind: 'none' })
      return
    }
    const empty = {
      kind: 'empty' as const,
      dir: s.dir,
      filter: s.settings.filter,
      matchable: d.arranged.total + (this.shelf?.folders.length ?? 0) > 0,
      recursive: s.settings.recursive,
      belowStrip: d.continueRow,
    }
    this.message.update(empty)
    const q = s.settings.filter.trim()
    if (q && !s.settings.recursive && (this.shelf?.folders.length ?? 0) > 0) void this.countBelow(q, empty)
  }

  private belowSeq = 0

  /**
   * countBelow looks for q in every folder below, with the "All videos
   * below" listing, and offers what it finds (issue 13): "3 matches in
   * subfolders" turns that listing on, filter kept.
   */
  private async countBelow(q: string, shown: MessageState & { kind: 'empty' }): Promise<void> {
    const seq = ++this.belowSeq
    const load = this.loadSeq
    await new Promise((r) => setTimeout(r, 250)) // typing: wait for the word
    if (seq !== this.belowSeq || load !== this.loadSeq) return
    let n = 0
    try {
      const all = await getLibrary(shown.dir, true)
      const needle = q.toLowerCase()
      n = all.videos.filter((v) => v.name.toLowerCase().includes(needle)).length
    } catch {
      return
    }
    if (seq !== this.belowSeq || load !== this.loadSeq || this.state.settings.filter.trim() !== q || this.derived.items.length > 0) return
    if (n > 0) this.message.update({ ...shown, below: n })
  }

  /** showError replaces the items with what went wrong and what the user can do. */
  private showError(dir: string, err: unknown, failedPath?: string, opening?: { back: string; native: boolean }): void {
    const s = this.state
    s.listing = null
    s.dir = dir
    this.placeholder.hidden = true
    this.shelf = null
    this.derived = emptyDerived()
    this.grid.setContent({ view: s.settings.view, folders: 0, videos: 0, continueRow: false, labels: null })
    this.renderToolbar()
    this.toolbar.hideProgress()
    this.problems.update([])
    // The path stays visible (and clickable) when the folder could not be listed.
    if (s.root) this.crumbs.update(s)
    const path = failedPath ?? (dir ? `${s.root}/${dir}` : s.root || 'This folder')
    this.message.update({ kind: 'error', dir, path, error: err, opening })
  }
}
