// The player's pure modules: keys (actionFor, stepRate), where to resume
// (resumeAt), error words (explain) and the subtitle track to show
// (pickTrack).
import { describe, expect, test } from 'vitest'
import type { Meta } from '../src/api/types'
import { explain, type ErrorFacts } from '../src/player/errors'
import { actionFor, rates, stepRate } from '../src/player/keys'
import { resumeAt } from '../src/player/resume'
import { pickTrack } from '../src/player/subtitles'
import * as rules from '../src/generated/rules'

describe('actionFor', () => {
  const cases: [key: string, mods: { ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean }, want: ReturnType<typeof actionFor>][] = [
    [' ', {}, { action: 'togglePlay' }],
    ['k', {}, { action: 'togglePlay' }],
    ['K', {}, { action: 'togglePlay' }],
    ['ArrowLeft', {}, { action: 'back5' }],
    ['L', {}, { action: 'forward10' }],
    ['<', {}, { action: 'slower' }],
    [']', {}, { action: 'faster' }],
    ['?', {}, { action: 'help' }],
    ['0', {}, { action: 'jump', tenth: 0 }],
    ['9', {}, { action: 'jump', tenth: 9 }],
    ['f', { ctrlKey: true }, null],
    ['k', { metaKey: true }, null],
    ['1', { altKey: true }, null],
    ['x', {}, { action: 'subtitleLater' }], // issue 10, as mpv's x
    ['q', {}, null],
    ['F5', {}, null],
  ]
  for (const [key, mods, want] of cases) {
    test(`${JSON.stringify(key)} ${JSON.stringify(mods)}`, () => {
      expect(actionFor({ key, ...mods })).toEqual(want)
    })
  }

  test('every key Go binds gives its action', () => {
    for (const [keys, action] of rules.bindings) for (const key of keys) expect(actionFor({ key }), key).toEqual({ action })
  })
})

describe('stepRate', () => {
  const cases: [current: number, dir: 1 | -1, want: number][] = [
    [1, 1, 1.25],
    [1, -1, 0.75],
    [2, 1, 3],
    [4, 1, 4], // the top stays
    [0.25, -1, 0.25], // the bottom stays
    [1.1, 1, 1.25], // between steps: the next listed one up
    [1.1, -1, 1],
    [10, -1, 4],
    [0.1, 1, 0.25],
  ]
  for (const [current, dir, want] of cases) {
    test(`${current} ${dir > 0 ? 'faster' : 'slower'}`, () => {
      expect(stepRate(current, dir)).toBe(want)
    })
  }

  test('steps stay within the limits Go owns', () => {
    expect(rates).toEqual(rules.rates)
    expect(Math.min(...rates)).toBe(rules.minRate)
    expect(Math.max(...rates)).toBe(rules.maxRate)
  })
})

describe('resumeAt', () => {
  const cases: [name: string, position: number, duration: number, watched: boolean, want: number | null][] = [
    ['a position in the middle', 600, 1200, false, 600],
    ['not in the first 5 seconds', 5, 1200, false, null],
    ['just past them', 5.5, 1200, false, 5.5],
    ['not once watched', 600, 1200, true, null],
    ['not at 95 %', 1140, 1200, false, null],
    ['just under 95 %', 1139, 1200, false, 1139],
    ['with an unknown duration', 600, NaN, false, 600],
    ['with no position', 0, 1200, false, null],
    ['with a NaN position', NaN, 1200, false, null],
  ]
  for (const [name, position, duration, watched, want] of cases) {
    test(name, () => {
      expect(resumeAt(position, duration, watched)).toBe(want)
    })
  }

  test('the thresholds are the ones Go owns', () => {
    const d = 1000
    expect(resumeAt(rules.watchedFraction * d - 0.01, d, false)).not.toBeNull()
    expect(resumeAt(rules.watchedFraction * d, d, false)).toBeNull()
    expect(resumeAt(rules.minResume, d, false)).toBeNull()
  })
})

describe('explain', () => {
  const facts = (over: Partial<ErrorFacts>): ErrorFacts => ({
    name: 'film.mkv',
    code: 4,
    message: '',
    gone: false,
    denied: false,
    platform: 'linux',
    native: true,
    ...over,
  })
  const meta = (videoCodec: string, audioCodec: string): Meta => ({ videoCodec, audioCodec, duration: 60 }) as Meta
  const cases: { name: string; f: Partial<ErrorFacts>; title: RegExp; fix?: RegExp; gone?: boolean }[] = [
    { name: 'a moved file goes back to the list', f: { gone: true }, title: /moved or deleted/, gone: true },
    { name: 'a denied file', f: { denied: true }, title: /not allowed to read film\.mkv/ },
    { name: 'a network error while loading', f: { code: 2 }, title: /stopped loading/ },
    { name: 'a file the probe could not read', f: { metaError: 'probe: unknown: truncated file.' }, title: /damaged or not a video/ },
    { name: 'HEVC on Windows names the Store extension', f: { platform: 'windows', meta: meta('hevc', 'aac') }, title: /^HEVC \(H\.265\) video with AAC audio — not playable/, fix: /HEVC Video Extensions/ },
    { name: 'AC-3 audio on Windows: convert the audio', f: { platform: 'windows', meta: meta('h264', 'ac3') }, title: /AC-3 audio/, fix: /cannot decode AC-3 audio/ },
    { name: 'VVC on Linux has no decoder', f: { meta: meta('vvc', 'aac') }, title: /VVC \(H\.266\)/, fix: /No GStreamer decoder for VVC/ },
    { name: 'anything else on Linux: install GStreamer', f: { meta: meta('av1', 'opus') }, title: /AV1 video/, fix: /gstreamer1\.0-libav/ },
    { name: 'a browser: open it in the window', f: { native: false, meta: meta('hevc', 'aac') }, title: /not playable by this browser/, fix: /Open the folder in the Reel window/ },
    { name: 'an unknown error keeps its message', f: { code: 0, message: 'boom', meta: meta('h264', 'aac') }, title: /^Cannot play film\.mkv$/ },
  ]
  for (const c of cases) {
    test(c.name, () => {
      const p = explain(facts(c.f))
      expect(p.title).toMatch(c.title)
      if (c.fix) expect(p.fix).toMatch(c.fix)
      expect(p.gone).toBe(c.gone ?? false)
    })
  }
})

describe('pickTrack', () => {
  const tracks = [
    { lang: '', label: 'Subtitles (VTT)' },
    { lang: 'en-US', label: 'English' },
    { lang: 'de', label: 'German' },
    { lang: '', label: 'Commentary' },
  ]
  const cases: [pref: string, want: number][] = [
    ['', -1],
    ['off', -1],
    ['de', 2],
    ['DE', 2],
    ['en', 1], // "en" finds "en-US"
    ['en-GB', 1], // and a sibling region
    ['Commentary', 3], // a track without a language, by label
    ['Subtitles', 0], // the lone "Subtitles" from "Subtitles (VTT)"
    ['fr', -1],
  ]
  for (const [pref, want] of cases) {
    test(JSON.stringify(pref), () => {
      expect(pickTrack(tracks, pref)).toBe(want)
    })
  }
})
