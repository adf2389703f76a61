// How long one frame lasts, for the , and . keys. The webview does not say
// a file's frame rate, but requestVideoFrameCallback reports the media time
// of each frame it presents: the gaps between them are the frame duration.

const fallback = 1 / 24
const wanted = 24
// NTSC rates as the exact fractions they are, so steps stay on their frames
// an hour into a file.
const common = [24000 / 1001, 24, 25, 30000 / 1001, 30, 48, 50, 60000 / 1001, 60, 100, 120]

/** fpsFromGaps turns gaps between frames (seconds) into a frame rate, snapped to a common one when close. */
export function fpsFromGaps(gaps: number[]): number | null {
  const ok = gaps.filter((g) => g > 0.001 && g < 0.5).sort((a, b) => a - b)
  if (ok.length < 4) return null
  const fps = 1 / ok[Math.floor(ok.length / 2)]
  // The nearest common rate: 24 is within 1.5 % of 23.976 too.
  const near = common.reduce((a, b) => (Math.abs(b - fps) < Math.abs(a - fps) ? b : a))
  return Math.abs(near - fps) / near < 0.015 ? near : fps
}

/**
 * frameStep returns the time of the frame dir frames away from the one
 * shown at t, for frames of frame seconds. It lands a quarter of a frame
 * into that frame: adding 1/fps again and again drifts below the frame's
 * start (10 + 0.04 + 0.04 is 10.079999…, which shows the frame at 10.04),
 * and a quarter frame in is the same frame whether the engine shows the
 * frame at or the frame nearest to the time.
 */
export function frameStep(t: number, frame: number, dir: 1 | -1): number {
  const shown = Math.floor(t / frame + 1e-3)
  return Math.max(0, (shown + dir + 0.25) * frame)
}

/**
 * deafAfterMs is how long the clock waits, while the video plays, for a
 * first requestVideoFrameCallback before it takes the engine for one that
 * never calls it (WebKitGTK 2.50 with GStreamer has the method, but the
 * callback never comes).
 */
export const deafAfterMs = 3000

/**
 * FrameClock measures the frame rate of the playing video.
 *
 * It holds a frame request only while the video plays and the rate is not
 * yet known (issue 8): a request left pending keeps the engine's rendering
 * updates, and WebKitGTK's display refresh monitor, running on every vsync,
 * which took a paused player's window from 0 % to 1–3 % of a core. Where the
 * engine never answers, the clock stops asking after deafAfterMs of playing.
 */
export class FrameClock {
  private gaps: number[] = []
  private last: { mediaTime: number; frames: number } | null = null
  private handle = 0
  private fps: number | null = null
  private heard = false
  private deaf = false
  private deafTimer: ReturnType<typeof setTimeout> | undefined

  constructor(private readonly video: HTMLVideoElement) {
    video.addEventListener('playing', () => this.listen())
    for (const name of ['pause', 'ended', 'emptied', 'waiting']) video.addEventListener(name, () => this.hold())
  }

  /** frameDuration is one frame in seconds: measured, else 1/24 s. */
  get frameDuration(): number {
    return this.fps ? 1 / this.fps : fallback
  }

  /** measuring says whether a frame request is pending. */
  get measuring(): boolean {
    return this.handle !== 0
  }

  /** reset forgets the last video's rate and starts measuring again once it plays. */
  reset(): void {
    this.hold()
    this.gaps = []
    this.last = null
    this.fps = null
    this.heard = false
    this.deaf = false
    const v = this.video
    if (!v.paused && !v.ended && v.readyState >= 3 /* HAVE_FUTURE_DATA */) this.listen()
  }

  /** listen asks for the next frame, unless the rate is known or the engine never answers. */
  private listen(): void {
    const v = this.video
    if (typeof v.requestVideoFrameCallback !== 'function') return
    if (this.handle || this.deaf || this.gaps.length >= wanted) return
    this.handle = v.requestVideoFrameCallback(this.onFrame)
    if (!this.heard && this.deafTimer === undefined) {
      this.deafTimer = setTimeout(() => {
        this.deafTimer = undefined
        if (this.heard) return
        this.deaf = true
        this.hold()
      }, deafAfterMs)
    }
  }

  /** hold drops the pending request (paused, ended, stalled or a new video). */
  private hold(): void {
    if (this.handle) this.video.cancelVideoFrameCallback(this.handle)
    this.handle = 0
    clearTimeout(this.deafTimer)
    this.deafTimer = undefined
  }

  private readonly onFrame = (_now: number, meta: VideoFrameCallbackMetadata): void => {
    this.handle = 0
    this.heard = true
    clearTimeout(this.deafTimer)
    this.deafTimer = undefined
    const prev = this.last
    this.last = { mediaTime: meta.mediaTime, frames: meta.presentedFrames }
    const n = prev ? meta.presentedFrames - prev.frames : 0
    // Only consecutive playback counts: a seek or a dropped run is not one frame.
    if (prev && n >= 1 && n <= 3 && meta.mediaTime > prev.mediaTime) {
      this.gaps.push((meta.mediaTime - prev.mediaTime) / n)
    }
    this.fps = fpsFromGaps(this.gaps) ?? this.fps
    const v = this.video
    if (!v.paused && !v.ended) this.listen()
  }
}
