// Subtitle delay and size (issue 10): the OSD's words, the steps, and cue
// shifts that start from each cue's own times.
import { describe, expect, test } from 'vitest'
import { formatDelay, savedSize, shiftCues, stepDelay, stepSize } from '../src/player/subdelay'

describe('formatDelay', () => {
  test.each([
    ['none', 0, 'Subtitle delay: 0 s'],
    ['later', 0.3, 'Subtitle delay: +0.3 s'],
    ['earlier', -1.2, 'Subtitle delay: −1.2 s'],
    ['float noise', 0.30000000000000004, 'Subtitle delay: +0.3 s'],
    ['rounds to none', -0.04, 'Subtitle delay: 0 s'],
  ])('%s', (_name, s, want) => {
    expect(formatDelay(s), `formatDelay(${s})`).toBe(want)
  })
})

describe('steps', () => {
  test.each([
    ['three later', 0, 3, 0.3],
    ['back past zero', 0.1, -3, -0.2],
    ['from noise', 0.2, 1, 0.3],
  ])('delay: %s', (_name, from, steps, want) => {
    expect(stepDelay(from, steps), `stepDelay(${from}, ${steps})`).toBe(want)
  })
  test.each([
    ['larger', 1, 2, 1.2],
    ['smaller', 1, -1, 0.9],
    ['not below half', 0.5, -1, 0.5],
    ['not above three times', 3, 1, 3],
  ])('size: %s', (_name, from, steps, want) => {
    expect(stepSize(from, steps), `stepSize(${from}, ${steps})`).toBe(want)
  })
  test.each([
    ['as saved', 1.4, 1.4],
    ['the smallest', 0.5, 0.5],
    ['the largest', 3, 3],
    ['none saved (an older Reel)', undefined, 1],
    ['below half', 0.4, 1],
    ['above three times', 3.5, 1],
    ['not a number', Number.NaN, 1],
  ])('saved size: %s', (_name, saved, want) => {
    expect(savedSize(saved), `savedSize(${saved})`).toBe(want)
  })
})

describe('shiftCues', () => {
  test('shifts from the cues own times, never adding up, and keeps times at 0 or more', () => {
    const cues = [{ startTime: 0.5, endTime: 5 }, { startTime: 6, endTime: 11 }]
    const originals = new WeakMap()
    shiftCues(cues, 0.3, originals)
    expect(cues.map((c) => [c.startTime, c.endTime])).toEqual([[0.8, 5.3], [6.3, 11.3]])
    shiftCues(cues, 0.3, originals)
    expect(cues[0].startTime, 'the same delay twice').toBeCloseTo(0.8)
    shiftCues(cues, -1, originals)
    expect(cues.map((c) => [c.startTime, c.endTime]), 'one second earlier').toEqual([[0, 4], [5, 10]])
    shiftCues(cues, 0, originals)
    expect(cues.map((c) => [c.startTime, c.endTime]), 'back to none').toEqual([[0.5, 5], [6, 11]])
  })
})
