// The library's state, and what follows from it. The view holds one
// LibraryState; everything on screen is derived from it here, in pure
// functions, so each rule (when "Continue watching" shows, which item stays
// selected, what the status line says) is decided once.
import type { Listing, Meta, Video } from '../api/types'
import { formatCount } from './card'
import { arrange, defaultSettings, shelve, type Arranged, type Entry, type Shelf, type ViewSettings } from './model'
import type { Content } from './grid'

/** LibraryState is everything the library shows, before it is arranged. */
export interface LibraryState {
  /** root is the opened folder, absolute. */
  root: string
  /** dir is the folder on screen, relative to root ("" for root itself). */
  dir: string
  listing: Listing | null
  settings: ViewSettings
  /** continueList is "Continue watching" as Go answered it (for the top folder only). */
  continueList: Video[]
  selectedKey: string | null
  /** notice is a message for the next problems bar ("… was moved or deleted."). */
  notice: string
}

/** initialState is the state before any folder is listed. */
export function initialState(view: ViewSettings['view']): LibraryState {
  return { root: '', dir: '', listing: null, settings: defaultSettings(view), continueList: [], selectedKey: null, notice: '' }
}

/** fetchesContinue tells whether listing dir also asks Go for "Continue watching": only the top folder shows it. */
export function fetchesContinue(dir: string): boolean {
  return dir === ''
}

/**
 * showsContinue is the one rule for the "Continue watching" row: at the top
 * folder, with something to continue, and no filter typed (a filter is a
 * search of this folder).
 */
export function showsContinue(s: LibraryState): boolean {
  return fetchesContinue(s.dir) && s.continueList.length > 0 && !s.settings.filter.trim()
}

/** Derived is what is on screen, worked out from a state. */
export interface Derived {
  shelf: Shelf | null
  arranged: Arranged
  /** items are the folders, then the videos, as the grid shows them. */
  items: Entry[]
  /** index maps an item's key to its place in items. */
  index: Map<string, number>
  continueRow: boolean
}

/** emptyDerived is what an unlisted or failed folder shows. */
export const emptyDerived = (): Derived => ({
  shelf: null,
  arranged: { folders: [], videos: [], total: 0 },
  items: [],
  index: new Map(),
  continueRow: false,
})

/** derive arranges shelf (the state's listing, shelved) by the state's settings. */
export function derive(s: LibraryState, shelf: Shelf | null, meta: (v: Video) => Meta | undefined): Derived {
  if (!shelf) return emptyDerived()
  const arranged = arrange(shelf, s.settings, meta)
  const items = [...arranged.folders, ...arranged.videos]
  return { shelf, arranged, items, index: new Map(items.map((e, i) => [e.key, i])), continueRow: showsContinue(s) }
}

/** shelf prepares the state's listing for arranging, or null before one came. */
export function shelfOf(s: LibraryState): Shelf | null {
  return s.listing ? shelve(s.listing) : null
}

/**
 * keepSelection is the key to select after d replaced what was on screen:
 * the selected item where it is still there, else the item that took the
 * old selection's place (before, its old index), else the first.
 */
export function keepSelection(selectedKey: string | null, before: number, d: Derived): string | null {
  if (selectedKey !== null && d.index.has(selectedKey)) return selectedKey
  const at = before >= 0 ? Math.min(before, d.items.length - 1) : 0
  return d.items[at]?.key ?? null
}

/** selectedIndex is the place of the selected item, -1 when none. */
export function selectedIndex(s: LibraryState, d: Derived): number {
  return s.selectedKey === null ? -1 : (d.index.get(s.selectedKey) ?? -1)
}

/** content is what the grid lays out for d. */
export function content(s: LibraryState, d: Derived): Content {
  const nf = d.arranged.folders.length
  const nv = d.arranged.videos.length
  return {
    view: s.settings.view,
    folders: nf,
    videos: nv,
    continueRow: d.continueRow,
    labels: nf > 0 || d.continueRow ? { folders: plural(nf, 'folder'), videos: plural(nv, 'video') } : null,
  }
}

/** statusText is the toolbar's count: "3 of 120 videos · 2 folders", "40 videos below". */
export function statusText(s: LibraryState, d: Derived): string {
  const { folders, videos, total } = d.arranged
  let text = plural(total, 'video')
  if (videos.length !== total) text = `${formatCount(videos.length)} of ${text}`
  if (s.settings.recursive) text += ' below'
  else if (folders.length) text += ` · ${plural(folders.length, 'folder')}`
  return text
}

function plural(n: number, what: string): string {
  return n === 1 ? `1 ${what}` : `${formatCount(n)} ${what}s`
}

/** videosOf are the videos among entries, in their order. */
export function videosOf(entries: Entry[]): Video[] {
  const out: Video[] = []
  for (const e of entries) if (e.kind === 'video') out.push(e.video)
  return out
}

/** metaOrder is every video of the listing, those on screen first in their order, for reading metadata. */
export function metaOrder(d: Derived): Video[] {
  const shown = videosOf(d.arranged.videos)
  const all = d.shelf?.listing.videos ?? []
  if (shown.length === all.length) return shown
  const seen = new Set(shown.map((v) => v.id))
  return shown.concat(all.filter((v) => !seen.has(v.id)))
}

/** whereIn is the folder of path relative to dir, for videos listed recursively. */
export function whereIn(path: string, dir: string): string {
  const rel = dir && path.startsWith(dir + '/') ? path.slice(dir.length + 1) : path
  const cut = rel.lastIndexOf('/')
  return cut > 0 ? rel.slice(0, cut) : ''
}
