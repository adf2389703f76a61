// The player: one <video> inside media-chrome's controller, our keys, and
// errors a person can act on.
import 'media-chrome'
import type { Video } from '../api/types'
import { setFullscreen, isFullscreen } from '../api/native'
import { h } from '../dom'
import { testLog } from '../testlog'

/** PlayerHandlers are what the player asks of the app. */
export interface PlayerHandlers {
  /** back returns to the library, selecting the video that played (if any). */
  back(video: Video | null): void
  /** native is true in the window (fullscreen goes through Wails). */
  native: boolean
}

const mediaErrors: Record<number, string> = {
  1: 'Playback was aborted.',
  2: 'A network error stopped the video: the file may have been moved, deleted or become unreadable.',
  3: 'The video could not be decoded: the file may be damaged or use a codec this system cannot play.',
  4: 'This video’s format or codec is not supported here.',
}

/** PlayerView plays one video at a time. */
export class PlayerView {
  readonly el: HTMLElement
  readonly video: HTMLVideoElement
  private readonly title: HTMLElement
  private readonly errorBox: HTMLElement
  private current: Video | null = null

  constructor(private readonly handlers: PlayerHandlers) {
    this.video = h('video', { slot: 'media', preload: 'auto', playsinline: true }) as HTMLVideoElement
    this.title = h('div', { class: 'title' })
    const back = h('button', { type: 'button', class: 'btn back', title: 'Back to the list (Esc)' }, '← Back')
    back.addEventListener('click', () => this.close())
    this.errorBox = h('div', { class: 'player-error', role: 'alert', hidden: true })

    const controller = h('media-controller' as 'div', { class: 'controller', nohotkeys: true, autohide: '2' })
    controller.append(
      this.video,
      h('media-loading-indicator' as 'div', { slot: 'centered-chrome', noautohide: true }),
      h(
        'media-control-bar' as 'div',
        {},
        h('media-play-button' as 'div'),
        h('media-seek-backward-button' as 'div', { seekoffset: '10' }),
        h('media-seek-forward-button' as 'div', { seekoffset: '10' }),
        h('media-time-range' as 'div'),
        h('media-time-display' as 'div', { showduration: true }),
        h('media-mute-button' as 'div'),
        h('media-volume-range' as 'div'),
        h('media-playback-rate-button' as 'div', { rates: '0.25 0.5 0.75 1 1.25 1.5 2 3 4' }),
        h('media-fullscreen-button' as 'div'),
      ),
    )
    this.el = h(
      'section',
      { class: 'player' },
      h('header', { class: 'player-top' }, back, this.title),
      controller,
      this.errorBox,
    )
    this.watch()
  }

  /** open starts playing video. */
  open(video: Video, _playlist: Video[]): void {
    this.current = video
    this.title.textContent = video.name
    document.title = `${video.name} — Reel`
    this.errorBox.hidden = true
    this.video.src = video.url
    testLog('open', { name: video.name })
    this.video.play().catch(() => {
      /* autoplay refusals and load errors surface through events */
    })
  }

  /** close stops playback and returns to the list. */
  close(): void {
    const v = this.current
    this.stop()
    if (v) this.handlers.back(v)
  }

  /** stop unloads the video so the file is no longer read. */
  stop(): void {
    this.video.pause()
    this.video.removeAttribute('src')
    this.video.load()
    this.current = null
    document.title = 'Reel'
  }

  /** seekTo jumps to t seconds, within the video. */
  seekTo(t: number): void {
    const d = this.video.duration
    if (!Number.isFinite(d)) return
    this.video.currentTime = Math.max(0, Math.min(t, d))
  }

  /** onKey handles the player's keys; it returns true when it used the key. */
  onKey(e: KeyboardEvent): boolean {
    const v = this.video
    if (e.ctrlKey || e.metaKey || e.altKey) return false
    switch (e.key) {
      case ' ':
      case 'k':
      case 'K':
        if (v.paused) v.play().catch(() => {})
        else v.pause()
        return true
      case 'ArrowLeft':
        this.seekTo(v.currentTime - 5)
        return true
      case 'ArrowRight':
        this.seekTo(v.currentTime + 5)
        return true
      case 'j':
      case 'J':
        this.seekTo(v.currentTime - 10)
        return true
      case 'l':
      case 'L':
        this.seekTo(v.currentTime + 10)
        return true
      case 'm':
      case 'M':
        v.muted = !v.muted
        return true
      case 'f':
      case 'F':
        isFullscreen().then((on) => setFullscreen(!on))
        return true
      case 'Escape':
        isFullscreen().then((on) => (on ? setFullscreen(false) : this.close()))
        return true
    }
    if (e.key >= '0' && e.key <= '9') {
      this.seekTo((Number(e.key) / 10) * v.duration)
      return true
    }
    return false
  }

  private watch(): void {
    const v = this.video
    v.addEventListener('loadedmetadata', () => testLog('loadedmetadata', { duration: v.duration }))
    v.addEventListener('playing', () => testLog('playing', { currentTime: v.currentTime }))
    v.addEventListener('seeking', () => testLog('seeking', { currentTime: v.currentTime }))
    v.addEventListener('seeked', () => testLog('seeked', { currentTime: v.currentTime, duration: v.duration }))
    v.addEventListener('ended', () => testLog('ended', {}))
    v.addEventListener('error', () => {
      if (!this.current) return // unloading fires an error too
      const err = v.error
      const code = err?.code ?? 0
      testLog('error', { code, message: err?.message ?? '' })
      this.errorBox.replaceChildren(
        h('strong', {}, 'Cannot play ' + (this.current?.name ?? 'this video')),
        h('p', {}, mediaErrors[code] ?? 'Unknown playback error.'),
        h('p', { class: 'detail' }, err?.message ?? ''),
      )
      this.errorBox.hidden = false
    })
  }
}
