// Dropped subtitle files (issue 10): which files count, and SRT made WebVTT in the page.
import { describe, expect, test } from 'vitest'
import { subtitleFormats } from '../src/generated/rules'
import { srtToVTT, subtitleExtensions, subtitleFormat } from '../src/player/subfile'

describe('subtitleFormat', () => {
  test.each([
    ['srt', 'Film.en.srt', 'srt'],
    ['upper case', 'FILM.SRT', 'srt'],
    ['vtt', 'a.vtt', 'vtt'],
    ['ass', 'a.ass', 'ass'],
    ['ssa', 'a.ssa', 'ssa'],
    ['a video', 'film.mkv', ''],
    ['no extension', 'srt', ''],
    ['a folder-like name', 'subs.srt/x', ''],
    ['a name of an object key', 'x.constructor', ''],
    ['a subtitle kind Reel does not read', 'a.sub', ''],
  ])('%s', (_name, file, want) => {
    expect(subtitleFormat(file), `subtitleFormat(${file})`).toBe(want)
  })

  test("every one of Go's extensions, and only those", () => {
    // One list, Go's (rules.SubtitleTypes): the page has no copy of its own.
    for (const [ext, format] of Object.entries(subtitleFormats)) {
      expect(subtitleFormat(`Film${ext.toUpperCase()}`), `subtitleFormat(Film${ext.toUpperCase()})`).toBe(format)
    }
    expect(subtitleExtensions()).toBe('.ass, .srt, .ssa, .vtt')
  })
})

describe('srtToVTT', () => {
  test.each([
    ['plain', '1\n00:00:01,000 --> 00:00:02,500\nHi\n', 'WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.500\nHi\n'],
    ['BOM and CRLF', '\uFEFF1\r\n00:00:01,000 --> 00:00:02,000\r\nHi\r\n', 'WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nHi\n'],
    ['position hints dropped', '1\n00:00:01,000 --> 00:00:02,000 X1:1 X2:2 Y1:1 Y2:2\nHi', 'WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nHi\n'],
    ['one-digit hour, short ms', '1\n1:02:03,5 --> 1:02:04,25\nHi', 'WEBVTT\n\n1\n01:02:03.500 --> 01:02:04.250\nHi\n'],
    ['text with an arrow is left alone', '1\n00:00:01,000 --> 00:00:02,000\na --> b', 'WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\na --> b\n'],
  ])('%s', (_name, srt, want) => {
    expect(srtToVTT(srt), `srtToVTT(${JSON.stringify(srt)})`).toBe(want)
  })
})
