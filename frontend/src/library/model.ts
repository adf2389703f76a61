// What the library shows, worked out from a listing and the folder's view
// settings: which folders and videos, in which order. Pure functions, so the
// view can call them on every keystroke of the filter.
import type { Folder, Listing, Meta, Video } from '../api/types'
import { sorts, type SortKey, type ViewMode } from '../generated/rules'

export type { SortKey, ViewMode }

/** ViewSettings are the per-folder choices the library remembers. */
export interface ViewSettings {
  sort: SortKey
  desc: boolean
  filter: string
  view: ViewMode
  recursive: boolean
}

/** Entry is one item of the library: a folder or a video. */
export type Entry =
  | { kind: 'folder'; key: string; folder: Folder }
  | { kind: 'video'; key: string; video: Video }

/** Shelf is a listing prepared for sorting and filtering many times. */
export interface Shelf {
  listing: Listing
  folders: Entry[]
  videos: Entry[]
  /** Lower-cased names, indexed like videos (server order = natural name order). */
  videoNames: string[]
  folderNames: string[]
  /** Position of each video id in the server's natural order. */
  order: Map<string, number>
  dates: Float64Array
}

export const folderKey = (f: Folder): string => 'f:' + f.path
export const videoKey = (v: Video): string => 'v:' + v.id

/** shelve prepares listing for arrange. */
export function shelve(listing: Listing): Shelf {
  const order = new Map<string, number>()
  const dates = new Float64Array(listing.videos.length)
  listing.videos.forEach((v, i) => {
    order.set(v.id, i)
    dates[i] = Date.parse(v.modTime) || 0
  })
  return {
    listing,
    folders: listing.folders.map((folder): Entry => ({ kind: 'folder', key: folderKey(folder), folder })),
    videos: listing.videos.map((video): Entry => ({ kind: 'video', key: videoKey(video), video })),
    videoNames: listing.videos.map((v) => v.name.toLowerCase()),
    folderNames: listing.folders.map((f) => f.name.toLowerCase()),
    order,
    dates,
  }
}

/** Arranged is what is on screen: folders first, then videos. */
export interface Arranged {
  folders: Entry[]
  videos: Entry[]
  /** How many videos the folder holds before filtering. */
  total: number
}

/**
 * arrange filters shelf by a case-insensitive substring of the name and
 * sorts the videos. Name order is the server's natural order (reversed for
 * desc); ties keep it. Videos without a known duration go last in either
 * direction of the duration sort.
 */
export function arrange(shelf: Shelf, s: ViewSettings, meta: (v: Video) => Meta | undefined): Arranged {
  const q = s.filter.trim().toLowerCase()
  let vi: number[] = []
  for (let i = 0; i < shelf.videos.length; i++) if (!q || shelf.videoNames[i].includes(q)) vi.push(i)
  let folders = q ? shelf.folders.filter((_, i) => shelf.folderNames[i].includes(q)) : shelf.folders
  const dir = s.desc ? -1 : 1
  const vids = shelf.listing.videos
  switch (s.sort) {
    case 'name':
      if (s.desc) {
        vi.reverse()
        folders = [...folders].reverse()
      }
      break
    case 'date':
      vi.sort((a, b) => dir * (shelf.dates[a] - shelf.dates[b]) || a - b)
      break
    case 'size':
      vi.sort((a, b) => dir * (vids[a].size - vids[b].size) || a - b)
      break
    case 'duration': {
      const d = new Float64Array(vids.length).fill(NaN)
      for (const i of vi) {
        const m = meta(vids[i])
        const t = m && !m.error && m.duration > 0 ? m.duration : vids[i].duration
        if (t && t > 0) d[i] = t
      }
      const known = vi.filter((i) => !Number.isNaN(d[i]))
      const unknown = vi.filter((i) => Number.isNaN(d[i]))
      known.sort((a, b) => dir * (d[a] - d[b]) || a - b)
      vi = known.concat(unknown)
      break
    }
  }
  return { folders, videos: vi.map((i) => shelf.videos[i]), total: shelf.videos.length }
}

/** matchRanges finds where q occurs in name, case-insensitively, for highlighting. */
export function matchRanges(name: string, q: string): [number, number][] {
  const needle = q.trim().toLowerCase()
  if (!needle) return []
  const hay = name.toLowerCase()
  if (hay.length !== name.length) return [] // case mapping changed lengths: offsets would not line up
  const out: [number, number][] = []
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + needle.length)) {
    out.push([i, i + needle.length])
  }
  return out
}

export const defaultSettings = (view: ViewMode): ViewSettings => ({
  sort: sorts[0],
  desc: false,
  filter: '',
  view,
  recursive: false,
})

/** parentDir is the folder above dir ("" for the top). */
export function parentDir(dir: string): string {
  return dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : ''
}

/** progressOf is how far video was watched, 0–1, using the best duration known. */
export function progressOf(v: Video, m: Meta | undefined): number {
  const d = (m && !m.error && m.duration) || v.duration || 0
  if (!v.position || !d) return 0
  return Math.max(0, Math.min(1, v.position / d))
}
