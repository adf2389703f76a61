// An embedded ASS/SSA track arriving in parts (issue 10: cues arrive as
// soon as they are ready). Each answer of GET …/subtitles/{n}?after=K is a
// script of its own: the header, then the Dialogue lines after the first K
// (docs/api.md). The first answer starts the renderer; the lines of later
// ones are handed to libass as Matroska carries them (ass_process_chunk,
// JASSUB's processChunk): the track is added to, never parsed anew, and each
// line keeps its place (ReadOrder), which orders lines drawn at once and
// lets libass drop a line it already holds.

/**
 * ASSLine is one Dialogue line as libass's streaming input takes it. Start,
 * Duration (milliseconds), Text and Effect are named as JASSUB's events
 * are, so that assclock's cuesOf reads them too.
 */
export interface ASSLine {
  /** order is the line's place among the track's Dialogue lines, from 0: libass's ReadOrder. */
  order: number
  /** chunk is the line as a Matroska block holds it: ReadOrder, Layer, Style, Name, MarginL, MarginR, MarginV, Effect, Text. */
  chunk: string
  Start: number
  Duration: number
  Text: string
  Effect: string
}

// ffmpeg's ASS muxer writes each line as "Dialogue: Layer,Start,End," then
// the rest of the Matroska block (Style, Name, MarginL, MarginR, MarginV,
// Effect, Text); an SSA track's Layer field is "Marked=N".
const dialogue = /^Dialogue:\s*(?:Marked=)?([^,]*),([^,]*),([^,]*),(.*)$/
const timestamp = /^\s*(\d+):(\d+):(\d+)(?:\.(\d+))?\s*$/

/**
 * assTime reads an ASS timestamp (H:MM:SS.cc) in milliseconds, as libass
 * does: the digits after the point count hundredths ("0:00:01.5" is 1.05 s
 * to libass, though ffmpeg always writes two). Null when it is not one.
 */
export function assTime(s: string): number | null {
  const m = timestamp.exec(s)
  if (!m) return null
  const [h, min, sec, cs] = [m[1], m[2], m[3], m[4] ?? '0'].map(Number)
  return ((h * 60 + min) * 60 + sec) * 1000 + cs * 10
}

/**
 * parseDialogue reads one Dialogue line as the line at place order; null
 * for a line libass would not take (no times, too few fields).
 */
export function parseDialogue(line: string, order: number): ASSLine | null {
  const m = dialogue.exec(line.replace(/\r$/, ''))
  if (!m) return null
  const start = assTime(m[2])
  const end = assTime(m[3])
  if (start === null || end === null) return null
  const rest = m[4]
  // Style, Name, MarginL, MarginR, MarginV, Effect: six fields, then the text (commas and all).
  const fields = rest.split(',')
  if (fields.length < 7) return null
  const layer = parseInt(m[1], 10) || 0
  return {
    order,
    chunk: `${order},${layer},${rest}`,
    Start: start,
    Duration: end - start,
    Effect: fields[5],
    Text: fields.slice(6).join(','),
  }
}

/**
 * dialogueLines are the Dialogue lines of a script, those after its
 * [Events] section's Format line (the server's answers hold nothing else
 * after it; a whole file may also hold Comment lines, which are not cues).
 */
export function dialogueLines(script: string): string[] {
  const lines = script.split('\n')
  const events = lines.findIndex((l) => l.trim() === '[Events]')
  if (events < 0) return []
  const format = lines.findIndex((l, i) => i > events && l.trimStart().startsWith('Format:'))
  if (format < 0) return []
  return lines
    .slice(format + 1)
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l.startsWith('Dialogue:'))
}

/**
 * ASSParts merges the answers for one track by place: an answer to
 * ?after=K holds the lines from place K on, so a line is new when its place
 * is past those held. A line comes once however the answers overlap (a
 * count that went back, a question asked again).
 */
export class ASSParts {
  /** held counts the places taken: the lines handed out, and any that did not parse. */
  held = 0

  /**
   * take reads the script that answered ?after=from and answers its lines
   * not held yet, in order.
   */
  take(script: string, from: number): ASSLine[] {
    const lines = dialogueLines(script)
    const out: ASSLine[] = []
    lines.forEach((l, j) => {
      const order = from + j
      if (order < this.held) return
      const d = parseDialogue(l, order)
      if (d) out.push(d)
    })
    this.held = Math.max(this.held, from + lines.length)
    return out
  }
}
