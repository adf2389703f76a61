// When styled subtitles need drawing (player/assclock.ts, issue 10).
import { expect, test } from 'vitest'
import { cuesOf, screenAt } from '../src/player/assclock'

test.each([
  { name: 'plain text stands still', text: 'Hello', effect: '', want: false },
  { name: 'colour and position stand still', text: '{\\pos(10,20)\\c&H0000FF&\\b1}Hi', effect: '', want: false },
  { name: 'a fade moves', text: '{\\fad(150,150)}Hi', effect: '', want: true },
  { name: 'a long fade moves', text: '{\\fade(255,0,255,0,100,900,1000)}Hi', effect: '', want: true },
  { name: 'a move moves', text: '{\\move(0,0,100,100)}Hi', effect: '', want: true },
  { name: 'a transform moves', text: '{\\t(\\frz10)}Hi', effect: '', want: true },
  { name: 'karaoke moves', text: '{\\k20}Ka{\\kf30}ra{\\ko10}o{\\K5}ke', effect: '', want: true },
  { name: 'a scroll effect moves', text: 'Hi', effect: 'Scroll up;10;100;5', want: true },
  { name: 'a tag name that only starts like one stands still', text: '{\\fn Tahoma\\b1}Hi', effect: '', want: false },
])('$name', ({ text, effect, want }) => {
  expect(cuesOf([{ Start: 1000, Duration: 500, Text: text, Effect: effect }])[0]).toEqual({ start: 1, end: 1.5, animated: want })
})

test('the key changes only when a line starts or ends', () => {
  const cues = cuesOf([
    { Start: 1000, Duration: 2000, Text: 'a' },
    { Start: 2000, Duration: 2000, Text: '{\\move(0,0,9,9)}b' },
  ])
  const at = (t: number) => screenAt(cues, t)
  expect(at(0.5)).toEqual({ key: '', animated: false })
  expect(at(1)).toEqual({ key: '0,', animated: false })
  expect(at(1.9).key).toBe(at(1).key)
  expect(at(2.5)).toEqual({ key: '0,1,', animated: true })
  expect(at(3)).toEqual({ key: '1,', animated: true })
  expect(at(4)).toEqual({ key: '', animated: false })
})
