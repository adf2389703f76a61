// The frame clock (player/frames.ts): it measures the frame rate while the
// video plays, and holds no frame request while it is paused (issue 8).
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { deafAfterMs, FrameClock } from '../src/player/frames'

/** FakeVideo is the part of a <video> the clock uses, with its frame requests in view. */
class FakeVideo extends EventTarget {
  paused = true
  ended = false
  readyState = 4
  pending = new Map<number, VideoFrameRequestCallback>()
  private next = 0
  presented = 0

  requestVideoFrameCallback(cb: VideoFrameRequestCallback): number {
    this.pending.set(++this.next, cb)
    return this.next
  }
  cancelVideoFrameCallback(h: number): void {
    this.pending.delete(h)
  }
  play(): void {
    this.paused = false
    this.dispatchEvent(new Event('playing'))
  }
  pause(): void {
    this.paused = true
    this.dispatchEvent(new Event('pause'))
  }
  /** present shows the next frame at fps, as the engine calls the callbacks. */
  present(fps: number): void {
    this.presented++
    const due = [...this.pending.values()]
    this.pending.clear()
    for (const cb of due) cb(0, { mediaTime: this.presented / fps, presentedFrames: this.presented } as VideoFrameCallbackMetadata)
  }
}

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

function clock(): [FakeVideo, FrameClock] {
  const v = new FakeVideo()
  const c = new FrameClock(v as unknown as HTMLVideoElement)
  c.reset()
  return [v, c]
}

describe('FrameClock', () => {
  const cases: { name: string; run: (v: FakeVideo, c: FrameClock) => void; pending: number; frame: number }[] = [
    { name: 'a new video, not playing yet: no request', run: () => {}, pending: 0, frame: 1 / 24 },
    { name: 'playing: one request', run: (v) => v.play(), pending: 1, frame: 1 / 24 },
    {
      name: 'paused while measuring: no request',
      run: (v) => {
        v.play()
        for (let i = 0; i < 5; i++) v.present(30)
        v.pause()
      },
      pending: 0,
      frame: 1 / 30,
    },
    {
      name: 'playing again after a pause: measuring on',
      run: (v) => {
        v.play()
        v.present(30)
        v.pause()
        v.play()
      },
      pending: 1,
      frame: 1 / 24,
    },
    {
      name: 'rate known: no more requests while it plays',
      run: (v) => {
        v.play()
        for (let i = 0; i < 40; i++) v.present(25)
      },
      pending: 0,
      frame: 1 / 25,
    },
    {
      name: 'an engine that never calls back: it stops asking',
      run: (v) => {
        v.play()
        vi.advanceTimersByTime(deafAfterMs + 1)
      },
      pending: 0,
      frame: 1 / 24,
    },
    {
      name: 'an engine that never calls back, paused early: it asks again on play',
      run: (v) => {
        v.play()
        vi.advanceTimersByTime(deafAfterMs / 2)
        v.pause()
        vi.advanceTimersByTime(deafAfterMs)
        v.play()
      },
      pending: 1,
      frame: 1 / 24,
    },
    {
      name: 'an engine that answers: no giving up',
      run: (v) => {
        v.play()
        v.present(30)
        vi.advanceTimersByTime(deafAfterMs * 2)
        for (let i = 0; i < 5; i++) v.present(30)
      },
      pending: 1,
      frame: 1 / 30,
    },
  ]
  for (const { name, run, pending, frame } of cases) {
    test(name, () => {
      const [v, c] = clock()
      run(v, c)
      expect(v.pending.size, `${name}: pending requests`).toBe(pending)
      expect(c.measuring, `${name}: measuring`).toBe(pending > 0)
      expect(c.frameDuration, `${name}: frame duration`).toBeCloseTo(frame, 6)
    })
  }

  test('reset on a playing video asks at once, and forgets the rate', () => {
    const [v, c] = clock()
    v.play()
    for (let i = 0; i < 40; i++) v.present(50)
    c.reset()
    expect(v.pending.size, 'pending after reset').toBe(1)
    expect(c.frameDuration, 'frame duration after reset').toBeCloseTo(1 / 24, 6)
  })
})
