// Posters for the cards near the viewport. Go makes them with ffmpeg when it
// can; otherwise (thumbStatus answers 'capture') the page draws a frame of
// the video on a canvas and hands the JPEG to Go for next time. Each poster
// is asked for once per session: what was shown stays known, and a capture
// keeps its own blob URL.
import { putThumb, thumbStatus, thumbURL } from '../api/http'
import type { Video } from '../api/types'
import { testLog } from '../testlog'

/** Poster is what a card shows in its 16:9 frame. */
export type Poster = { state: 'loading' } | { state: 'ok'; url: string } | { state: 'none' }

type Known = Poster | { state: 'capture' }

const known = new Map<string, Known>()

const posterKey = (v: Video): string => `${v.id}|${v.size}|${v.modTime}`

/** How many status requests and page captures run at once. */
const statusSlots = 3
const captureSlots = 2
/** captureTimeout bounds one capture, from setting src to the JPEG. */
export const captureTimeout = 8000
/** posterWidth is the width of captured posters, in pixels. */
const posterWidth = 480

/** Posters fetches and captures the posters the view wants. */
export class Posters {
  private wanted = new Set<string>()
  private statusQueue: Video[] = []
  private captureQueue: Video[] = []
  private statusBusy = 0
  private readonly captures = new Map<string, AbortController>()

  constructor(
    /** host holds the hidden <video> elements of captures. */
    private readonly host: HTMLElement,
    /** ready is called when v's poster changed. */
    private readonly ready: (v: Video) => void,
  ) {}

  /** get returns v's poster, or undefined when nobody asked yet. */
  get(v: Video): Poster | undefined {
    const k = known.get(posterKey(v))
    if (!k) return undefined
    return k.state === 'capture' ? { state: 'loading' } : k
  }

  /**
   * want makes videos (nearest first) the ones to fetch posters for; work
   * for any other video is dropped, and its capture cancelled.
   */
  want(videos: Video[]): void {
    this.wanted = new Set(videos.map(posterKey))
    this.statusQueue = []
    this.captureQueue = []
    for (const v of videos) {
      const k = known.get(posterKey(v))
      if (!k) this.statusQueue.push(v)
      else if (k.state === 'capture' && !this.captures.has(posterKey(v))) this.captureQueue.push(v)
    }
    for (const [key, ctl] of this.captures) if (!this.wanted.has(key)) ctl.abort()
    this.pump()
  }

  /** stop cancels every capture and forgets the queues (the view is hidden). */
  stop(): void {
    this.wanted.clear()
    this.statusQueue = []
    this.captureQueue = []
    for (const ctl of this.captures.values()) ctl.abort()
  }

  private pump(): void {
    while (this.statusBusy < statusSlots && this.statusQueue.length > 0) {
      const v = this.statusQueue.shift()!
      const key = posterKey(v)
      if (known.has(key)) continue
      known.set(key, { state: 'loading' })
      this.statusBusy++
      void this.status(v, key)
    }
    while (this.captures.size < captureSlots && this.captureQueue.length > 0) {
      const v = this.captureQueue.shift()!
      const key = posterKey(v)
      if (this.captures.has(key) || known.get(key)?.state !== 'capture') continue
      void this.capture(v, key)
    }
  }

  private async status(v: Video, key: string): Promise<void> {
    // A status request in flight is never aborted: it is short, and its
    // answer is worth keeping for when the card comes back.
    const s = await thumbStatus(v.id)
    this.statusBusy--
    if (s === 'ok') {
      known.set(key, { state: 'ok', url: thumbURL(v.id) })
      this.ready(v)
    } else if (s === 'capture') {
      known.set(key, { state: 'capture' })
      if (this.wanted.has(key)) this.captureQueue.push(v)
    } else {
      known.set(key, { state: 'none' })
      this.ready(v)
    }
    this.pump()
  }

  private async capture(v: Video, key: string): Promise<void> {
    const ctl = new AbortController()
    this.captures.set(key, ctl)
    try {
      const jpeg = await captureFrame(v.url, this.host, ctl.signal)
      known.set(key, { state: 'ok', url: URL.createObjectURL(jpeg) })
      putThumb(v.id, jpeg).catch(() => {
        /* Go could not keep it: it is captured again next session */
      })
    } catch (err) {
      // Cancelled captures are tried again when the card comes back.
      known.set(key, ctl.signal.aborted ? { state: 'capture' } : { state: 'none' })
      if (!ctl.signal.aborted) testLog('capture-error', { name: v.name, message: String(err) })
    }
    this.captures.delete(key)
    if (known.get(key)?.state !== 'capture') this.ready(v)
    this.pump()
  }
}

/** seekTarget is where a poster is taken: 10 % in, at least 1 s, at most 300 s. */
export function seekTarget(duration: number): number {
  if (!Number.isFinite(duration) || duration <= 0) return 1
  const t = Math.min(300, Math.max(1, duration * 0.1))
  return t < duration ? t : duration / 2
}

/**
 * captureFrame loads url in a hidden muted <video>, seeks to seekTarget and
 * draws that frame as a JPEG 480 pixels wide.
 */
export function captureFrame(url: string, host: HTMLElement, signal: AbortSignal): Promise<Blob> {
  return new Promise<Blob>((resolve, reject) => {
    const video = document.createElement('video')
    video.muted = true
    video.preload = 'metadata'
    video.crossOrigin = 'anonymous'
    video.playsInline = true
    let finished = false
    const finish = (err: Error | null, jpeg?: Blob): void => {
      if (finished) return
      finished = true
      clearTimeout(timer)
      signal.removeEventListener('abort', onAbort)
      video.removeAttribute('src')
      video.load()
      video.remove()
      if (err) reject(err)
      else resolve(jpeg!)
    }
    const onAbort = (): void => finish(new DOMException('capture cancelled', 'AbortError'))
    const timer = setTimeout(() => finish(new Error('no frame within 8 s')), captureTimeout)
    signal.addEventListener('abort', onAbort)
    video.addEventListener('loadedmetadata', () => {
      video.currentTime = seekTarget(video.duration)
    })
    video.addEventListener('seeked', () => {
      const draw = (): void => {
        const w = video.videoWidth
        const hgt = video.videoHeight
        if (!w || !hgt) return finish(new Error('the video has no picture'))
        const canvas = document.createElement('canvas')
        canvas.width = posterWidth
        canvas.height = Math.max(1, Math.round((posterWidth * hgt) / w))
        const ctx = canvas.getContext('2d')
        if (!ctx) return finish(new Error('no canvas'))
        try {
          ctx.drawImage(video, 0, 0, canvas.width, canvas.height)
        } catch (err) {
          return finish(err instanceof Error ? err : new Error(String(err)))
        }
        canvas.toBlob((b) => (b ? finish(null, b) : finish(new Error('could not encode the frame'))), 'image/jpeg', 0.8)
      }
      // The frame at the new position may still be decoding.
      if (video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA) draw()
      else video.addEventListener('loadeddata', draw, { once: true })
    })
    video.addEventListener('error', () => finish(new Error(video.error?.message || 'the video could not be read')))
    if (signal.aborted) return onAbort()
    host.append(video)
    video.src = url
  })
}
