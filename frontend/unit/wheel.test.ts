// The wheel over the player (issue 13): a notch is one step, a trackpad's
// small deltas add up to one, nothing ever jumps more than a step.
import { describe, expect, test } from 'vitest'
import { wheelStep, type Gesture } from '../src/player/wheel'

/** run feeds events [deltaY, deltaMode, ms] from a fresh gesture and returns the steps. */
function run(events: [deltaY: number, deltaMode: number, at: number][]): number[] {
  let g: Gesture = { px: 0, at: -1e9 }
  return events.map(([dy, mode, at]) => {
    const r = wheelStep(g, dy, mode, at)
    g = r.gesture
    return r.step
  })
}

describe('wheelStep', () => {
  const cases: [name: string, events: [number, number, number][], want: number[]][] = [
    ['a mouse notch up is one step louder', [[-100, 0, 0]], [1]],
    ['a mouse notch down is one step softer', [[100, 0, 0]], [-1]],
    ['a Chromium Linux notch (53 px) is one step', [[-53, 0, 0]], [1]],
    ['a coalesced fast spin is still one step', [[-1200, 0, 0]], [1]],
    ['three notches are three steps', [[-120, 0, 0], [-120, 0, 30], [-120, 0, 60]], [1, 1, 1]],
    ['a line-mode notch (3 lines) is one step', [[3, 1, 0]], [-1]],
    ['a page-mode delta is one step', [[-1, 2, 0]], [1]],
    ['trackpad deltas add up to a notch', [[-10, 0, 0], [-10, 0, 16], [-10, 0, 32], [-10, 0, 48], [-10, 0, 64]], [0, 0, 0, 0, 1]],
    ['a trackpad swipe of two notches is two steps', Array.from({ length: 20 }, (_, i) => [-5, 0, i * 16] as [number, number, number]), [...Array(9).fill(0), 1, ...Array(9).fill(0), 1]],
    ['a change of direction starts over', [[-40, 0, 0], [30, 0, 16], [-40, 0, 32]], [0, 0, 0]],
    ['a pause starts over', [[-40, 0, 0], [-40, 0, 1000]], [0, 0]],
    ['no delta is no step', [[0, 0, 0], [Number.NaN, 0, 10]], [0, 0]],
  ]
  for (const [name, events, want] of cases) {
    test(name, () => {
      expect(run(events), JSON.stringify(events)).toEqual(want)
    })
  }

})
