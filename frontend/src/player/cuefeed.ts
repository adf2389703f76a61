// Embedded subtitle tracks arrive in parts while the server's ffmpeg pass
// reads the file (issue 10: cues arrive as soon as they are ready; GET
// /api/tracks/{id}/subtitles/{n}?after=K in docs/api.md). Each part's cues
// are added to the track already on the page, never by a new <track>: a
// new one loads (and shows nothing) for a moment, and the cue on screen
// would blink at every part.
//
// nextPart and followParts are the one place that asks (the embedded text
// tracks' scheduler in ./subtitles and the ASS renderer in ./ass both go
// through them): what K to ask with next, when the track is whole, and
// the pause after an answer with nothing new.
import { getSubtitlePart, type SubtitlePart } from '../api/http'

/** Asking is where the questions for one embedded track stand (a CueFeed is one). */
export interface Asking {
  readonly url: string
  /** after is the next question's K: the cues the server said it had extracted. */
  after: number
  /** done: the server's answer was complete; nothing more comes. */
  done: boolean
}

/** Part is one answer, and the K it answered: its text holds the cues from place `from` on. */
export interface Part extends SubtitlePart {
  from: number
}

/** quietMs is the pause before asking again after an answer with nothing new. */
export const quietMs = 500

/** pause waits ms, or until signal aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const done = () => {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done)
  })
}

/**
 * nextPart asks the server for the cues of the track after q.after and
 * moves q on: after becomes the server's count, done is set once the
 * answer is complete. After an answer with nothing new (the server's
 * wait ran out) it pauses quietMs, cut short by signal, so that asking
 * again at once is no busy loop. It fails as the request does (an abort
 * too).
 */
export async function nextPart(q: Asking, signal: AbortSignal): Promise<Part> {
  const from = q.after
  const part = await getSubtitlePart(q.url, from, signal)
  // The server's count, even when lower: the file changed and is
  // extracted anew; the cues already here are not added twice.
  q.after = part.cues
  if (part.complete) q.done = true
  else if (part.cues <= from) await pause(quietMs, signal)
  return { ...part, from }
}

/**
 * followParts asks for one track's parts until it is whole or signal
 * aborts, handing each answer to take as it comes; when take answers a
 * promise, the next question waits for it. It fails as nextPart does; an
 * abort ends it quietly.
 */
export async function followParts(q: Asking, signal: AbortSignal, take: (p: Part) => void | Promise<void>): Promise<void> {
  while (!q.done && !signal.aborted) {
    let part: Part
    try {
      part = await nextPart(q, signal)
    } catch (err) {
      if (signal.aborted) return
      throw err
    }
    if (signal.aborted) return
    await take(part)
  }
}

/** CueData is one WebVTT cue as read from the text: times in seconds, its settings unparsed. */
export interface CueData {
  id: string
  start: number
  end: number
  settings: string
  text: string
}

const timing = /^\s*((?:\d+:)?\d{1,2}:\d{2}\.\d{3})[ \t]+-->[ \t]+((?:\d+:)?\d{1,2}:\d{2}\.\d{3})(.*)$/

/** seconds reads a WebVTT timestamp, "01:02:03.500" or "02:03.500". */
function seconds(ts: string): number {
  const parts = ts.split(':').map(Number)
  return parts.reduce((acc, p) => acc * 60 + p, 0)
}

/**
 * parseVTT reads the cues of WebVTT text (the server's: its header, then
 * cue blocks). Blocks without a timing line (the header, NOTE, STYLE,
 * REGION) and cues with a malformed one are left out.
 */
export function parseVTT(text: string): CueData[] {
  const out: CueData[] = []
  for (const block of text.replace(/\r\n?/g, '\n').split(/\n{2,}/)) {
    const lines = block.replace(/^\n+/, '').split('\n')
    const i = lines.findIndex((l) => l.includes('-->'))
    if (i < 0 || i > 1) continue // the timing is the first line, or follows the cue's id
    const m = timing.exec(lines[i])
    if (!m) continue
    const text = lines.slice(i + 1).join('\n').replace(/\n+$/, '')
    out.push({ id: i === 1 ? lines[0] : '', start: seconds(m[1]), end: seconds(m[2]), settings: m[3].trim(), text })
  }
  return out
}

/** cueKey tells cues apart: the same times and text are the same cue, whichever part brought it. */
export function cueKey(c: CueData): string {
  return `${c.start}|${c.end}|${c.text}`
}

/**
 * applySettings sets a cue's WebVTT settings (vertical, line, position,
 * size, align); one the engine refuses is left at its default.
 */
function applySettings(cue: VTTCue, settings: string): void {
  for (const s of settings.split(/\s+/)) {
    const [k, v = ''] = s.split(':', 2)
    const [value, align] = v.split(',', 2)
    try {
      switch (k) {
        case 'vertical':
          cue.vertical = value as DirectionSetting
          break
        case 'line':
          cue.snapToLines = !value.endsWith('%')
          cue.line = parseFloat(value)
          if (align) cue.lineAlign = align as LineAlignSetting
          break
        case 'position':
          cue.position = parseFloat(value)
          if (align) cue.positionAlign = align as PositionAlignSetting
          break
        case 'size':
          cue.size = parseFloat(value)
          break
        case 'align':
          cue.align = value as AlignSetting
          break
      }
    } catch {
      // A value out of range: the default, as a parser would do.
    }
  }
}

/**
 * CueFeed holds the cues of one embedded track as they arrive and keeps
 * its TextTrack holding them all. A track's cue list can be read and added
 * to only while it is on (hidden or showing), and Chromium empties it when
 * the <track> element loads its (empty) src, which it does the first time
 * the track is turned on: sync puts back what is missing each time.
 */
export class CueFeed implements Asking {
  private readonly cues: VTTCue[] = []
  private readonly keys = new Set<string>()
  /** after is the next question's K: the cues the server said it had extracted. */
  after = 0
  /** done: the server's answer was complete (or failed); nothing more comes. */
  done = false

  constructor(
    readonly el: HTMLTrackElement,
    readonly url: string,
  ) {}

  /** size is how many cues arrived. */
  get size(): number {
    return this.cues.length
  }

  /** add takes the cues of one answer, leaving out those already there, and syncs. */
  add(list: CueData[]): number {
    let added = 0
    for (const c of list) {
      const key = cueKey(c)
      if (this.keys.has(key)) continue
      this.keys.add(key)
      const cue = new VTTCue(c.start, c.end, c.text)
      if (c.id) cue.id = c.id
      if (c.settings) applySettings(cue, c.settings)
      this.cues.push(cue)
      added++
    }
    if (added) this.sync()
    return added
  }

  /** sync adds to the track the cues it lacks; a disabled track is synced once turned on. */
  sync(): void {
    const track = this.el.track
    const list = track.cues
    if (!list) return
    const have = new Set<TextTrackCue>(Array.from(list))
    for (const c of this.cues) if (!have.has(c)) track.addCue(c)
  }
}
