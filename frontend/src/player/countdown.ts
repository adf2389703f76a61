// The end of a video: noticing it (WebKitGTK does not always fire `ended`)
// and the "Next: ep2.mp4 in 5…" countdown that follows.
import { h } from '../dom'

/** How close to the duration counts as the end when `ended` does not come. */
const endSlack = 0.3
/** How long the time must stand still there before it counts. */
const stuckMs = 1000

/**
 * EndWatcher calls onEnd once per time the video reaches its end: on
 * `ended`, or when `timeupdate` shows the last fraction of a second and the
 * video is paused or its time stopped moving for a second (WebKitGTK can
 * stop there without firing `ended`). Seeking back re-arms it.
 */
export class EndWatcher {
  private fired = false
  private stuckTimer: ReturnType<typeof setTimeout> | undefined

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly onEnd: () => void,
  ) {
    video.addEventListener('ended', () => this.fire())
    video.addEventListener('timeupdate', () => this.check())
    video.addEventListener('pause', () => this.check())
    video.addEventListener('seeking', () => this.rearm())
    video.addEventListener('play', () => this.rearm())
  }

  /** reset forgets the last end, for a new video. */
  reset(): void {
    clearTimeout(this.stuckTimer)
    this.fired = false
  }

  private nearEnd(): boolean {
    const v = this.video
    return Number.isFinite(v.duration) && v.duration > 0 && v.currentTime >= v.duration - endSlack
  }

  private rearm(): void {
    if (!this.nearEnd()) this.reset()
  }

  private check(): void {
    const v = this.video
    if (this.fired || v.loop || !this.nearEnd() || v.seeking) return
    if (v.paused || v.ended) {
      this.fire()
      return
    }
    const t = v.currentTime
    clearTimeout(this.stuckTimer)
    this.stuckTimer = setTimeout(() => {
      if (!this.fired && !v.loop && v.currentTime === t && this.nearEnd()) this.fire()
    }, stuckMs)
  }

  private fire(): void {
    if (this.fired || !this.video.currentSrc) return
    this.fired = true
    clearTimeout(this.stuckTimer)
    this.onEnd()
  }
}

/** NextCountdown shows "Next: NAME in 5…" with Play now and Cancel. */
export class NextCountdown {
  readonly el: HTMLElement
  private readonly name: HTMLElement
  private readonly secs: HTMLElement
  private timer: ReturnType<typeof setInterval> | undefined
  private left = 0
  private go: (() => void) | null = null

  constructor(private readonly seconds = 5) {
    this.name = h('strong', { class: 'player-next-name' })
    this.secs = h('span', { class: 'player-next-secs' })
    const now = h('button', { type: 'button', class: 'btn primary' }, 'Play now')
    const cancel = h('button', { type: 'button', class: 'btn' }, 'Cancel')
    now.addEventListener('click', () => this.playNow())
    cancel.addEventListener('click', () => this.cancel())
    this.el = h(
      'div',
      { class: 'player-prompt player-next', role: 'dialog', 'aria-label': 'Next video', hidden: true },
      h('span', { class: 'player-prompt-text' }, 'Next: ', this.name, ' in ', this.secs),
      h('span', { class: 'player-prompt-actions' }, now, cancel),
    )
  }

  get visible(): boolean {
    return !this.el.hidden
  }

  /** start counts down, then calls go. */
  start(nextName: string, go: () => void): void {
    this.cancel()
    this.go = go
    this.left = this.seconds
    this.name.textContent = nextName
    this.secs.textContent = `${this.left}…`
    this.el.hidden = false
    this.timer = setInterval(() => {
      this.left--
      if (this.left <= 0) this.playNow()
      else this.secs.textContent = `${this.left}…`
    }, 1000)
  }

  /** playNow skips the rest of the countdown. */
  playNow(): void {
    const go = this.go
    this.cancel()
    go?.()
  }

  /** cancel stops the countdown; the video stays where it ended. */
  cancel(): void {
    clearInterval(this.timer)
    this.go = null
    this.el.hidden = true
  }
}
