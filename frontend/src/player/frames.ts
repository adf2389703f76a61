// How long one frame lasts, for the , and . keys. The webview does not say
// a file's frame rate, but requestVideoFrameCallback reports the media time
// of each frame it presents: the gaps between them are the frame duration.

const fallback = 1 / 24
const wanted = 24
const common = [23.976, 24, 25, 29.97, 30, 48, 50, 59.94, 60, 100, 120]

/** fpsFromGaps turns gaps between frames (seconds) into a frame rate, snapped to a common one when close. */
export function fpsFromGaps(gaps: number[]): number | null {
  const ok = gaps.filter((g) => g > 0.001 && g < 0.5).sort((a, b) => a - b)
  if (ok.length < 4) return null
  const fps = 1 / ok[Math.floor(ok.length / 2)]
  const near = common.find((c) => Math.abs(c - fps) / c < 0.015)
  return near ?? fps
}

/** FrameClock measures the frame rate of the playing video. */
export class FrameClock {
  private gaps: number[] = []
  private last: { mediaTime: number; frames: number } | null = null
  private handle = 0
  private fps: number | null = null

  constructor(private readonly video: HTMLVideoElement) {}

  /** frameDuration is one frame in seconds: measured, else 1/24 s. */
  get frameDuration(): number {
    return this.fps ? 1 / this.fps : fallback
  }

  /** reset forgets the last video's rate and starts measuring again. */
  reset(): void {
    const v = this.video
    if (typeof v.requestVideoFrameCallback !== 'function') return
    if (this.handle) v.cancelVideoFrameCallback(this.handle)
    this.gaps = []
    this.last = null
    this.fps = null
    const onFrame = (_now: number, meta: VideoFrameCallbackMetadata) => {
      const prev = this.last
      this.last = { mediaTime: meta.mediaTime, frames: meta.presentedFrames }
      const n = prev ? meta.presentedFrames - prev.frames : 0
      // Only consecutive playback counts: a seek or a dropped run is not one frame.
      if (prev && n >= 1 && n <= 3 && meta.mediaTime > prev.mediaTime) {
        this.gaps.push((meta.mediaTime - prev.mediaTime) / n)
      }
      this.fps = fpsFromGaps(this.gaps) ?? this.fps
      this.handle = this.gaps.length < wanted ? v.requestVideoFrameCallback(onFrame) : 0
    }
    this.handle = v.requestVideoFrameCallback(onFrame)
  }
}
