// Issue 10: the names of a file's tracks, the audio track chosen by
// language, the chapter at a time, and the plain ASS fallback's reading.
import { describe, expect, it } from 'vitest'
import { chapterAt } from '../src/player/chapters'
import { audioLabel, langTag, languageName, pickAudio, subtitleLabel } from '../src/player/tracks'
import type { AudioInfo, EmbeddedSubtitle } from '../src/api/types'

const audio = (index: number, language: string, rest: Partial<AudioInfo> = {}): AudioInfo => ({ index, codec: 'aac', language, default: index === 0, ...rest })
const sub = (rest: Partial<EmbeddedSubtitle>): EmbeddedSubtitle => ({ index: 0, format: 'srt', kind: 'text', language: 'eng', default: false, forced: false, url: '/x', ...rest })

describe('labels', () => {
  it.each([
    ['French commentary in AC-3 5.1', audio(1, 'fre', { codec: 'ac3', channels: 6, title: 'Commentaire' }), 'Français — Commentaire (AC-3 5.1)'],
    ['English stereo AAC', audio(0, 'eng', { channels: 2 }), 'English (AAC stereo)'],
    ['no language, no title', audio(2, '', { codec: 'opus' }), 'Track 3 (Opus)'],
    ['a region', audio(0, 'pt-BR', { codec: 'eac3', channels: 8 }), 'Português (Brasil) (E-AC-3 7.1)'],
  ])('%s', (_name, t, want) => expect(audioLabel(t)).toBe(want))

  it.each([
    ['English SRT', sub({}), 'English (SRT)'],
    ['forced French ASS', sub({ language: 'fre', format: 'ass', forced: true }), 'Français — Forced (ASS)'],
    ['a picture track', sub({ format: 'pgs', kind: 'image', url: '' }), 'English (PGS, cannot be shown)'],
    ['no language', sub({ language: '', format: 'mov_text', index: 1 }), 'Track 2 (Timed Text)'],
  ])('%s', (_name, t, want) => expect(subtitleLabel(t)).toBe(want))

  it.each([['eng', 'en', 'English'], ['ger', 'de', 'Deutsch'], ['und', 'und', ''], ['', '', ''], ['x!', '', '']])('%s', (code, tag, name) => {
    expect(langTag(code)).toBe(tag)
    expect(languageName(code)).toBe(name)
  })
})

describe('pickAudio', () => {
  const tracks = [audio(0, 'eng'), audio(1, 'fre'), audio(2, 'pt-BR')]
  it.each([
    ['a two-letter preference finds a three-letter track', 'fr', 1],
    ['the same code', 'fre', 1],
    ['a base language finds its region', 'pt', 2],
    ['no such language keeps the default', 'de', -1],
    ['no preference keeps the default', '', -1],
  ])('%s', (_name, pref, want) => expect(pickAudio(tracks, pref)).toBe(want))
})

describe('chapterAt', () => {
  const chapters = [{ start: 0, end: 4, title: 'a' }, { start: 4, end: 8, title: 'b' }, { start: 8, end: 12, title: 'c' }]
  it.each([[0, 0], [3.9, 0], [4, 1], [11, 2], [50, 2], [-1, -1]])('at %s s', (t, want) => expect(chapterAt(chapters, t)).toBe(want))
  it('none', () => expect(chapterAt([], 5)).toBe(-1))
})
