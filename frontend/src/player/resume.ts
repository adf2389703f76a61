// Where playback stopped: saved while watching and when leaving, offered
// back on the next open.
import { putPosition, savePositionOnExit } from '../api/http'
import { h } from '../dom'
import { formatTime } from '../format'
// Positions this close to the start are not worth offering, and past the
// watched fraction the video counts as watched: Go owns both.
import { minResume, watchedFraction } from '../generated/rules'

const saveEveryMs = 5000

/**
 * resumeAt returns where to offer resuming, or null: a saved position past
 * the first seconds, before the end, of a video not watched yet.
 */
export function resumeAt(position: number, duration: number, watched: boolean): number | null {
  if (watched || !(position > minResume)) return null
  if (Number.isFinite(duration) && duration > 0 && position >= duration * watchedFraction) return null
  return position
}

/** Target is the video whose position is saved. */
export interface SaveTarget {
  id: string
}

/**
 * PositionSaver saves the position of the playing video every few seconds
 * and whenever asked; while held (a resume question is open) it saves
 * nothing, so the old position survives until the person chooses.
 */
export class PositionSaver {
  private target: SaveTarget | null = null
  private timer: ReturnType<typeof setInterval> | undefined
  private held = false
  private lastSaved = -1

  constructor(private readonly video: HTMLVideoElement) {
    video.addEventListener('play', () => this.tick())
    video.addEventListener('pause', () => this.tick())
    const leaving = () => this.saveOnExit()
    window.addEventListener('pagehide', leaving)
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') leaving()
    })
  }

  /** start follows target until stop. */
  start(target: SaveTarget): void {
    this.stop()
    this.target = target
    this.lastSaved = -1
    if (!this.video.paused) this.tick()
  }

  /** tick saves every few seconds while the video plays; a paused player runs no timer (issue 8). */
  private tick(): void {
    clearInterval(this.timer)
    this.timer = undefined
    if (!this.target || this.video.paused) return
    this.timer = setInterval(() => {
      if (!this.video.paused) this.save()
    }, saveEveryMs)
  }

  /** stop saves one last time and lets go of the video. */
  stop(): void {
    if (this.target) this.save(true, true)
    clearInterval(this.timer)
    this.target = null
    this.held = false
  }

  /** hold pauses saving (true) or resumes it (false). */
  hold(on: boolean): void {
    this.held = on
  }

  private current(): { id: string; position: number; duration: number } | null {
    const v = this.video
    if (!this.target || this.held) return null
    const duration = v.duration
    if (!Number.isFinite(duration) || duration <= 0 || v.readyState < HTMLMediaElement.HAVE_METADATA) return null
    // An ended video (or one stuck at its last frame) is at its end.
    const position = v.ended ? duration : Math.min(v.currentTime, duration)
    return { id: this.target.id, position, duration }
  }

  /** save writes the position now, unless it did not change. */
  save(force = false, stop = false): void {
    const p = this.current()
    if (!p || (!force && Math.abs(p.position - this.lastSaved) < 0.05)) return
    this.lastSaved = p.position
    putPosition(p.id, p.position, p.duration, stop).catch(() => {
      this.lastSaved = -1 // try again next time
    })
  }

  /** saveAt writes position as where the video stopped (the end, after `ended`). */
  saveAt(position: number): void {
    const p = this.current()
    if (!p) return
    this.lastSaved = position
    putPosition(p.id, position, p.duration).catch(() => {})
  }

  /** saveOnExit writes the position with a request that outlives the page. */
  saveOnExit(): void {
    const p = this.current()
    if (!p) return
    this.lastSaved = p.position
    savePositionOnExit(p.id, p.position, p.duration)
  }
}

/** ResumePrompt asks "Resume at 1:23:45" with Resume and Start over. */
export class ResumePrompt {
  readonly el: HTMLElement
  private readonly text: HTMLElement
  private readonly bar: HTMLElement
  private timer: ReturnType<typeof setTimeout> | undefined
  private onResume: (() => void) | null = null
  private onDismiss: (() => void) | null = null
  private onAlways: (() => void) | null = null

  constructor(private readonly autoDismissMs = 8000) {
    this.text = h('span', { class: 'player-prompt-text' })
    const resume = h('button', { type: 'button', class: 'btn primary' }, 'Resume')
    const over = h('button', { type: 'button', class: 'btn' }, 'Start over')
    const always = h('button', { type: 'button', class: 'btn subtle', title: 'Resume every video without asking' }, 'Always resume')
    resume.addEventListener('click', () => this.resume())
    over.addEventListener('click', () => this.dismiss())
    always.addEventListener('click', () => {
      const cb = this.onAlways
      this.resume()
      cb?.()
    })
    this.bar = h('span', { class: 'player-prompt-bar' })
    this.el = h(
      'div',
      { class: 'player-prompt player-resume', role: 'dialog', 'aria-label': 'Resume playback', hidden: true },
      this.text,
      h('span', { class: 'player-prompt-actions' }, resume, over, always),
      this.bar,
    )
  }

  get visible(): boolean {
    return !this.el.hidden
  }

  /**
   * show offers resuming at seconds; onDismiss runs when the offer closes
   * unused, onAlways (after onResume) when the person asks to always resume.
   */
  show(seconds: number, onResume: () => void, onDismiss: () => void, onAlways?: () => void): void {
    this.text.textContent = `Resume at ${formatTime(seconds)}`
    this.onResume = onResume
    this.onDismiss = onDismiss
    this.onAlways = onAlways ?? null
    this.el.hidden = false
    // Restart the bar's animation: it shows the time left before the offer goes.
    this.bar.style.animation = 'none'
    void this.bar.offsetWidth
    this.bar.style.animation = `player-prompt-bar ${this.autoDismissMs}ms linear forwards`
    clearTimeout(this.timer)
    this.timer = setTimeout(() => this.dismiss(), this.autoDismissMs)
  }

  /** resume takes the offer. */
  resume(): void {
    const cb = this.onResume
    this.close()
    cb?.()
  }

  /** dismiss declines the offer: playback goes on from where it is. */
  dismiss(): void {
    const cb = this.onDismiss
    this.close()
    cb?.()
  }

  /** close hides the offer without calling anything. */
  close(): void {
    clearTimeout(this.timer)
    this.el.hidden = true
    this.onResume = this.onDismiss = this.onAlways = null
  }
}
