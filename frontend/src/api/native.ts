// Native things only the window can do, through the methods Go binds on
// window.go.main.App and the Wails runtime. In browser mode they are absent
// and callers hide the controls that need them.
import { events } from '../generated/rules'

interface AppBindings {
  OpenFolder(): Promise<string>
  SetFullscreen(on: boolean): Promise<void>
  IsFullscreen(): Promise<boolean>
  Quit(): Promise<void>
}

interface WailsRuntime {
  EventsOn(name: string, cb: (...data: unknown[]) => void): () => void
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
