// The seek bar's preview: a second, muted <video> of the same file placed in
// media-time-range's `preview` slot and seeked to the time under the
// pointer. While a seek is in flight only the latest target is kept, and
// sought as soon as the previous one lands.
//
// A seek of that video takes a GStreamer flush and a new range request in
// WebKitGTK (a few hundred milliseconds on a busy machine), so while the
// video plays the preview also walks the file once, coarse to fine, and
// keeps a small storyboard of frames. A hover shows the nearest storyboard
// frame at once, then the exact frame when its seek lands. Drawing a
// cross-origin video taints the canvases, which only stops reading their
// pixels back: they still show, so this needs no CORS either.
//
// The box never shows a frame under a time it does not belong to (issue 8):
// a storyboard frame carries its own time, and until the exact frame for the
// time under the pointer lands, with no storyboard frame to show, the box
// shows nothing rather than the last frame or a black one.
import { formatTime } from '../format'
import { testLog } from '../testlog'

interface Target {
  time: number
  /** When the pointer moved there (performance.now() clock). */
  at: number
}

/** A seek that never reports back (a dead range request) must not block the next ones. */
const seekTimeoutMs = 3000

/** The storyboard holds at most this many frames, spread evenly over the video (a power of two). */
const storyboardSlots = 128

/** Storyboard frames are at least this many seconds apart: short videos get fewer. */
const storyboardMinGap = 1

/** The walk rests this long between two storyboard seeks, to leave the machine to the playing video. */
const walkRestMs = 100

/**
 * The exact frame is sought only once the pointer rests this long: a pass
 * over the bar or a quick click costs no seek.
 */
const exactRestMs = 120

/**
 * With nothing to show, the exact frame is sought after this shorter rest:
 * long enough that a click right after the move (its seek follows the move
 * by 7–33 ms under xdotool) finds no preview seek decoding beside its own,
 * short enough that the first frame still comes within 150 ms (issue 8).
 */
const emptyRestMs = 50

/** Storyboard frames are this wide, in CSS pixels (times the device pixel ratio). */
const storyboardWidth = 208

/** SeekPreview owns the preview box of one media-time-range. */
export class SeekPreview {
  /** el goes into the time range with slot="preview". */
  readonly el: HTMLElement
  private readonly video: HTMLVideoElement
  private readonly frame: HTMLElement
  private readonly still: HTMLCanvasElement
  /** The time of the frame in the box, when it is not the time under the pointer. */
  private readonly at: HTMLElement
  /** hasPicture is true once the preview file has a picture size. */
  private hasPicture = false
  /** The time under the pointer in the latest request. */
  private latest: number | null = null
  private src = ''
  private inFlight: Target | null = null
  private wanted: Target | null = null
  private lastPointerAt = 0
  private timer: ReturnType<typeof setTimeout> | undefined
  /** Storyboard frames by slot; slot i shows the time (i + 0.5) × duration / slots. */
  private board: (HTMLCanvasElement | null)[] = []
  private walkOrder: number[] = []
  private walkStep = 0
  private walking: number | null = null
  private walkTimer: ReturnType<typeof setTimeout> | undefined
  private held = false
  private hovering = false
  private exactTimer: ReturnType<typeof setTimeout> | undefined

  /**
   * range is the seek bar, timeDisplay the time under the preview, watched
   * the video being watched: the storyboard walk runs only while it plays,
   * so a paused player decodes nothing (issue 8).
   */
  constructor(
    range: HTMLElement,
    timeDisplay: HTMLElement,
    private readonly watched: HTMLVideoElement,
  ) {
    this.video = document.createElement('video')
    this.video.muted = true
    // Only seeks read this file: 'auto' would have WebKitGTK buffer it ahead.
    this.video.preload = 'metadata'
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
    style.textContent =
      ':host{position:relative}' +
      'video,canvas{display:block;width:100%;height:100%;object-fit:contain;background:#000}' +
      'canvas{position:absolute;inset:0}[hidden]{display:none}' +
      '.at{position:absolute;left:4px;top:4px;padding:1px 6px;border-radius:4px;' +
      'background:rgba(0,0,0,.75);color:#fff;font:600 11px/1.4 system-ui,sans-serif;font-variant-numeric:tabular-nums}'
    // The still (a storyboard frame) lies over the video until the exact frame lands.
    this.still = document.createElement('canvas')
    this.still.hidden = true
    this.at = document.createElement('span')
    this.at.className = 'at'
    this.at.hidden = true
    shadow.append(style, this.video, this.still, this.at)

    this.el = document.createElement('div')
    this.el.className = 'player-preview'
    this.el.slot = 'preview'
    this.el.append(this.frame, timeDisplay)

    this.video.addEventListener('loadedmetadata', () => {
      const { videoWidth: w, videoHeight: h } = this.video
      this.hasPicture = w > 0 && h > 0
      if (this.hasPicture) this.frame.style.aspectRatio = `${w} / ${h}`
      this.planWalk()
      this.pump()
    })
    this.video.addEventListener('seeked', () => this.landed())
    this.video.addEventListener('error', () => {
      this.hasPicture = false
      this.frame.hidden = true
      this.inFlight = this.wanted = null
      this.walking = null
      clearTimeout(this.walkTimer)
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
    // While the preview is on screen the walk waits, not to move its frame.
    range.addEventListener('pointerenter', () => {
      this.hovering = true
      this.load()
    })
    range.addEventListener('pointerleave', () => {
      this.hovering = false
      this.scheduleWalk()
    })
    watched.addEventListener('playing', () => this.scheduleWalk())
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

  /**
   * hold pauses the storyboard walk (true), as while the watched video
   * seeks, so the two never compete; false lets it go on.
   */
  hold(on: boolean): void {
    this.held = on
    if (on) {
      // A click on the bar seeks the watched video there: the preview's own
      // seek to the same place can wait for the next move.
      clearTimeout(this.exactTimer)
      this.wanted = null
    } else this.scheduleWalk()
  }

  /** storyboardFrames is how many storyboard frames are ready. */
  get storyboardFrames(): number {
    return this.board.reduce((n, c) => n + (c ? 1 : 0), 0)
  }

  /** clear unloads the preview so the file is no longer read. */
  clear(): void {
    clearTimeout(this.timer)
    clearTimeout(this.walkTimer)
    clearTimeout(this.exactTimer)
    this.src = ''
    this.inFlight = this.wanted = null
    this.latest = null
    this.walking = null
    this.held = false
    this.board = []
    this.walkOrder = []
    this.walkStep = 0
    this.still.hidden = true
    this.frame.hidden = true
    this.hasPicture = false
    if (this.video.hasAttribute('src')) {
      this.video.removeAttribute('src')
      this.video.load()
    }
    delete this.el.dataset.target
    delete this.el.dataset.time
    delete this.el.dataset.ms
    delete this.el.dataset.source
  }

  private request(time: number, at: number): void {
    this.load()
    clearTimeout(this.exactTimer)
    this.latest = time
    const still = this.showNearest(time, at)
    // Nothing of this time to show yet: an empty box, not the last frame.
    if (!still) this.frame.hidden = true
    // The exact frame waits for the pointer to rest, storyboard or not: a
    // click right after the move seeks the watched video there (hold), and a
    // preview seek started at the move would decode beside it. On the 5-hour
    // file, before the storyboard had frames, that made the click's seek
    // 47–54 ms where it takes 39–40 ms alone (issue 8, make bench-playback).
    this.exactTimer = setTimeout(() => {
      this.wanted = { time, at }
      this.pump()
    }, still ? exactRestMs : emptyRestMs)
  }

  /**
   * showNearest puts the storyboard frame nearest to time over the video,
   * if there is one; it reports whether there was.
   */
  private showNearest(time: number, at: number): boolean {
    const slot = this.nearestSlot(time)
    if (slot < 0) return false
    const src = this.board[slot]!
    if (this.still.width !== src.width || this.still.height !== src.height) {
      this.still.width = src.width
      this.still.height = src.height
    }
    this.still.getContext('2d')?.drawImage(src, 0, 0)
    this.still.hidden = false
    this.reveal(time, this.slotTime(slot))
    this.shown(time, this.slotTime(slot), Math.round(performance.now() - at), 'storyboard')
    return true
  }

  /** nearestSlot is the filled storyboard slot nearest to time, or -1. */
  private nearestSlot(time: number): number {
    const n = this.board.length
    const d = this.video.duration
    if (n === 0 || !(d > 0)) return -1
    const want = Math.min(n - 1, Math.max(0, Math.floor((time / d) * n)))
    for (let k = 0; k < n; k++) {
      if (want - k >= 0 && this.board[want - k]) return want - k
      if (want + k < n && this.board[want + k]) return want + k
    }
    return -1
  }

  private slotTime(slot: number): number {
    return ((slot + 0.5) * this.video.duration) / this.board.length
  }

  /**
   * reveal shows the box with a frame of time for the pointer at target;
   * the frame's own time is written on it when it reads differently.
   */
  private reveal(target: number, time: number): void {
    if (!this.hasPicture) return
    const own = formatTime(time)
    this.at.hidden = own === formatTime(target)
    if (!this.at.hidden) this.at.textContent = own
    this.frame.hidden = false
  }

  /** shown records what the preview shows now, for the page and the tests. */
  private shown(target: number, time: number, ms: number, source: 'storyboard' | 'exact'): void {
    this.el.dataset.target = target.toFixed(3)
    this.el.dataset.time = time.toFixed(3)
    this.el.dataset.ms = String(ms)
    this.el.dataset.source = source
    testLog('preview', { time, target, ms, source })
  }

  /** planWalk lays out the storyboard once the duration is known. */
  private planWalk(): void {
    const d = this.video.duration
    if (!Number.isFinite(d) || d <= 0) return
    // The largest power of two up to storyboardSlots that keeps frames apart.
    let n = storyboardSlots
    while (n > 1 && d / n < storyboardMinGap) n /= 2
    this.board = new Array<HTMLCanvasElement | null>(n).fill(null)
    // Coarse to fine: bit-reversed order visits the middle, the quarters,
    // the eighths, … so a few frames already cover the whole bar.
    const bits = Math.log2(n)
    this.walkOrder = Array.from({ length: n }, (_, i) => {
      let r = 0
      for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b)
      return r
    })
    this.walkStep = 0
    this.scheduleWalk()
  }

  private scheduleWalk(): void {
    clearTimeout(this.walkTimer)
    if (this.walkStep >= this.walkOrder.length) return
    this.walkTimer = setTimeout(() => this.pump(), walkRestMs)
  }

  /** pump starts the wanted seek, else the next storyboard seek, unless a seek is in flight. */
  private pump(): void {
    const v = this.video
    if (this.inFlight || this.walking !== null || v.readyState < HTMLMediaElement.HAVE_METADATA) return
    if (!this.wanted) {
      this.walk()
      return
    }
    const target = this.wanted
    this.wanted = null
    this.inFlight = target
    const t = Math.min(Math.max(0, target.time), Number.isFinite(v.duration) ? v.duration : target.time)
    this.seek(t, () => (this.inFlight = null))
  }

  /**
   * seek moves the preview video to t. A seek that never lands gives way
   * after seekTimeoutMs: giveUp forgets it, and the next one starts.
   */
  private seek(t: number, giveUp: () => void): void {
    const v = this.video
    // fastSeek lands on a nearby key frame: quicker, and close enough for a preview.
    if (typeof v.fastSeek === 'function') v.fastSeek(t)
    else v.currentTime = t
    clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      giveUp()
      this.pump()
    }, seekTimeoutMs)
  }

  /** walk seeks to the next storyboard frame, when nothing else wants the video. */
  private walk(): void {
    if (this.held || this.hovering || this.watched.paused || document.hidden || this.walkStep >= this.walkOrder.length) return
    const slot = this.walkOrder[this.walkStep++]
    this.walking = slot
    this.seek(this.slotTime(slot), () => (this.walking = null))
  }

  /** keep copies the video's current frame into storyboard slot. */
  private keep(slot: number): void {
    const v = this.video
    const { videoWidth: w, videoHeight: h } = v
    if (!(w > 0 && h > 0) || v.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) return
    const c = document.createElement('canvas')
    c.width = Math.round(storyboardWidth * Math.min(1.5, window.devicePixelRatio || 1))
    c.height = Math.max(1, Math.round((c.width * h) / w))
    const ctx = c.getContext('2d')
    if (!ctx) return
    try {
      ctx.drawImage(v, 0, 0, c.width, c.height)
    } catch {
      return // a webview that cannot draw this video keeps no storyboard
    }
    this.board[slot] = c
    if (this.walkStep === this.walkOrder.length || (this.walkStep & (this.walkStep - 1)) === 0) {
      testLog('storyboard', { frames: this.storyboardFrames, slots: this.board.length })
    }
  }

  private landed(): void {
    clearTimeout(this.timer)
    if (this.walking !== null) {
      this.keep(this.walking)
      this.walking = null
      if (this.wanted) this.pump()
      else this.scheduleWalk()
      return
    }
    const done = this.inFlight
    this.inFlight = null
    // A frame for a time the pointer already left stays unseen: the next one is on its way.
    if (done && done.time === this.latest) {
      this.still.hidden = true // the video shows the exact frame now
      this.reveal(done.time, this.video.currentTime)
      this.shown(done.time, this.video.currentTime, Math.round(performance.now() - done.at), 'exact')
    }
    if (this.wanted) this.pump()
    else this.scheduleWalk()
  }
}
