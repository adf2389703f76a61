// A subtitle file dropped on the player (issue 10): one of the kinds Go
// reads beside a video (rules.SubtitleTypes), read in the page (browser mode) or by Go from the path the window
// was given (the window), added to the open video's tracks and shown.

import { subtitleFormats } from '../generated/rules'

/** maxSubtitleBytes bounds a dropped file, as Go bounds every subtitle track (rules.MaxSubtitleBytes). */
export { maxSubtitleBytes } from '../generated/rules'

/**
 * subtitleFormat is a file name's subtitle format ("srt", "vtt", "ass",
 * "ssa"), or "" for other files. The extensions are Go's
 * (rules.SubtitleTypes), the ones a file beside a video is found by.
 */
export function subtitleFormat(name: string): string {
  const ext = /\.[^./\\]+$/.exec(name)?.[0]?.toLowerCase() ?? ''
  return Object.hasOwn(subtitleFormats, ext) ? subtitleFormats[ext] : ''
}

/** subtitleExtensions lists the extensions subtitleFormat knows, for messages: ".ass, .srt, .ssa, .vtt". */
export function subtitleExtensions(): string {
  return Object.keys(subtitleFormats).sort().join(', ')
}

/**
 * srtToVTT turns SubRip text into WebVTT: the header, "." for "," in the
 * times, and no SRT position hints after them. Cue numbers stay, as
 * WebVTT cue identifiers. A BOM and CR line ends go.
 */
export function srtToVTT(srt: string): string {
  const lines = srt.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n')
  const time = /^\s*(\d{1,2}:\d{2}:\d{2})[,.](\d{1,3})\s*-->\s*(\d{1,2}:\d{2}:\d{2})[,.](\d{1,3})/
  const pad = (t: string) => (t.length === 7 ? '0' + t : t) // 1:02:03 → 01:02:03
  const ms = (f: string) => f.padEnd(3, '0')
  const out = lines.map((l) => {
    const m = time.exec(l)
    return m ? `${pad(m[1])}.${ms(m[2])} --> ${pad(m[3])}.${ms(m[4])}` : l
  })
  return 'WEBVTT\n\n' + out.join('\n').trim() + '\n'
}

/** asVTT is a dropped text as the <track> reads it: WebVTT; ASS and SSA stay as they are (for the ASS renderer). */
export function asVTT(format: string, text: string): string {
  if (format === 'srt') return srtToVTT(text)
  if (format === 'vtt') return text.replace(/^\uFEFF/, '')
  return text
}
