// Type-ahead in the list (library/typeahead.ts, issue 13 item 5).
import { expect, test } from 'vitest'
import { TypeAhead, typeAheadMs } from '../src/library/typeahead'

const names = ['Season 2', 'ep1.mp4', 'ep2.mp4', 'ep10.mp4', 'Extras', 'Zeta.mkv']

test.each([
  { name: 'a letter jumps to the first name with it', keys: [['z', 0]], from: 0, want: 5 },
  { name: 'case does not matter', keys: [['E', 0]], from: 0, want: 1 },
  { name: 'a word narrows to the name it starts', keys: [['e', 0], ['x', 100]], from: 0, want: 4 },
  { name: 'the same letter again steps to the next name', keys: [['e', 0], ['e', 100]], from: 0, want: 2 },
  { name: 'a word keeps the selection when it still fits', keys: [['e', 0], ['p', 100], ['1', 200]], from: 0, want: 1 },
  { name: 'after a pause the letters start a new word', keys: [['e', 0], ['z', typeAheadMs + 1]], from: 0, want: 5 },
  { name: 'stepping wraps around to the first', keys: [['s', 0]], from: 5, want: 0 },
  { name: 'no name starts with it', keys: [['q', 0]], from: 0, want: -1 },
])('$name', ({ keys, from, want }) => {
  const t = new TypeAhead()
  let at = from
  let got = -1
  for (const [ch, now] of keys as [string, number][]) {
    got = t.find(ch, now, names, at)
    if (got >= 0) at = got
  }
  expect(got, `keys ${JSON.stringify(keys)} from ${from}`).toBe(want)
})
