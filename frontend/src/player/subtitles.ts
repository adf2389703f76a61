// Sidecar subtitles: Go serves each track as WebVTT; the page fetches the
// text, wraps it in a Blob URL and adds a <track>, so the webview never has
// to reach the API itself and every transport works the same.
//
// Embedded tracks (issue 10) join the same list: a <track> at once, empty,
// whose cues are added as the server's extraction finds them (./cuefeed);
// ASS and SSA tracks are drawn by the ASS renderer (./ass) while their
// <track> is the one showing; picture tracks are listed and say they
// cannot be shown.
import { fontsURL, getSubtitleText } from '../api/http'
import type { EmbeddedSubtitle, Subtitle, Video } from '../api/types'
import type { ASSTrack } from './ass'
import { testLog } from '../testlog'
import { CueFeed, nextPart, parseVTT } from './cuefeed'
import { asVTT } from './subfile'
import { langTag, subtitleLabel } from './tracks'

/** isASS reports whether a track is drawn by the ASS renderer (./ass) rather than as WebVTT. */
export function isASS(s: { format: string }): boolean {
  return s.format === 'ass' || s.format === 'ssa'
}

/**
 * startASS shows an ASS/SSA track with the ASS renderer, loaded when first
 * needed (its worker and WebAssembly with it): showASS draws the script at
 * url (its raw text) with the fonts the video carries, until destroy().
 * An embedded track (parts) is asked for in parts, as its cues are
 * extracted (./cuefeed); a file's, whole.
 */
async function startASS(
  video: HTMLVideoElement,
  url: string,
  id: string,
  parts: boolean,
  onError: (message: string) => void,
): Promise<ASSTrack> {
  const { showASS } = await import('./ass')
  return showASS(video, url, fontsURL(id), onError, parts)
}

const emptyVTT = () => URL.createObjectURL(new Blob(['WEBVTT\n'], { type: 'text/vtt' }))

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
  private seq = 0
  /** lastShown is the track C turns back on; lastKey carries the choice to the next video. */
  private lastShown = -1
  private lastKey = ''
  /** The ASS renderer on screen, and the track it draws. */
  private ass: { i: number; r: Promise<ASSTrack | null> } | null = null
  private videoID = ''
  /** The subtitle delay and size the ASS renderer is given (./subdelay). */
  private delay = 0
  private size = 1
  /** The embedded text tracks whose cues come from the server, and the question under way. */
  private feeds: CueFeed[] = []
  private asking: { feed: CueFeed; abort: AbortController } | null = null
  private feeding = false

  /** setDelay shows the ASS track s seconds later (negative: earlier), where the renderer can (issue 10). */
  setDelay(s: number): void {
    this.delay = s
    if (this.ass) void this.ass.r.then((r) => r?.setDelay?.(s))
  }

  /** setSize draws the ASS track f times its size (issue 10, as mpv's sub-scale). */
  setSize(f: number): void {
    this.size = f
    if (this.ass) void this.ass.r.then((r) => r?.setSize?.(f))
  }

  /** notice tells the person something about the track chosen (a picture track). */
  notice: (msg: string) => void = () => {}

  constructor(private readonly video: HTMLVideoElement) {
    video.textTracks.addEventListener('change', () => this.follow())
  }

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
    this.videoID = v.id
    const seq = this.seq
    const problems: string[] = []
    const texts = await Promise.all(
      v.subtitles.map((s) =>
        // An ASS track is listed by an empty <track>; the renderer reads its text.
        (isASS(s) ? Promise.resolve('WEBVTT\n') : getSubtitleText(s.url)).catch((err: unknown) => {
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

  /**
   * addFile adds a subtitle file given by the person (a drop, issue 10)
   * to the video's tracks and shows it; text is the file's own, in format
   * (srt, vtt, ass or ssa). It answers the track's label.
   */
  addFile(name: string, format: string, text: string): string {
    const body = asVTT(format, text)
    const ass = format === 'ass' || format === 'ssa'
    const url = URL.createObjectURL(new Blob([body], { type: ass ? 'text/plain' : 'text/vtt' }))
    this.urls.push(url)
    const label = `${name} (${format.toUpperCase()})`
    const sub: Subtitle = { lang: '', label, format, url }
    const el = document.createElement('track')
    el.kind = 'subtitles'
    el.label = label
    el.dataset.format = format
    // The ASS renderer draws an ASS file; its <track> stays empty.
    el.src = ass ? emptyVTT() : url
    if (ass) this.urls.push(el.src)
    el.dataset.ready = 'true'
    el.addEventListener('load', () => this.logCues(el), { once: true })
    this.elements.push(el)
    this.subs.push(sub)
    this.video.append(el)
    this.show(this.elements.length - 1)
    return label
  }

  /**
   * addEmbedded adds the file's own subtitle tracks after the sidecars and,
   * when none shows yet, shows the one pref names. The tracks are in the
   * menu at once; the cues of each come as the server's extraction finds
   * them, a film's first within moments of the open (feed).
   */
  addEmbedded(list: EmbeddedSubtitle[], pref: string): void {
    const seq = this.seq
    for (const t of list) {
      const sub: Subtitle = { lang: langTag(t.language), label: subtitleLabel(t), format: t.format, url: t.url }
      const el = document.createElement('track')
      el.kind = 'subtitles'
      el.label = sub.label
      if (sub.lang) el.srclang = sub.lang
      const url = emptyVTT()
      el.src = url
      el.dataset.format = t.format
      el.dataset.embedded = 'true'
      this.urls.push(url)
      this.elements.push(el)
      this.subs.push(sub)
      this.video.append(el)
      el.track.mode = 'hidden'
      el.track.mode = 'disabled'
      if (t.url && t.kind === 'text' && !isASS(t)) {
        const feed = new CueFeed(el, t.url)
        this.feeds.push(feed)
        el.addEventListener('load', () => {
          feed.sync() // the element's own (empty) src loaded: some engines emptied the list
          this.logCues(el)
        })
      }
    }
    if (this.showing() < 0) {
      const chosen = pickTrack(this.subs, pref)
      if (chosen >= 0) this.show(chosen)
    }
    void this.feed(seq)
  }

  /**
   * feed asks the server for the embedded tracks' cues, one question at a
   * time (a long poll each: several at once would take the browser's six
   * connections to the server from the video): the track on screen first,
   * then the others, each until its answer is complete. Each answer's cues
   * are added to the track at once (./cuefeed). It ends when the video
   * changes.
   */
  private async feed(seq: number): Promise<void> {
    if (this.feeding) return
    this.feeding = true
    try {
      for (;;) {
        const on = this.feeds.find((f) => f.el === this.elements[this.showing()] && !f.done)
        const feed = on ?? this.feeds.find((f) => !f.done)
        if (!feed) return
        const abort = new AbortController()
        this.asking = { feed, abort }
        let part
        try {
          part = await nextPart(feed, abort.signal)
        } catch (err: unknown) {
          if (seq !== this.seq) return
          if (abort.signal.aborted) continue // another track came on screen: ask for it first
          feed.done = true
          feed.el.dataset.error = err instanceof Error ? err.message : String(err)
          continue
        } finally {
          if (this.asking?.abort === abort) this.asking = null
        }
        if (seq !== this.seq) return
        if (feed.add(parseVTT(part.text)) && feed.el.track.mode !== 'disabled') this.logCues(feed.el)
        if (part.complete) feed.el.dataset.ready = 'true'
      }
    } finally {
      if (seq === this.seq) this.feeding = false
    }
  }

  /** logCues tells the test log how many cues a track has; a disabled track shows none (cues is null). */
  private logCues(el: HTMLTrackElement): void {
    if (el.track.mode !== 'disabled') testLog('subtitle-cues', { label: el.label, cues: el.track.cues?.length ?? 0 })
  }

  /** follow starts or stops the ASS renderer, and explains a picture track, as the track shown changes. */
  private follow(): void {
    const i = this.showing()
    const sub = this.subs[i]
    this.noteShown() // C brings back the track chosen last, however it was chosen
    const feed = this.feeds.find((f) => f.el === this.elements[i])
    if (feed) {
      feed.sync() // cues that came while the track was off
      // The question under way is for a track not on screen: this one's cues first.
      if (!feed.done && this.asking && this.asking.feed !== feed) this.asking.abort.abort()
    }
    if (i >= 0) this.logCues(this.elements[i])
    const styled = !!sub && isASS(sub) && !!sub.url
    if (this.ass && (this.ass.i !== i || !styled)) {
      void this.ass.r.then((r) => r?.destroy())
      this.ass = null
    }
    if (styled && !this.ass) {
      const parts = this.elements[i].dataset.embedded === 'true'
      const r = startASS(this.video, sub.url, this.videoID, parts, (m) => this.notice(`${sub.label}: ${m}`)).then((r) => {
        if (this.delay) r.setDelay?.(this.delay)
        if (this.size !== 1) r.setSize?.(this.size)
        return r
      })
      this.ass = {
        i,
        r: r.catch((err: unknown) => {
          this.notice(`${sub.label}: ${err instanceof Error ? err.message : String(err)}`)
          return null
        }),
      }
    }
    // Only embedded picture tracks (and every track without ffmpeg) lack a URL.
    if (sub && !sub.url) this.notice(`${sub.label}: Reel cannot show this track`)
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

  /** labels are the tracks' names, as the menu shows them. */
  labels(): string[] {
    return this.elements.map((el) => el.label)
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
    if (this.ass) void this.ass.r.then((r) => r?.destroy())
    this.ass = null
    for (const el of this.elements) {
      el.track.mode = 'disabled'
      el.remove()
    }
    for (const u of this.urls) URL.revokeObjectURL(u)
    this.elements = []
    this.urls = []
    this.subs = []
    this.lastShown = -1
    this.asking?.abort.abort() // the video changed: its long poll ends here
    this.asking = null
    this.feeds = []
    this.feeding = false
  }
}
