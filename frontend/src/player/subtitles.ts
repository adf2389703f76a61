// Sidecar subtitles: Go serves each track as WebVTT; the page fetches the
// text, wraps it in a Blob URL and adds a <track>, so the webview never has
// to reach the API itself and every transport works the same.
import { fontsURL, getSubtitleText } from '../api/http'
import type { Subtitle, Video } from '../api/types'
import { followASS, isASS, placeholderVTT } from './asstrack'

/** trackKey is what the settings remember for a track: its language, or its label when it has none. */
export function trackKey(t: { lang?: string; language?: string; label: string }): string {
  return (t.lang ?? t.language ?? '') || t.label
}

/**
 * trackLabels names the tracks for the captions menu: each one's label, with
 * its format added where two would read the same ("Subtitles (SRT)" and
 * "Subtitles (VTT)" beside a video), then a number if they still do. The
 * menu tells tracks apart by language and label only: two alike would be
 * one entry that turns both on.
 */
export function trackLabels(subs: Pick<Subtitle, 'lang' | 'label' | 'format'>[]): string[] {
  const count = (labels: string[], l: string) => labels.filter((x) => x === l).length
  const base = subs.map((s, i) => s.label || s.lang || `Track ${i + 1}`)
  const typed = base.map((l, i) => (count(base, l) > 1 ? `${l} (${subs[i].format.toUpperCase()})` : l))
  return typed.map((l, i) => (count(typed, l) > 1 ? `${l} ${count(typed.slice(0, i + 1), l)}` : l))
}

/** plainLabel drops what trackLabels added. */
function plainLabel(label: string): string {
  return label.replace(/ \((?:SRT|VTT|ASS|SSA)\)(?: \d+)?$/, '')
}

/**
 * pickTrack chooses the track to show on open: the remembered language when
 * the video has it, else none ("off" and "" both mean none).
 */
export function pickTrack<T extends { lang: string; label: string }>(tracks: T[], pref: string): number {
  if (!pref || pref === 'off') return -1
  let i = tracks.findIndex((t) => t.lang !== '' && t.lang.toLowerCase() === pref.toLowerCase())
  if (i < 0) i = tracks.findIndex((t) => trackKey(t) === pref)
  // "en" also finds "en-US", and the other way round.
  if (i < 0) {
    const base = pref.toLowerCase().split('-')[0]
    i = tracks.findIndex((t) => t.lang !== '' && t.lang.toLowerCase().split('-')[0] === base)
  }
  // "Subtitles (VTT)" chosen for one video finds the lone "Subtitles" of the next.
  if (i < 0) i = tracks.findIndex((t) => t.lang === '' && plainLabel(t.label) === plainLabel(pref))
  return i
}

/** SubtitleTracks manages the <track> elements of one <video>. */
export class SubtitleTracks {
  private elements: HTMLTrackElement[] = []
  private urls: string[] = []
  private subs: Subtitle[] = []
  private stopASS: (() => void)[] = []
  private seq = 0
  /** lastShown is the track C turns back on; lastKey carries the choice to the next video. */
  private lastShown = -1
  private lastKey = ''

  constructor(private readonly video: HTMLVideoElement) {}

  /** count is how many tracks the video has. */
  get count(): number {
    return this.elements.length
  }

  /**
   * load fetches and attaches the tracks of v, then shows the one pref
   * names. Tracks that fail to load are left out; it resolves to the
   * problems, for a note on screen.
   */
  async load(v: Video, pref: string): Promise<string[]> {
    this.clear()
    const seq = this.seq
    const problems: string[] = []
    const texts = await Promise.all(
      v.subtitles.map((s) =>
        (isASS(s) ? Promise.resolve(placeholderVTT) : getSubtitleText(s.url)).catch((err: unknown) => {
          problems.push(`${s.label}: ${err instanceof Error ? err.message : String(err)}`)
          return null
        }),
      ),
    )
    if (seq !== this.seq) return [] // another video was opened meanwhile
    const labels = trackLabels(v.subtitles)
    v.subtitles.forEach((s, i) => {
      const text = texts[i]
      if (text === null) return
      const url = URL.createObjectURL(new Blob([text], { type: 'text/vtt' }))
      const el = document.createElement('track')
      el.kind = 'subtitles'
      el.label = labels[i]
      if (s.lang) el.srclang = s.lang
      el.src = url
      this.urls.push(url)
      this.elements.push(el)
      this.subs.push({ ...s, label: labels[i] })
      this.video.append(el)
      if (isASS(s)) this.stopASS.push(followASS(this.video, el, s.url, fontsURL(v.id))) // issue 10
      // A track whose mode a script never changed is left to the browser's
      // own choice, which Chromium makes a moment later: it would turn on a
      // track in the user's language beside the one chosen here. Changing
      // the mode (disabled is the default) marks the track as chosen for.
      el.track.mode = 'hidden'
      el.track.mode = 'disabled'
    })
    const chosen = pickTrack(this.subs, pref)
    if (chosen >= 0) this.show(chosen)
    return problems
  }

  /** showing is the index of the track on screen, or -1. */
  showing(): number {
    return this.elements.findIndex((el) => el.track.mode === 'showing')
  }

  /** show puts track i on screen (-1: none). */
  show(i: number): void {
    this.elements.forEach((el, j) => {
      el.track.mode = j === i ? 'showing' : 'disabled'
    })
    if (i >= 0) this.noteShown()
  }

  /** toggle turns subtitles off, or back on with the track shown last (the first one at first). */
  toggle(): number {
    const now = this.showing()
    if (now >= 0) {
      this.show(-1)
      return -1
    }
    if (this.count === 0) return -1
    let i = this.lastShown
    if (i < 0 || i >= this.count) i = Math.max(0, pickTrack(this.subs, this.lastKey))
    this.show(i)
    return i
  }

  /** label names track i for the OSD. */
  label(i: number): string {
    return this.elements[i]?.label ?? ''
  }

  /** key is what the settings remember for track i, "off" for none. */
  key(i: number): string {
    const s = this.subs[i]
    return s ? trackKey(s) : 'off'
  }

  /** noteShown records a choice made elsewhere (the captions menu). */
  noteShown(): void {
    const i = this.showing()
    if (i < 0) return
    this.lastShown = i
    this.lastKey = this.key(i)
  }

  /** clear removes the tracks and frees their Blob URLs. */
  clear(): void {
    this.seq++
    for (const el of this.elements) {
      el.track.mode = 'disabled'
      el.remove()
    }
    for (const u of this.urls) URL.revokeObjectURL(u)
    for (const stop of this.stopASS) stop()
    this.stopASS = []
    this.elements = []
    this.urls = []
    this.subs = []
    this.lastShown = -1
  }
}
