// Embedded subtitles arriving in parts (issue 10): the cues read from each
// answer, and what tells two of them apart.
import { describe, expect, test } from 'vitest'
import { cueKey, parseVTT } from '../src/player/cuefeed'

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
