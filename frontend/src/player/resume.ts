// Where playback stopped: saved while watching and when leaving, offered
// back on the next open.
import { putPosition, savePositionOnExit } from '../api/http'
import { h } from '../dom'
import { formatTime } from '../format'
// Positions this close to the start are not worth offering, and past the
// watched fraction the video counts as watched: Go owns both.
import { minResume, resumeKeptFor, watchedFraction } from '../generated/rules'

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

  /**
   * saveAt writes position as where the video stopped (the end, after
   * `ended`). A video played to its end is watched whatever question is
   * open, so this answers a held resume question too (issue 13).
   */
  saveAt(position: number): void {
    this.held = false
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

/**
 * askPlayedS is how long the full resume question stays while the video
 * plays elsewhere; then it shrinks to a chip that keeps the offer at hand
 * until the saved position is given up (resumeKeptFor, issue 13).
 */
const askPlayedS = 10

/** nearS is how close to the saved position a seek must land to count as resuming there. */
const nearS = 5

/** noteMs is how long the "will resume without asking · Undo" note stays. */
const noteMs = 8000

/** PromptMode is what the prompt shows: nothing, the question, the chip, or the Undo note. */
export type PromptMode = 'hidden' | 'ask' | 'chip' | 'note'

/**
 * ResumePrompt draws the resume offer: the question ("Resume at 1:23:45",
 * with Resume, Start over and Always resume), the chip it shrinks to
 * ("Resume from 1:23:45", and × to start over), and the note after Always
 * resume ("Videos will resume without asking", with Undo). It decides
 * nothing: ResumeOffer says what to show and when.
 */
export class ResumePrompt {
  readonly el: HTMLElement
  private readonly text: HTMLElement
  private readonly ask: HTMLElement
  private readonly chip: HTMLButtonElement
  private readonly chipX: HTMLButtonElement
  private readonly note: HTMLElement
  private readonly undo: HTMLButtonElement
  private noteTimer: ReturnType<typeof setTimeout> | undefined
  private onResume: (() => void) | null = null
  private onDismiss: (() => void) | null = null
  private onAlways: (() => void) | null = null
  private onUndo: (() => void) | null = null
  private shown: PromptMode = 'hidden'

  constructor() {
    this.text = h('span', { class: 'player-prompt-text' })
    const resume = h('button', { type: 'button', class: 'btn primary' }, 'Resume')
    const over = h('button', { type: 'button', class: 'btn' }, 'Start over')
    const always = h('button', { type: 'button', class: 'btn subtle' }, 'Always resume')
    resume.addEventListener('click', () => this.resume())
    over.addEventListener('click', () => this.dismiss())
    always.addEventListener('click', () => {
      const cb = this.onAlways
      this.resume()
      cb?.()
    })
    this.ask = h('div', { class: 'player-prompt player-resume', role: 'dialog', 'aria-label': 'Resume playback', hidden: true },
      this.text,
      h('span', { class: 'player-prompt-actions' }, resume, over, always),
    )
    this.chip = h('button', { type: 'button', class: 'player-chip-resume' }) as HTMLButtonElement
    this.chip.addEventListener('click', () => this.resume())
    this.chipX = h('button', { type: 'button', class: 'player-chip-x', 'aria-label': 'Start over' }, '×') as HTMLButtonElement
    this.chipX.addEventListener('click', () => this.dismiss())
    const chipBox = h('div', { class: 'player-chip player-resume-chip', role: 'group', 'aria-label': 'Resume playback', hidden: true }, this.chip, this.chipX)
    this.undo = h('button', { type: 'button', class: 'btn' }, 'Undo') as HTMLButtonElement
    this.undo.addEventListener('click', () => {
      const cb = this.onUndo
      this.hide()
      cb?.()
    })
    this.note = h('div', { class: 'player-prompt player-resume-note', role: 'status', hidden: true },
      h('span', { class: 'player-prompt-text' }, 'Videos will resume without asking'),
      h('span', { class: 'player-prompt-actions' }, this.undo),
    )
    this.el = h('div', { class: 'player-resume-box' }, this.ask, chipBox, this.note)
  }

  /** mode is what the prompt shows now. */
  get mode(): PromptMode {
    return this.shown
  }

  /** visible is true while the offer (question or chip) is on screen: Enter takes it. */
  get visible(): boolean {
    return this.shown === 'ask' || this.shown === 'chip'
  }

  /**
   * show offers resuming at seconds; onDismiss runs when the person starts
   * over, onAlways (after onResume) when they ask to always resume.
   */
  show(seconds: number, onResume: () => void, onDismiss: () => void, onAlways?: () => void): void {
    this.text.textContent = `Resume at ${formatTime(seconds)}`
    this.chip.textContent = `Resume from ${formatTime(seconds)}`
    this.chip.title = 'Go back to where you stopped'
    this.onResume = onResume
    this.onDismiss = onDismiss
    this.onAlways = onAlways ?? null
    this.draw('ask')
  }

  /** shrink turns the question into the chip: the offer stays, out of the picture's way. */
  shrink(): void {
    if (this.shown !== 'ask') return
    // The keyboard follows: a focused button that disappears would drop it on the page.
    const had = this.ask.contains(document.activeElement)
    this.draw('chip')
    if (had) this.chip.focus()
  }

  /** noteAlways says videos will now resume without asking, with Undo (onUndo). */
  noteAlways(onUndo: () => void): void {
    this.onUndo = onUndo
    this.draw('note')
    clearTimeout(this.noteTimer)
    // The note may go by itself: the settings panel changes the choice too.
    this.noteTimer = setTimeout(() => this.shown === 'note' && this.hide(), noteMs)
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

  /** close takes the offer off the screen without calling anything (the Undo note stays). */
  close(): void {
    this.onResume = this.onDismiss = this.onAlways = null
    if (this.visible) this.draw('hidden')
  }

  /** hide takes everything off the screen, the Undo note too. */
  hide(): void {
    this.close()
    clearTimeout(this.noteTimer)
    this.onUndo = null
    this.draw('hidden')
  }

  private draw(mode: PromptMode): void {
    this.shown = mode
    this.ask.hidden = mode !== 'ask'
    ;(this.chip.parentElement as HTMLElement).hidden = mode !== 'chip'
    this.note.hidden = mode !== 'note'
  }
}

/** AlwaysHooks change the resume setting from the prompt. */
export interface AlwaysHooks {
  /** always saves resume: 'always'. */
  always(): void
  /** undo puts the choice back to 'ask'. */
  undo(): void
}

/**
 * ResumeOffer runs one resume question (issue 13): the saved position is
 * kept (the saver held) until the person answers, or until the video has
 * played resumeKeptFor seconds away from it; the question shrinks to a chip
 * after askPlayedS seconds of playing or a seek elsewhere, and never goes
 * by a timer alone. A seek that lands at the saved position answers it.
 */
export class ResumeOffer {
  private at: number | null = null
  private away = 0
  private last = NaN

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly saver: PositionSaver,
    readonly prompt: ResumePrompt,
    private readonly seek: (t: number) => void,
  ) {
    video.addEventListener('timeupdate', () => this.played())
    video.addEventListener('seeking', () => {
      this.last = NaN
      if (this.at !== null) this.prompt.shrink()
    })
    video.addEventListener('seeked', () => {
      if (this.at !== null && Math.abs(video.currentTime - this.at) <= nearS) this.release(true)
    })
    // Played to its end: the saver marks it watched (saveAt); nothing is left to offer.
    video.addEventListener('ended', () => this.release(false))
  }

  /** open is true while a saved position is being kept. */
  get open(): boolean {
    return this.at !== null
  }

  /** playedAway is how many seconds the video has played away from the saved position. */
  get playedAway(): number {
    return this.away
  }

  /** ask offers resuming at seconds, keeping that position saved meanwhile. */
  ask(seconds: number, hooks: AlwaysHooks): void {
    this.cancel()
    this.at = seconds
    this.away = 0
    this.last = NaN
    this.saver.hold(true)
    this.prompt.show(
      seconds,
      () => {
        this.release(false)
        this.seek(seconds)
      },
      () => this.release(true),
      () => {
        hooks.always()
        this.prompt.noteAlways(() => hooks.undo())
      },
    )
  }

  /** cancel drops the offer without saving anything (another video, an error). */
  cancel(): void {
    this.at = null
    this.saver.hold(false)
    this.prompt.hide()
  }

  /** release gives the kept position up: saving goes on from here; save writes the position now. */
  private release(save: boolean): void {
    if (this.at === null) return
    this.at = null
    this.prompt.close()
    this.saver.hold(false)
    if (save) this.saver.save()
  }

  /** played counts the seconds played since the last update, leaving out seeks and pauses. */
  private played(): void {
    const v = this.video
    const t = v.currentTime
    if (this.at === null) return
    const d = t - this.last
    this.last = t
    // timeupdate comes every 250 ms or so; a longer step is a jump, not play.
    if (v.paused || v.seeking || !(d > 0) || d > 2 * Math.max(1, v.playbackRate)) return
    this.away += d
    if (this.away >= resumeKeptFor) this.release(true)
    else if (this.away >= askPlayedS) this.prompt.shrink()
  }
}
