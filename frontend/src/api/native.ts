// Native things only the window can do, through the methods Go binds on
// window.go.main.App and the Wails runtime. In browser mode they are absent
// and callers hide the controls that need them.
import { events } from '../generated/rules'

interface AppBindings {
  OpenFolder(): Promise<string>
  SetFullscreen(on: boolean): Promise<void>
  IsFullscreen(): Promise<boolean>
  Quit(): Promise<void>
  Version(): Promise<string>
  TakeStartVideo(): Promise<string>
  RevealVideo(id: string): Promise<void>
  SetWatched(id: string, watched: boolean): Promise<void>
  ForgetPosition(id: string): Promise<void>
  CopyPath(id: string): Promise<void>
  RefreshMenu(): Promise<void>
}

interface WailsRuntime {
  EventsOn(name: string, cb: (...data: unknown[]) => void): () => void
  WindowSetTitle(title: string): void
}

declare global {
  interface Window {
    go?: { main?: { App?: AppBindings } }
    runtime?: WailsRuntime
  }
}

function app(): AppBindings | undefined {
  return window.go?.main?.App
}

/** hasNative reports whether the page runs inside the Reel window. */
export function hasNative(): boolean {
  return app() !== undefined
}

/** openFolder shows the native folder dialog; it resolves to "" when cancelled. */
export async function openFolder(): Promise<string> {
  const a = app()
  return a ? a.OpenFolder() : ''
}

/** setFullscreen makes the OS window fullscreen, or the page in browser mode. */
export async function setFullscreen(on: boolean): Promise<void> {
  const a = app()
  if (a) return a.SetFullscreen(on)
  if (on && !document.fullscreenElement) await document.documentElement.requestFullscreen().catch(() => {})
  if (!on && document.fullscreenElement) await document.exitFullscreen().catch(() => {})
}

/** isFullscreen reports whether the window (or page) is fullscreen. */
export async function isFullscreen(): Promise<boolean> {
  const a = app()
  return a ? a.IsFullscreen() : document.fullscreenElement !== null
}

/**
 * onWindowClosing calls save when the person closes the window; the window
 * closes once the promise settles (or after Go's own grace period).
 */
export function onWindowClosing(save: () => Promise<void>): void {
  window.runtime?.EventsOn(events.windowClosing, () => void quitAfter(save))
}

/** quitAfter runs save, then closes the window, whether save worked or not. */
export async function quitAfter(save: () => Promise<void>): Promise<void> {
  await save().catch(() => {})
  await app()?.Quit()
}

/** onFolderOpened calls cb when a folder was opened natively (dropped on the window). */
export function onFolderOpened(cb: () => void): void {
  window.runtime?.EventsOn(events.folderOpened, cb)
}

/** SubtitleDrop is a subtitle file dropped on the window, as Go read it (subdrop.go). */
export interface SubtitleDrop {
  name: string
  text?: string
  error?: string
}

/** onSubtitleFile calls cb with a subtitle file dropped on the window (issue 10). */
export function onSubtitleFile(cb: (d: SubtitleDrop) => void): void {
  window.runtime?.EventsOn(events.subtitleFile, (d) => cb(d as SubtitleDrop))
}

/**
 * onDragOver calls cb with true when files are dragged over the window and
 * false when they leave or drop. In the Linux window the window, not the
 * page, takes drops (drop_linux.go), so the page sees no drag events.
 */
export function onDragOver(cb: (over: boolean) => void): void {
  window.runtime?.EventsOn(events.dragOver, (over) => cb(over === true))
}

/** appVersion is Reel's version as the binary reports it; "" in browser mode. */
export async function appVersion(): Promise<string> {
  const a = app()
  return a ? a.Version() : ''
}

/**
 * takeStartVideo returns, once, the path (relative to the opened folder) of
 * a video to play that came from outside the page: `reel FILE`, a second
 * launch, a dropped file. "" when there is none.
 */
export async function takeStartVideo(): Promise<string> {
  const a = app()
  return a ? a.TakeStartVideo() : ''
}

/** revealVideo shows the video in the system's file manager. */
export async function revealVideo(id: string): Promise<void> {
  await app()?.RevealVideo(id)
}

/** setWatched marks the video watched or not. */
export async function setWatched(id: string, watched: boolean): Promise<void> {
  await app()?.SetWatched(id, watched)
}

/** forgetPosition takes the video out of Continue watching. */
export async function forgetPosition(id: string): Promise<void> {
  await app()?.ForgetPosition(id)
}

/** copyPath puts the video's full path on the clipboard. */
export async function copyPath(id: string): Promise<void> {
  await app()?.CopyPath(id)
}

/** refreshMenu brings the native menu's Open Recent up to date. */
export function refreshMenu(): void {
  void app()?.RefreshMenu().catch(() => {})
}

/** MenuAction is what a native menu item asks of the page (menu.go's Menu* constants). */
export type MenuAction =
  | 'open-folder'
  | 'play-pause'
  | 'next'
  | 'previous'
  | 'mute'
  | 'subtitles'
  | 'back'
  | 'fullscreen'
  | 'view-grid'
  | 'view-list'
  | 'shortcuts'
  | 'about'

/** onMenu calls cb with each action chosen in the native menu. */
export function onMenu(cb: (action: MenuAction) => void): void {
  window.runtime?.EventsOn(events.menu, (action) => cb(action as MenuAction))
}

/**
 * followTitle keeps the window's title equal to the page's: the player sets
 * document.title to "Episode 3.mkv — Reel" and the window manager shows
 * it. WebKitGTK does not pass the page title on to a Wails window itself.
 */
export function followTitle(): void {
  const rt = window.runtime
  if (!rt || !hasNative()) return
  let last = ''
  const sync = (): void => {
    const t = document.title || 'Reel'
    if (t === last) return
    last = t
    rt.WindowSetTitle(t)
  }
  new MutationObserver(sync).observe(document.head, { subtree: true, childList: true, characterData: true })
  sync()
}
