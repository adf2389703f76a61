// Subtitle delay and size, as mpv's sub-delay and sub-scale (issue 10):
// Z and X move the subtitles 0.1 s earlier or later, − and + make them
// smaller or larger. The delay shifts the cues of the page's text tracks,
// keeping each cue's own times to shift from, and goes to the ASS renderer
// through its setDelay; the size is the cues' font size (::cue), and the
// ASS renderer's styles' sizes through its setSize (as mpv scales ASS). The
// delay goes back to 0 per video, as in mpv; the size is kept in the
// settings, for the next video and the next launch, as the volume is.
import { maxSubtitleSize, minSubtitleSize, subtitleSizeStep } from '../generated/rules'

/** delayStep and sizeStep are one key press: 0.1 s, 10 %. */
export const delayStep = 0.1
export const sizeStep = subtitleSizeStep

/** formatDelay is the OSD's line: "Subtitle delay: +0.3 s", "Subtitle delay: 0 s". */
export function formatDelay(s: number): string {
  const r = Math.round(s * 10) / 10
  if (r === 0) return 'Subtitle delay: 0 s'
  return `Subtitle delay: ${r > 0 ? '+' : '−'}${Math.abs(r).toFixed(1)} s`
}

/** stepDelay adds steps of 0.1 s to s, rounded to the step (no 0.30000000000000004). */
export function stepDelay(s: number, steps: number): number {
  return Math.round((s + steps * delayStep) * 10) / 10
}

/** stepSize adds steps of 10 % to a size factor, within 0.5 and 3. */
export function stepSize(f: number, steps: number): number {
  return Math.min(maxSubtitleSize, Math.max(minSubtitleSize, Math.round((f + steps * sizeStep) * 10) / 10))
}

/** savedSize is the size factor the settings hold, or 1 where they hold none Reel takes (an older Reel's). */
export function savedSize(f: number | undefined): number {
  return typeof f === 'number' && f >= minSubtitleSize && f <= maxSubtitleSize ? f : 1
}

/** Span is a cue's own start and end, before any delay. */
interface Span {
  start: number
  end: number
}

/** Shiftable is the part of a TextTrackCue the delay moves. */
interface Shiftable {
  startTime: number
  endTime: number
}

/**
 * shiftCues sets each cue to its own times plus delay; originals keeps a
 * cue's own times the first time it is seen, so that shifts never add up.
 */
export function shiftCues(cues: Iterable<Shiftable>, delay: number, originals: WeakMap<Shiftable, Span>): void {
  for (const cue of cues) {
    let own = originals.get(cue)
    if (!own) {
      own = { start: cue.startTime, end: cue.endTime }
      originals.set(cue, own)
    }
    // Times before 0 are kept at 0 rather than refused by the engine.
    const start = Math.max(0, own.start + delay)
    const end = Math.max(start, own.end + delay)
    // endTime first when moving later, so a cue never ends before it starts.
    if (delay >= 0) {
      cue.endTime = end
      cue.startTime = start
    } else {
      cue.startTime = start
      cue.endTime = end
    }
  }
}

/** DelayTarget is what else shows subtitles and takes the delay (the ASS renderer). */
export interface DelayTarget {
  setDelay(s: number): void
  /** setSize makes what it draws itself (styled subtitles) f times its size. */
  setSize(f: number): void
}

/** SubtitleTuning holds one player's subtitle delay and size. */
export class SubtitleTuning {
  private delayS = 0
  private sizeF = 1
  private readonly originals = new WeakMap<Shiftable, Span>()
  /** What each track's cues were last shifted by, and how many there were. */
  private readonly applied = new WeakMap<TextTrack, { delay: number; count: number }>()
  private readonly style = document.createElement('style')

  /**
   * el tells the size (data-subtitle-size, for tests and styles);
   * other shows the delay elsewhere (the ASS renderer).
   */
  constructor(
    private readonly video: HTMLVideoElement,
    private readonly el: HTMLElement,
    private readonly other: DelayTarget,
  ) {
    document.head.append(this.style)
    // Cues arrive later than their track (the server's extraction, a
    // dropped file), and a track's cues are readable only once it is on:
    // catch up as the tracks change and as the video plays.
    const follow = () => this.apply()
    video.textTracks.addEventListener('addtrack', follow)
    video.textTracks.addEventListener('change', follow)
    video.addEventListener('timeupdate', follow)
    video.addEventListener('seeking', follow)
  }

  /** delay is the subtitle delay in seconds: positive shows them later. */
  get delay(): number {
    return this.delayS
  }

  /** size is the cues' size factor, 1 by default. */
  get size(): number {
    return this.sizeF
  }

  /** setDelay moves every subtitle to its own time plus s. */
  setDelay(s: number): void {
    this.delayS = s
    this.apply()
    this.other.setDelay(s)
  }

  /**
   * setSize makes the cues f times their default size: a rule of the
   * page's own (::cue takes font sizes; the engines' default is a share
   * of the video's height, kept at 1), and the plain ASS box's too.
   */
  setSize(f: number): void {
    this.sizeF = f
    this.style.textContent = f === 1 ? '' :
      `.controller video::cue { font-size: ${Math.round(f * 100)}% }\n` +
      `.player .player-ass { font-size: calc(${f} * clamp(16px, 3.2vh, 40px)) }`
    this.el.dataset.subtitleSize = String(f)
    this.other.setSize(f)
  }

  /** reset puts delay back to 0 for the next video; the size stays, as mpv's. */
  reset(): void {
    this.setDelay(0)
  }

  /** apply shifts the cues of the tracks not yet at the delay. */
  apply(): void {
    const tracks = this.video.textTracks
    for (let i = 0; i < tracks.length; i++) {
      const t = tracks[i]
      const cues = t.cues
      if (!cues) continue // disabled: read once it is on
      const done = this.applied.get(t)
      if (done && done.delay === this.delayS && done.count === cues.length) continue
      shiftCues(Array.from(cues) as unknown as Shiftable[], this.delayS, this.originals)
      this.applied.set(t, { delay: this.delayS, count: cues.length })
    }
  }
}
