// Embedded subtitles arriving in parts (issue 10): the cues read from each
// answer, and what tells two of them apart.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { cueKey, followParts, nextPart, parseVTT, quietMs } from '../src/player/cuefeed'

describe('parseVTT', () => {
  test.each([
    ['the header alone', 'WEBVTT\n', []],
    ['two cues', 'WEBVTT\n\n00:00:00.521 --> 00:00:05.021\nHello\n\n00:00:06.021 --> 00:00:11.021\nSecond\ncue\n', [
      { id: '', start: 0.521, end: 5.021, settings: '', text: 'Hello' },
      { id: '', start: 6.021, end: 11.021, settings: '', text: 'Second\ncue' },
    ]],
    ['an id, settings, short times, CRLF', 'WEBVTT\r\n\r\nintro\r\n01:02.500 --> 01:04.000 line:0 align:start\r\nHi\r\n', [
      { id: 'intro', start: 62.5, end: 64, settings: 'line:0 align:start', text: 'Hi' },
    ]],
    ['hours past 99', 'WEBVTT\n\n100:00:00.000 --> 100:00:01.000\nLate\n', [{ id: '', start: 360000, end: 360001, settings: '', text: 'Late' }]],
    ['NOTE, STYLE and a malformed timing left out', 'WEBVTT\n\nSTYLE\n::cue { color: red }\n\nNOTE a --> b\n\n00:01.000 --> soon\nBad\n\n00:02.000 --> 00:03.000\nGood\n', [
      { id: '', start: 2, end: 3, settings: '', text: 'Good' },
    ]],
    ['a cue without text', 'WEBVTT\n\n00:01.000 --> 00:02.000\n', [{ id: '', start: 1, end: 2, settings: '', text: '' }]],
  ])('%s', (_name, text, want) => {
    expect(parseVTT(text), `parseVTT(${JSON.stringify(text)})`).toEqual(want)
  })
})

describe('cueKey', () => {
  const a = { id: '', start: 1, end: 2, settings: '', text: 'Hi' }
  test.each([
    ['the same cue from another answer', { ...a }, true],
    ['another id, the same cue', { ...a, id: '7' }, true],
    ['another end', { ...a, end: 3 }, false],
    ['another text', { ...a, text: 'Hi!' }, false],
  ])('%s', (_name, b, same) => {
    expect(cueKey(b) === cueKey(a), `cueKey(${JSON.stringify(b)}) vs ${JSON.stringify(a)}`).toBe(same)
  })
})

/**
 * server answers the questions for a track from a list of answers, in
 * order ([Reel-Subtitle-Cues, complete]), and records the Ks asked.
 */
function server(answers: [number, boolean][]) {
  const asked: number[] = []
  vi.stubGlobal('location', { href: 'http://127.0.0.1:1/' })
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    init.signal?.throwIfAborted()
    asked.push(Number(new URL(url, 'http://127.0.0.1:1/').searchParams.get('after')))
    const [cues, complete] = answers.shift() ?? [0, true]
    return new Response(`part ${asked.length}`, {
      headers: { 'Reel-Subtitle-Cues': String(cues), 'Reel-Subtitle-Complete': String(complete) },
    })
  })
  return asked
}

describe('nextPart', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  test.each([
    ['more cues: ask on at once', [3, false] as [number, boolean], { after: 3, done: false }, false],
    ['the whole track', [5, true] as [number, boolean], { after: 5, done: true }, false],
    ['nothing new: pause first', [2, false] as [number, boolean], { after: 2, done: false }, true],
    ['a count that went back (the file changed)', [0, false] as [number, boolean], { after: 0, done: false }, true],
  ])('%s', async (_name, answer, want, pauses) => {
    const asked = server([answer])
    const q = { url: '/api/tracks/x/subtitles/1', after: 2, done: false }
    let settled = false
    const p = nextPart(q, new AbortController().signal).then((part) => ((settled = true), part))
    await vi.advanceTimersByTimeAsync(quietMs - 1)
    expect(settled, `answer ${JSON.stringify(answer)}: answered before the pause ended`).toBe(!pauses)
    await vi.advanceTimersByTimeAsync(1)
    const part = await p
    expect(asked).toEqual([2])
    expect({ after: q.after, done: q.done }, `answer ${JSON.stringify(answer)}`).toEqual(want)
    expect(part.from).toBe(2)
    expect(part.text).toBe('part 1')
  })

  test('an abort cuts the pause short', async () => {
    server([[0, false]])
    const abort = new AbortController()
    let settled = false
    const p = nextPart({ url: '/x', after: 0, done: false }, abort.signal).then(() => (settled = true))
    await vi.advanceTimersByTimeAsync(10)
    expect(settled).toBe(false)
    abort.abort()
    await vi.advanceTimersByTimeAsync(0)
    await p
    expect(settled).toBe(true)
  })
})

describe('followParts', () => {
  afterEach(() => vi.unstubAllGlobals())

  test('asks with each answer\'s count until the track is whole', async () => {
    const asked = server([[2, false], [5, false], [6, true]])
    const froms: number[] = []
    await followParts({ url: '/x', after: 0, done: false }, new AbortController().signal, (p) => void froms.push(p.from))
    expect(asked).toEqual([0, 2, 5])
    expect(froms).toEqual([0, 2, 5])
  })

  test('an abort ends it quietly, with no answer handed out after it', async () => {
    server([[2, false], [5, false], [6, true]])
    const abort = new AbortController()
    const froms: number[] = []
    await followParts({ url: '/x', after: 0, done: false }, abort.signal, (p) => {
      froms.push(p.from)
      abort.abort()
    })
    expect(froms).toEqual([0])
  })

  test('the next question waits for the promise take answers', async () => {
    const asked = server([[2, false], [5, true]])
    let release = () => {}
    const held = new Promise<void>((r) => (release = r))
    const following = followParts({ url: '/x', after: 0, done: false }, new AbortController().signal, (p) => (p.from === 0 ? held : undefined))
    await new Promise((r) => setTimeout(r, 20))
    expect(asked, 'asked before take\'s promise settled').toEqual([0])
    release()
    await following
    expect(asked).toEqual([0, 2])
  })

  test('a failed question fails it', async () => {
    vi.stubGlobal('location', { href: 'http://127.0.0.1:1/' })
    vi.stubGlobal('fetch', async () => new Response('no', { status: 503 }))
    await expect(followParts({ url: '/x', after: 0, done: false }, new AbortController().signal, () => {})).rejects.toThrow('subtitles: 503')
  })
})
