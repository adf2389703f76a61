// Which rung a video needs, asked of the engine that plays it (issue 9),
// and the <video> source for that rung: the file itself (direct), or the
// HLS stream Go makes of it with ffmpeg, played by hls.js over Media Source
// Extensions, or natively where the engine has HLS and no MSE.
//
// The verdict never comes from the server's operating system: the page
// hands its own engine the exact RFC 6381 codec strings the Go probe read
// (canPlayType for the file as it is, MediaSource.isTypeSupported for fMP4
// segments). A file whose sound or picture the engine cannot decode is
// never played without it: it moves to the rung that has both.
import type Hls from 'hls.js'
import type { Events } from 'hls.js'
import type { Meta, Rung, Track, Video } from '../api/types'
import { testLog } from '../testlog'
import { gstreamer } from './tracks'

export type { Rung }

/** Engine is what the page can ask of its media engine; tests give their own. */
export interface Engine {
  /** canPlay: canPlayType answers "maybe" or "probably". */
  canPlay(type: string): boolean
  /** mse: MediaSource.isTypeSupported, false without MSE. */
  mse(type: string): boolean
  /** nativeHLS: the engine plays an HLS playlist in <video src>. */
  nativeHLS: boolean
  /**
   * gstreamer: the engine is WebKitGTK's GStreamer (the Linux window). Its
   * canPlayType knows few container types, while GStreamer demuxes all of
   * gstreamerContainers (measured: docs PLATFORM notes), so there a
   * container it does not name is judged by its codecs alone.
   */
  gstreamer: boolean
}

/** browserEngine asks this page's own engine. */
export function browserEngine(): Engine {
  const probe = document.createElement('video')
  const ms = (globalThis as { MediaSource?: typeof MediaSource }).MediaSource
  return {
    canPlay: (type) => probe.canPlayType(type) !== '',
    mse: (type) => !!ms && ms.isTypeSupported(type),
    nativeHLS: probe.canPlayType('application/vnd.apple.mpegurl') !== '',
    gstreamer: gstreamer(),
  }
}

let cachedEngine: Engine | null = null
function engine(): Engine {
  cachedEngine ??= browserEngine()
  return cachedEngine
}

/** containerTypes are the media types browsers know the containers by. */
const containerTypes: Record<string, string> = {
  mp4: 'video/mp4', '3gp': 'video/mp4', mov: 'video/quicktime', webm: 'video/webm', matroska: 'video/x-matroska',
  ogg: 'video/ogg', mpegts: 'video/mp2t', avi: 'video/x-msvideo', flv: 'video/x-flv', asf: 'video/x-ms-asf',
  mpeg: 'video/mpeg',
}

/** gstreamerContainers are the containers WebKitGTK's GStreamer demuxes (with plugins good, bad, ugly). */
const gstreamerContainers = new Set(['mp4', 'mov', '3gp', 'matroska', 'webm', 'ogg', 'mpegts', 'avi', 'flv', 'asf', 'mpeg'])

/** Choice is the rung a video needs and, when it is not direct, why. */
export interface Choice {
  rung: Rung
  /** What the engine cannot decode as the file has it: "AC-3 audio". */
  reason: string
}

/** notCopyable are the audio codecs ffmpeg cannot copy into fMP4 segments (see internal/transcode). */
const notCopyable = new Set(['ac-3', 'ec-3'])

/**
 * chooseRung picks the lowest rung on which the engine decodes both the
 * picture and the sound of meta. Without tracks (not probed, unreadable)
 * it answers direct: the player then reports what fails.
 */
export function chooseRung(meta: Meta | undefined, e: Engine = engine()): Choice {
  const tracks = meta && !meta.error ? meta.tracks ?? [] : []
  if (tracks.length === 0) return { rung: 'direct', reason: '' }
  const video = tracks.find((t) => t.type === 'video')
  const audio = tracks.find((t) => t.type === 'audio')
  const type = containerTypes[meta!.container] ?? ''
  const codecs = [video, audio].filter((t): t is Track => !!t?.codecString).map((t) => t.codecString)
  // GStreamer reads a fragmented MP4 without an index: it reports a
  // partial duration and seeks through reel:// hang. The remux's playlist
  // is exact (issue 9).
  const gstFragmented = e.gstreamer && !!meta!.fragmented
  if (!gstFragmented && type && codecs.length && e.canPlay(`${type}; codecs="${codecs.join(', ')}"`)) return { rung: 'direct', reason: '' }
  if (!gstFragmented && e.gstreamer && gstreamerContainers.has(meta!.container) &&
    (!video || e.canPlay(`video/mp4; codecs="${video.codecString}"`)) &&
    (!audio || e.canPlay(`audio/mp4; codecs="${audio.codecString}"`))) {
    return { rung: 'direct', reason: '' }
  }

  const videoOK = !video || (!!video.codecString && e.mse(`video/mp4; codecs="${video.codecString}"`))
  const audioOK = !audio || (!!audio.codecString && !notCopyable.has(audio.codecString) && e.mse(`audio/mp4; codecs="${audio.codecString}"`))
  const streams = e.mse('video/mp4; codecs="avc1.640028, mp4a.40.2"') || e.nativeHLS
  const why = reasonOf(meta!, video, audio, videoOK, audioOK, type, e)
  if (!streams) return { rung: 'none', reason: why }
  if (videoOK && audioOK) return { rung: 'remux', reason: why }
  if (videoOK) return { rung: 'aac', reason: why }
  return { rung: 'h264', reason: why }
}

const names: Record<string, string> = {
  h264: 'H.264', hevc: 'HEVC', av1: 'AV1', vp8: 'VP8', vp9: 'VP9', mpeg4: 'MPEG-4 Part 2', mpeg2: 'MPEG-2',
  mpeg1: 'MPEG-1', prores: 'ProRes', theora: 'Theora', wmv2: 'WMV', vc1: 'VC-1', msmpeg4: 'MS MPEG-4',
  aac: 'AAC', ac3: 'AC-3', eac3: 'E-AC-3', dts: 'DTS', mp3: 'MP3', mp2: 'MP2', pcm: 'PCM', opus: 'Opus',
  vorbis: 'Vorbis', flac: 'FLAC', wma: 'WMA', truehd: 'TrueHD',
}
const labels: Record<string, string> = {
  mp4: 'MP4', mov: 'MOV', matroska: 'MKV', webm: 'WebM', ogg: 'Ogg', mpegts: 'MPEG-TS', avi: 'AVI', flv: 'FLV',
  asf: 'WMV', mpeg: 'MPEG-PS',
}
const nameOf = (codec: string): string => names[codec] ?? codec.toUpperCase()

function reasonOf(meta: Meta, video: Track | undefined, audio: Track | undefined, videoOK: boolean, audioOK: boolean, type: string, e: Engine): string {
  const parts: string[] = []
  if (!videoOK && video) parts.push(`${nameOf(video.codec)} video`)
  if (!audioOK && audio && !(audio.codecString && e.mse(`audio/mp4; codecs="${audio.codecString}"`))) parts.push(`${nameOf(audio.codec)} audio`)
  if (meta.fragmented && e.gstreamer) return 'fragmented MP4 with its duration and seeks'
  if (parts.length === 0) {
    const direct = type && e.canPlay(type)
    return direct ? 'this combination of codecs' : `${labels[meta.container] ?? meta.container} files`
  }
  return parts.join(' and ')
}

/**
 * withRung sets the rung this engine needs on a metadata answer, and its
 * verdict from that rung rather than from the server's operating system.
 */
export function withRung(m: Meta): Meta {
  if (m.error || !m.tracks?.length) return m
  const c = chooseRung(m)
  m.rung = c.rung
  m.verdict = c.rung === 'none' ? { playable: false, reason: `${capitalize(c.reason)} — not playable here` } : { playable: true }
  return m
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}

/**
 * forcedRung is the rung the page's address asks for (?rung=remux, aac or
 * h264), for benchmarks and for trying a rung by hand; only for files the
 * probe read.
 */
function forcedRung(meta: Meta | undefined): Choice | null {
  const r = new URLSearchParams(location.search).get('rung')
  if (!meta?.tracks?.length || (r !== 'remux' && r !== 'aac' && r !== 'h264')) return null
  return { rung: r, reason: 'what the address asks (?rung=)' }
}

/** rungLabel is what the card and the player call a rung. */
export function rungLabel(r: Rung): string {
  switch (r) {
    case 'remux': return 'Remux'
    case 'aac': return 'Audio → AAC'
    case 'h264': return 'Transcode'
    case 'none': return 'Not playable here'
  }
  return ''
}

/** describeChoice is the sentence the player shows when a file needs a rung. */
export function describeChoice(c: Choice): string {
  switch (c.rung) {
    case 'remux': return `Remuxing: this engine cannot play ${c.reason} as they are`
    case 'aac': return `Converting the sound to AAC: this engine cannot decode ${c.reason}`
    case 'h264': return `Converting to H.264: this engine cannot decode ${c.reason}`
    case 'none': return `Not playable here: this engine cannot decode ${c.reason}, and has no Media Source Extensions`
  }
  return ''
}

/** streamURL is the HLS playlist of a rung, with the credentials of the video's own URL; audio > 0 plays that audio track (issue 10). */
export function streamURL(v: Video, rung: Rung, audio = 0): string {
  const q = new URL(v.url, location.href).searchParams
  if (audio > 0) q.set('audio', String(audio))
  const search = q.toString() ? '?' + q.toString() : ''
  return `/api/stream/${encodeURIComponent(v.id)}/${rung}/index.m3u8${search}`
}

interface Attached {
  hls: Hls | null
  id: string
  /** The credentials of the video's URL, for the DELETE that stops the stream. */
  search: string
}
const attached = new WeakMap<HTMLVideoElement, Attached>()

/**
 * attachSource plays v in video on the rung its meta needs; problem is
 * told what the stream cannot do (ffmpeg missing, a failed conversion),
 * notice which rung is used. The element's data-rung says it too.
 */
export async function attachSource(video: HTMLVideoElement, v: Video, meta: Meta | undefined, notice: (msg: string) => void, problem: (msg: string) => void, audio = 0, startAt = -1): Promise<Rung> {
  detachSource(video)
  let choice = forcedRung(meta) ?? chooseRung(meta)
  // Another audio track than the first, where the engine cannot switch
  // tracks itself (issue 10): the remux rung serves the one chosen.
  if (audio > 0 && (choice.rung === 'direct' || choice.rung === 'none')) choice = { rung: 'remux', reason: 'the audio track chosen' }
  video.dataset.rung = choice.rung
  if (choice.rung === 'direct' || choice.rung === 'none') {
    video.src = v.url
    testLog('rung', { name: v.name, rung: choice.rung, scheme: video.src.split(':')[0] })
    if (choice.rung === 'none') problem(describeChoice(choice))
    return choice.rung
  }
  if (audio === 0) notice(describeChoice(choice))
  const url = streamURL(v, choice.rung, audio)
  testLog('rung', { name: v.name, rung: choice.rung, scheme: 'hls' })
  const state: Attached = { hls: null, id: v.id, search: new URL(v.url, location.href).search }
  attached.set(video, state)
  const { default: HlsClass } = await import('hls.js')
  if (attached.get(video) !== state) return choice.rung // another video was opened meanwhile
  if (!HlsClass.isSupported()) {
    video.src = url // native HLS
    return choice.rung
  }
  // startAt: an audio switch goes on from where the video was, asking
  // for that segment first rather than segment 0 and a seek (issue 10).
  // Not in WebKitGTK: there the stream starts at segment 0 (zeroFirst).
  const zeroFirst = startAt > 0 && engine().gstreamer
  const hls = new HlsClass({ maxBufferLength: 30, backBufferLength: 60, startFragPrefetch: true, startPosition: zeroFirst ? 0 : startAt })
  state.hls = hls
  hls.on(HlsClass.Events.ERROR, (_e, data) => {
    if (!data.fatal) return
    const status = data.response?.code ?? 0
    void explainStreamError(url, status).then((msg) => {
      if (attached.get(video) === state) problem(msg)
    })
    hls.destroy()
  })
  hls.loadSource(url)
  hls.attachMedia(video)
  if (zeroFirst) await fromSegmentZero(hls, HlsClass.Events.FRAG_BUFFERED, video, startAt, url, () => attached.get(video) === state)
  return choice.rung
}

/**
 * fromSegmentZero lets hls.js append segment 0 first and then seeks to t,
 * while the server already makes the segment at t. In WebKitGTK the
 * first media segment appended sets where GStreamer's demuxer (qtdemux, in
 * WebKit's MSE append pipeline) starts its segment, and audio appended
 * later from before that time is dropped: a stream started at t never
 * buffers sound before t, so a seek back there never lands (issue 10,
 * read from qtdemux's log; measured in TestWindowRemuxAudioSwitch).
 * Segment 0 starts every track at 0 (transcode.alignStart). current says
 * whether this stream still plays in video.
 */
async function fromSegmentZero(hls: Hls, buffered: Events.FRAG_BUFFERED, video: HTMLVideoElement, t: number, url: string, current: () => boolean): Promise<void> {
  void segmentAt(url, t).then((seg) => {
    if (seg) void fetch(seg).catch(() => {})
  })
  // A failed load reports itself (the ERROR handler): the waits end anyway.
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer)
      hls.off(buffered, done)
      resolve()
    }
    const timer = setTimeout(done, 10_000)
    hls.on(buffered, done)
  })
  // Not before the element can play: a seek while WebKitGTK still
  // prerolls the first segment failed the source ("Failed to push
  // buffer", MEDIA_ERR_SRC_NOT_SUPPORTED) or never finished (issue 10).
  if (video.readyState < HTMLMediaElement.HAVE_FUTURE_DATA) {
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer)
        video.removeEventListener('canplay', done)
        resolve()
      }
      const timer = setTimeout(done, 10_000)
      video.addEventListener('canplay', done)
    })
  }
  if (current()) video.currentTime = t
}

/** segmentAt reads a playlist and answers the URL of its segment holding time t, '' when it cannot. */
async function segmentAt(url: string, t: number): Promise<string> {
  const text = await fetch(url).then((r) => (r.ok ? r.text() : ''), () => '')
  let at = 0
  let seg = ''
  let len = -1
  for (const line of text.split('\n')) {
    const d = /^#EXTINF:([\d.]+)/.exec(line)
    if (d) {
      len = Number(d[1])
      continue
    }
    if (len < 0 || line.startsWith('#') || !line.trim()) continue
    if (at <= t) seg = line.trim()
    at += len
    len = -1
  }
  return seg ? new URL(seg, new URL(url, location.href)).href : ''
}

/** explainStreamError fetches the server's words for a failed stream request. */
async function explainStreamError(url: string, status: number): Promise<string> {
  if (status >= 400) {
    try {
      const res = await fetch(url)
      const body = (await res.json()) as { error?: string }
      if (body.error) return body.error
    } catch {
      /* the generic message below */
    }
  }
  return 'The converted stream of this video failed to load.'
}

/**
 * prepareAudio sets up, on the server, the remux streams of a file's other
 * audio tracks (their playlists: the keyframe scan, which on a large file
 * takes seconds), so that a switch to one of them waits only for its
 * first segment, and loads hls.js (issue 10). For engines without an
 * AudioTrackList.
 */
export function prepareAudio(v: Video, tracks: number[]): void {
  // The switch plays through hls.js: loaded now, not after the key (about 0.1 s of a loaded machine).
  if (tracks.length) void import('hls.js').catch(() => {})
  for (const i of tracks) void fetch(streamURL(v, 'remux', i)).catch(() => {})
}

/**
 * warmAudio asks the server for the segment at time t of each of a
 * file's other audio tracks' remux streams, so that the one the person
 * picks is made (or being made) by the time hls.js asks for it: called as
 * the audio menu opens (issue 10). It reads the segment times from the
 * playlist, which prepareAudio already set up.
 */
export async function warmAudio(v: Video, tracks: number[], t: number): Promise<void> {
  await Promise.all(tracks.map(async (i) => {
    const seg = await segmentAt(streamURL(v, 'remux', i), t)
    if (seg) await fetch(seg).catch(() => {})
  }))
}

/** detachSource stops the stream video plays, and its encoders on the server. */
export function detachSource(video: HTMLVideoElement): void {
  const state = attached.get(video)
  if (!state) return
  attached.delete(video)
  try {
    state.hls?.destroy()
  } catch (err) {
    // A failed teardown must not keep the next video from playing.
    console.warn('hls.js teardown', err)
  }
  if (video.src.startsWith('blob:')) {
    video.removeAttribute('src')
    video.load()
  }
  delete video.dataset.rung
  void fetch(`/api/stream/${encodeURIComponent(state.id)}${state.search}`, { method: 'DELETE', keepalive: true }).catch(() => {})
}
