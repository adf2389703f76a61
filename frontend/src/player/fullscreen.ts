// The fullscreen bridge: fullscreen is the OS window's (through Wails) in
// the app, and the page's Fullscreen API in a browser (api/native decides).
// media-chrome's button and double-click would make its own element
// fullscreen: their requests are taken here instead, and what the window
// really is is read back after every change, a resize, or Esc.
import { isFullscreen, setFullscreen } from '../api/native'

/** FullscreenBridge keeps the player's idea of fullscreen in step with the window's. */
export class FullscreenBridge {
  private on = false

  /**
   * el is the player (media-chrome's requests are caught on their way
   * through it), controller its media-controller; changed hears each new
   * state; active says whether a video is open (a resize then re-reads it).
   */
  constructor(
    el: HTMLElement,
    controller: HTMLElement,
    private readonly changed: (on: boolean) => void,
    active: () => boolean,
  ) {
    const request = (e: Event) => {
      e.stopPropagation()
      void this.toggle(e.type === 'mediaenterfullscreenrequest')
    }
    el.addEventListener('mediaenterfullscreenrequest', request, true)
    el.addEventListener('mediaexitfullscreenrequest', request, true)
    controller.addEventListener('dblclick', (e) => {
      const first = e.composedPath()[0]
      if (first instanceof Element && ['video', 'media-controller', 'media-gesture-receiver'].includes(first.localName)) {
        void this.toggle()
      }
    })
    document.addEventListener('fullscreenchange', () => this.sync())
    let resizeTimer: ReturnType<typeof setTimeout> | undefined
    window.addEventListener('resize', () => {
      clearTimeout(resizeTimer)
      resizeTimer = setTimeout(() => active() && this.sync(), 150)
    })
  }

  /** active is the last state known. */
  get active(): boolean {
    return this.on
  }

  /** toggle makes the window fullscreen (want true), not (false), or the other way round. */
  async toggle(want?: boolean): Promise<void> {
    const on = want ?? !(await isFullscreen().catch(() => this.on))
    this.set(on)
    try {
      await setFullscreen(on)
    } finally {
      this.sync()
    }
  }

  /** leave ends fullscreen if the window is fullscreen, and says whether it was. */
  async leave(): Promise<boolean> {
    const on = await isFullscreen().catch(() => false)
    if (on) await this.toggle(false)
    return on
  }

  /** sync reads the window's state back. */
  sync(): void {
    isFullscreen().then(
      (on) => this.set(on),
      () => {},
    )
  }

  private set(on: boolean): void {
    this.on = on
    this.changed(on)
  }
}
