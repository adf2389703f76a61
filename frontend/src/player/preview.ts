// The seek bar's preview: a second, muted <video> of the same file placed in
// media-time-range's `preview` slot and seeked to the time under the
// pointer. Nothing is drawn on a canvas, so any file the webview plays gets
// a preview without CORS. While a seek is in flight only the latest target
// is kept, and sought as soon as the previous one lands.
import { testLog } from '../testlog'

interface Target {
  time: number
  /** When the pointer moved there (performance.now() clock). */
  at: number
}

/** A seek that never reports back (a dead range request) must not block the next ones. */
const seekTimeoutMs = 3000

/** SeekPreview owns the preview box of one media-time-range. */
export class SeekPreview {
  /** el goes into the time range with slot="preview". */
  readonly el: HTMLElement
  private readonly video: HTMLVideoElement
  private readonly frame: HTMLElement
  private src = ''
  private inFlight: Target | null = null
  private wanted: Target | null = null
  private lastPointerAt = 0
  private timer: ReturnType<typeof setTimeout> | undefined

  constructor(range: HTMLElement, timeDisplay: HTMLElement) {
    this.video = document.createElement('video')
    this.video.muted = true
    this.video.preload = 'auto'
    this.video.playsInline = true
    this.video.disablePictureInPicture = true
    this.video.setAttribute('aria-hidden', 'true')
    this.video.tabIndex = -1
    // The frame lives in a closed shadow root: its media events stay out of
    // the page's (they do not cross shadow boundaries), and page-wide
    // `section.player video` queries still find the one video being watched.
    this.frame = document.createElement('div')
    this.frame.className = 'player-preview-frame'
    this.frame.hidden = true
    const shadow = this.frame.attachShadow({ mode: 'closed' })
    const style = document.createElement('style')
    style.textContent = 'video{display:block;width:100%;height:100%;object-fit:contain;background:#000}'
    shadow.append(style, this.video)

    this.el = document.createElement('div')
    this.el.className = 'player-preview'
    this.el.slot = 'preview'
    this.el.append(this.frame, timeDisplay)

    this.video.addEventListener('loadedmetadata', () => {
      const { videoWidth: w, videoHeight: h } = this.video
      if (w > 0 && h > 0) this.frame.style.aspectRatio = `${w} / ${h}`
      this.frame.hidden = !(w > 0 && h > 0)
      this.pump()
    })
    this.video.addEventListener('seeked', () => this.landed())
    this.video.addEventListener('error', () => {
      this.frame.hidden = true
      this.inFlight = this.wanted = null
    })

    // The pointer's own timestamp starts the latency clock, so the time
    // media-chrome spends turning the move into a preview request counts.
    window.addEventListener('pointermove', (e) => (this.lastPointerAt = e.timeStamp), { capture: true, passive: true })
    range.addEventListener('mediapreviewrequest', (e) => {
      const t = (e as CustomEvent<number | null>).detail
      if (t == null || !Number.isFinite(t)) return
      const now = performance.now()
      const at = now - this.lastPointerAt < 100 ? this.lastPointerAt : now
      this.request(t, at)
    })
    // Hovering the bar before playback began is the latest moment to load.
    range.addEventListener('pointerenter', () => this.load())
  }

  /** setSource names the file to preview; it is loaded by load(). */
  setSource(url: string): void {
    this.clear()
    this.src = url
  }

  /** load starts loading the preview file, once. */
  load(): void {
    if (!this.src || this.video.getAttribute('src') === this.src) return
    this.video.src = this.src
  }

  /** clear unloads the preview so the file is no longer read. */
  clear(): void {
    clearTimeout(this.timer)
    this.src = ''
    this.inFlight = this.wanted = null
    this.frame.hidden = true
    if (this.video.hasAttribute('src')) {
      this.video.removeAttribute('src')
      this.video.load()
    }
    delete this.el.dataset.target
    delete this.el.dataset.time
    delete this.el.dataset.ms
  }

  private request(time: number, at: number): void {
    this.load()
    this.wanted = { time, at }
    this.pump()
  }

  /** pump starts the wanted seek unless one is in flight or the file has no metadata yet. */
  private pump(): void {
    const v = this.video
    if (this.inFlight || !this.wanted || v.readyState < HTMLMediaElement.HAVE_METADATA) return
    const target = this.wanted
    this.wanted = null
    this.inFlight = target
    const t = Math.min(Math.max(0, target.time), Number.isFinite(v.duration) ? v.duration : target.time)
    // fastSeek lands on a nearby key frame: quicker, and close enough for a preview.
    if (typeof v.fastSeek === 'function') v.fastSeek(t)
    else v.currentTime = t
    clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      this.inFlight = null
      this.pump()
    }, seekTimeoutMs)
  }

  private landed(): void {
    clearTimeout(this.timer)
    const done = this.inFlight
    this.inFlight = null
    if (done) {
      const ms = Math.round(performance.now() - done.at)
      this.el.dataset.target = done.time.toFixed(3)
      this.el.dataset.time = this.video.currentTime.toFixed(3)
      this.el.dataset.ms = String(ms)
      testLog('preview', { time: this.video.currentTime, ms })
    }
    this.pump()
  }
}
