// The only module that talks to the Go side over HTTP. Relative URLs work
// both in the window (the Wails asset server) and in browser mode (the
// loopback server). docs/api.md lists the routes.
import type {
  FolderSettings,
  Font,
  Listing,
  MetaAnswer,
  PlayerSettings,
  Position,
  Recent,
  State,
  Status,
  TrackList,
  Video,
} from './types'

/** ApiError carries the server's message and status. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: Record<string, unknown> = {},
  ) {
    super(message)
  }
}

// Browser mode authenticates with the per-launch token of the URL that
// `reel serve` printed. The page keeps it (sessionStorage survives a reload,
// and is never shared with another origin), takes it out of the address
// bar, and sends it as a header; elements that load URLs themselves (an
// <img>, a <video>) carry it in the query. Never a cookie: cookies ignore
// ports, so one would reach every other server on 127.0.0.1 (issue 11).
const tokenKey = 'reel-token'

function takeToken(): string {
  let fromURL: string | null = null
  try {
    const url = new URL(location.href)
    fromURL = url.searchParams.get('token')
    if (fromURL) {
      url.searchParams.delete('token')
      history.replaceState(history.state, '', url.pathname + url.search + url.hash)
      sessionStorage.setItem(tokenKey, fromURL)
    }
    return fromURL ?? sessionStorage.getItem(tokenKey) ?? ''
  } catch {
    return fromURL ?? '' // storage refused: the token lasts as long as the page
  }
}

const token = takeToken()

/** authorized adds the token header (browser mode) to init. */
function authorized(init: RequestInit = {}): RequestInit {
  if (!token) return init
  const headers = new Headers(init.headers)
  headers.set('Authorization', 'Bearer ' + token)
  return { ...init, headers }
}

/**
 * withToken adds the token to the query of a URL of this page's own origin,
 * for elements that load it themselves. Other URLs (the loopback media URL
 * the window plays, which carries its own token) are left alone.
 */
export function withToken(url: string): string {
  if (!token) return url
  const u = new URL(url, location.href)
  // A blob: URL (a dropped subtitle file, issue 10) shares the page's origin but is no API path.
  if (u.protocol === 'blob:' || u.origin !== location.origin || u.searchParams.has('token')) return url
  u.searchParams.set('token', token)
  return u.pathname + u.search + u.hash
}

/** SaveListener hears how each save went: the server's message when one failed, '' when one worked. */
export type SaveListener = (failure: string) => void

const saveListeners = new Set<SaveListener>()

/**
 * onSave calls cb after every save (a PUT of a position or a setting): a
 * failed save must reach the user, not only the console (issue 11).
 * It returns a function that stops the calls.
 */
export function onSave(cb: SaveListener): () => void {
  saveListeners.add(cb)
  return () => saveListeners.delete(cb)
}

function saved(path: string, init: RequestInit | undefined, failure: string): void {
  if (init?.method !== 'PUT' || path.startsWith('/api/thumb/')) return
  for (const cb of saveListeners) cb(failure)
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  try {
    const out = await send<T>(path, init)
    saved(path, init, '')
    return out
  } catch (err) {
    if (err instanceof ApiError) saved(path, init, err.message)
    throw err
  }
}

async function send<T>(path: string, init?: RequestInit): Promise<T> {
  let res: Response
  try {
    res = await fetch(path, authorized(init))
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err
    throw new ApiError('Reel’s backend is not answering.', 0)
  }
  if (!res.ok) {
    let msg = `${res.status} ${res.statusText}`
    let body: Record<string, unknown> = {}
    try {
      body = await res.json()
      if (typeof body.error === 'string') msg = body.error
    } catch {
      /* not JSON: keep the status line */
    }
    throw new ApiError(msg, res.status, body)
  }
  if (res.status === 204) return undefined as T
  return (await res.json()) as T
}

function json(method: string, body: unknown): RequestInit {
  return { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }
}

/** getState says which folder is open; withStart adds what its first paint needs (the launch, issue 8). */
export function getState(withStart = false): Promise<State> {
  return request<State>(withStart ? '/api/state?start=1' : '/api/state')
}

/** getStatus says why saves or live updates fail right now; it takes no notice away, unlike getState. */
export function getStatus(): Promise<Status> {
  return request<Status>('/api/status')
}

/** firstPage is how many videos the first answer of a listing holds: more than a window shows. */
const firstPage = 400
/** laterPage is how many videos each later answer holds. */
const laterPage = 10000

/**
 * getLibrary lists dir (relative to the opened folder); recursive lists
 * every video below it. A folder (or a tree) is read a page at a time: a folder of
 * 100,000 videos took 2 s to answer whole (issue 11), so onFirst, when
 * given, gets the first page (folders and the first videos in name order)
 * as soon as it is there, and the promise the whole listing once every
 * page has come.
 */
export async function getLibrary(dir: string, recursive = false, onFirst?: (first: Listing) => void): Promise<Listing> {
  const base = '/api/library?dir=' + encodeURIComponent(dir) + (recursive ? '&recursive=1' : '')
  const first = await request<Listing>(`${base}&offset=0&limit=${firstPage}`)
  let total = first.total ?? first.videos.length
  if (total <= firstPage) return first
  onFirst?.(first)
  const videos = [...first.videos]
  const problems = [...first.problems]
  for (let offset = firstPage; offset < total; offset += laterPage) {
    const page = await request<Listing>(`${base}&offset=${offset}&limit=${laterPage}`)
    videos.push(...page.videos)
    problems.push(...page.problems)
    total = page.total ?? total
  }
  return { ...first, videos, problems, total }
}

/** getMeta asks for duration, size and codecs of up to 500 videos. */
export function getMeta(ids: string[]): Promise<MetaAnswer> {
  return request<MetaAnswer>('/api/meta', json('POST', { ids }))
}

/** thumbURL is the poster of a video; a 404 with capture=true asks the page to make one. */
export function thumbURL(id: string): string {
  return withToken('/api/thumb/' + encodeURIComponent(id))
}

/** thumbStatus fetches the poster: 'ok', 'capture' (the page should draw one) or 'none'. */
export async function thumbStatus(id: string, signal?: AbortSignal): Promise<'ok' | 'capture' | 'none'> {
  try {
    const res = await fetch(thumbURL(id), authorized({ signal }))
    if (res.ok) return 'ok'
    const body = await res.json().catch(() => ({}))
    return body && body.capture ? 'capture' : 'none'
  } catch {
    return 'none'
  }
}

/** putThumb hands a captured JPEG poster to Go. */
export async function putThumb(id: string, jpeg: Blob): Promise<void> {
  // Bytes, not the Blob: WebKitGTK hands a Blob body to the wails:// scheme
  // handler as no stream at all, and Wails v2.16 then crashes reading it.
  const body = await jpeg.arrayBuffer()
  return request<void>('/api/thumb/' + encodeURIComponent(id), { method: 'PUT', headers: { 'Content-Type': 'image/jpeg' }, body })
}

/** waitForChanges resolves with the new version once the folder changes on disk (or after 20 s). */
export function waitForChanges(since: number, signal?: AbortSignal): Promise<{ version: number }> {
  return request<{ version: number }>('/api/changes?since=' + since, { signal })
}

export function getRecent(): Promise<Recent[]> {
  return request<Recent[]>('/api/recent')
}

/** openRecent reopens a folder from the recent list. */
/** openRecent opens a recent folder; the answer carries what its first paint needs, as getState(true). */
export function openRecent(id: string): Promise<State> {
  return request<State>('/api/recent/' + encodeURIComponent(id) + '/open?start=1', { method: 'POST' })
}

/**
 * forgetRecent removes a folder from the recent list; with keepalive the
 * request outlives the page (a removal still pending when it goes).
 */
export function forgetRecent(id: string, keepalive = false): Promise<void> {
  return request<void>('/api/recent/' + encodeURIComponent(id), { method: 'DELETE', keepalive })
}

export function getFolderSettings(dir: string): Promise<FolderSettings> {
  return request<FolderSettings>('/api/settings/folder?dir=' + encodeURIComponent(dir))
}

/** putFolderSettings saves the fields given for dir, keeping the others. */
export function putFolderSettings(dir: string, s: Partial<FolderSettings>): Promise<FolderSettings> {
  return request<FolderSettings>('/api/settings/folder?dir=' + encodeURIComponent(dir), json('PUT', s))
}

export function getSettings(): Promise<PlayerSettings> {
  return request<PlayerSettings>('/api/settings')
}

/**
 * settingsSavedEvent is the window event putSettings fires with what Go
 * holds after a save (detail: PlayerSettings), so that every copy of the
 * settings on the page follows a change made in another (the settings
 * panel while the player is open, issue 13).
 */
export const settingsSavedEvent = 'reel-settings-saved'

/** putSettings saves the fields given, keeping the others. */
export async function putSettings(s: Partial<PlayerSettings>): Promise<PlayerSettings> {
  const saved = await request<PlayerSettings>('/api/settings', json('PUT', s))
  dispatchEvent(new CustomEvent(settingsSavedEvent, { detail: saved }))
  return saved
}

export function getPosition(id: string): Promise<Position> {
  return request<Position>('/api/position/' + encodeURIComponent(id))
}

/**
 * putPosition saves where video id is; stop says playback stopped there
 * (Back, the next video, the end), which alone may mark it watched before
 * its end (docs/api.md, issue 13).
 */
export function putPosition(id: string, position: number, duration: number, stop = false): Promise<Position> {
  const p = request<Position>('/api/position/' + encodeURIComponent(id), json('PUT', { position, duration, stop }))
  positionWrites.add(p)
  const done = () => positionWrites.delete(p)
  p.then(done, done)
  return p
}

/** setWatched marks video id watched (on) or not watched, which rewinds it to the start. */
export function setWatched(id: string, on: boolean): Promise<Position> {
  return request<Position>(`/api/videos/${encodeURIComponent(id)}/watched`, { method: on ? 'POST' : 'DELETE' })
}

/** positionWrites holds the position saves still in flight. */
const positionWrites = new Set<Promise<Position>>()

/** positionsSaved resolves once every position save in flight has finished. */
export async function positionsSaved(): Promise<void> {
  await Promise.allSettled([...positionWrites])
}

/**
 * savePositionOnExit saves a position while the page is going away, when a
 * normal fetch may be cancelled.
 */
export function savePositionOnExit(id: string, position: number, duration: number): void {
  fetch('/api/position/' + encodeURIComponent(id), authorized({ ...json('PUT', { position, duration, stop: true }), keepalive: true })).catch(
    () => {},
  )
}

/** getContinue lists videos of the opened folder started and not finished. */
export function getContinue(): Promise<Video[]> {
  return request<Video[]>('/api/continue')
}

/** getTracks lists the audio and subtitle tracks and the chapters of a video (issue 10). */
export function getTracks(id: string): Promise<TrackList> {
  return request<TrackList>('/api/tracks/' + encodeURIComponent(id))
}

/** getSubtitleText fetches a subtitle track as text: WebVTT, or ASS/SSA as it is. */
export async function getSubtitleText(url: string): Promise<string> {
  const res = await fetch(withToken(url), authorized())
  if (!res.ok) throw new ApiError(`subtitles: ${res.status}`, res.status)
  return res.text()
}

/** SubtitlePart is one answer of an embedded track's long poll (GET …/subtitles/{n}?after=K). */
export interface SubtitlePart {
  /** text is WebVTT: the header and the cues after the first K. */
  text: string
  /** complete: the server's extraction is done, nothing more comes. */
  complete: boolean
  /** cues counts the cues extracted so far: the next question's K. */
  cues: number
}

/**
 * getSubtitlePart asks for the cues of the embedded track at url after the
 * first `after`; the server answers once it has more, or has all, or after
 * a while with none (docs/api.md). An answer without the headers (a
 * server that does not know ?after) is the whole track.
 */
export async function getSubtitlePart(url: string, after: number, signal?: AbortSignal): Promise<SubtitlePart> {
  const u = new URL(url, location.href)
  u.searchParams.set('after', String(after))
  const res = await fetch(withToken(u.pathname + u.search), authorized({ signal }))
  if (!res.ok) throw new ApiError(`subtitles: ${res.status}`, res.status)
  const cues = Number(res.headers.get('Reel-Subtitle-Cues') ?? Number.NaN)
  return {
    text: await res.text(),
    complete: res.headers.get('Reel-Subtitle-Complete') !== 'false',
    cues: Number.isFinite(cues) ? cues : after,
  }
}

/** fontsURL is where the fonts attached to video id are listed, for its ASS subtitles. */
export function fontsURL(id: string): string {
  return `/api/fonts/${encodeURIComponent(id)}`
}

/** getFonts lists the fonts at url (fontsURL); none when the server has none to give. */
export async function getFonts(url: string): Promise<Font[]> {
  const res = await fetch(withToken(url), authorized())
  if (!res.ok) throw new ApiError(`fonts: ${res.status}`, res.status)
  return (await res.json()) as Font[]
}

/** getFontData fetches one font's bytes. */
export async function getFontData(url: string): Promise<Uint8Array> {
  const res = await fetch(withToken(url), authorized())
  if (!res.ok) throw new ApiError(`font: ${res.status}`, res.status)
  return new Uint8Array(await res.arrayBuffer())
}

/** postEvent records a player event for the desktop test; errors are ignored. */
export function postEvent(ev: Record<string, unknown>): void {
  fetch('/api/events', authorized(json('POST', ev))).catch(() => {})
}
