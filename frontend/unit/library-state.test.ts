// The library's state rules (library/state.ts) and its keys (library/keys.ts).
import { describe, expect, test } from 'vitest'
import type { Listing, Video } from '../src/api/types'
import { listKey, type KeyTarget } from '../src/library/keys'
import { defaultSettings, shelve } from '../src/library/model'
import {
  content,
  derive,
  fetchesContinue,
  initialState,
  keepSelection,
  metaOrder,
  showsContinue,
  statusText,
  whereIn,
  type LibraryState,
} from '../src/library/state'

const video = (name: string): Video => ({ id: 'id-' + name, name, path: name, size: 1, modTime: '2024-01-01T00:00:00Z', url: '', position: 0, watched: false, subtitles: [] }) as unknown as Video

function stateWith(over: Partial<LibraryState>, names: string[] = ['a.mp4', 'b.mp4', 'c.mp4'], folders: string[] = []): LibraryState {
  const listing: Listing = {
    root: '/films',
    dir: over.dir ?? '',
    folders: folders.map((f) => ({ name: f, path: f, videoCount: 1 })),
    videos: names.map(video),
    problems: [],
    version: 0,
  }
  return { ...initialState('grid'), listing, ...over }
}

const derived = (s: LibraryState) => derive(s, shelve(s.listing!), () => undefined)

describe('showsContinue: the one rule for the "Continue watching" row', () => {
  const cases: [name: string, over: Partial<LibraryState>, want: boolean][] = [
    ['at the top with something to continue', { continueList: [video('x.mp4')] }, true],
    ['not with nothing to continue', { continueList: [] }, false],
    ['not in a subfolder', { dir: 'sub', continueList: [video('x.mp4')] }, false],
    ['not while filtering', { continueList: [video('x.mp4')], settings: { ...defaultSettings('grid'), filter: 'a' } }, false],
    ['a filter of spaces is no filter', { continueList: [video('x.mp4')], settings: { ...defaultSettings('grid'), filter: '  ' } }, true],
  ]
  for (const [name, over, want] of cases) {
    test(name, () => {
      const s = stateWith(over)
      expect(showsContinue(s)).toBe(want)
      expect(derived(s).continueRow).toBe(want)
      expect(content(s, derived(s)).continueRow).toBe(want)
    })
  }
  test('only the top folder asks for it', () => {
    expect(fetchesContinue('')).toBe(true)
    expect(fetchesContinue('Season 2')).toBe(false)
  })
})

describe('keepSelection', () => {
  const s = stateWith({}, ['a.mp4', 'b.mp4', 'c.mp4'])
  const d = derived(s)
  const cases: [name: string, key: string | null, before: number, want: string | null][] = [
    ['a selection still there stays', 'v:id-b.mp4', 1, 'v:id-b.mp4'],
    ['a vanished one gives way to the item in its place', 'v:id-gone.mp4', 1, 'v:id-b.mp4'],
    ['past the end: the last item', 'v:id-gone.mp4', 9, 'v:id-c.mp4'],
    ['no selection: the first item', null, -1, 'v:id-a.mp4'],
  ]
  for (const [name, key, before, want] of cases) {
    test(name, () => {
      expect(keepSelection(key, before, d)).toBe(want)
    })
  }
  test('nothing to select', () => {
    const empty = stateWith({}, [])
    expect(keepSelection(null, 2, derived(empty))).toBeNull()
  })
})

describe('statusText and labels', () => {
  const cases: [name: string, over: Partial<LibraryState>, names: string[], folders: string[], want: string][] = [
    ['one video', {}, ['a.mp4'], [], '1 video'],
    ['videos and a folder', {}, ['a.mp4', 'b.mp4'], ['Season 2'], '2 videos · 1 folder'],
    ['a filter says how many match', { settings: { ...defaultSettings('list'), filter: 'a' } }, ['a.mp4', 'b.mp4'], [], '1 of 2 videos'],
    ['recursive says below, not folders', { settings: { ...defaultSettings('grid'), recursive: true } }, ['a.mp4', 'b.mp4'], ['S'], '2 videos below'],
    ['thousands are grouped', {}, Array.from({ length: 1200 }, (_, i) => `v${i}.mp4`), [], '1,200 videos'],
  ]
  for (const [name, over, names, folders, want] of cases) {
    test(name, () => {
      const s = stateWith(over, names, folders)
      expect(statusText(s, derived(s))).toBe(want)
    })
  }
  test('sections are labelled when there are folders', () => {
    const s = stateWith({}, ['a.mp4', 'b.mp4'], ['One'])
    expect(content(s, derived(s)).labels).toEqual({ folders: '1 folder', videos: '2 videos' })
    const plain = stateWith({}, ['a.mp4'])
    expect(content(plain, derived(plain)).labels).toBeNull()
  })
})

test('metaOrder reads the videos on screen first, then the filtered-out ones', () => {
  const s = stateWith({ settings: { ...defaultSettings('grid'), filter: 'c' } })
  expect(metaOrder(derived(s)).map((v) => v.name)).toEqual(['c.mp4', 'a.mp4', 'b.mp4'])
})

test('whereIn is the folder of a recursively listed video, below the one on screen', () => {
  expect(whereIn('Season 2/Extras/x.mp4', 'Season 2')).toBe('Extras')
  expect(whereIn('Season 2/x.mp4', 'Season 2')).toBe('')
  expect(whereIn('a/b/x.mp4', '')).toBe('a/b')
})

describe('listKey', () => {
  const at: KeyTarget = { typing: false, inMenu: false, onButton: false, inStrip: false }
  const cases: [key: string, mods: object, where: Partial<KeyTarget>, grid: boolean, want: ReturnType<typeof listKey>][] = [
    ['/', {}, {}, true, { kind: 'filter' }],
    ['f', { ctrlKey: true }, {}, true, { kind: 'filter' }],
    ['F', { metaKey: true }, { typing: true }, true, { kind: 'filter' }], // Ctrl+F works from the filter too
    ['f', { ctrlKey: true, altKey: true }, {}, true, null],
    ['Backspace', {}, {}, true, { kind: 'up' }],
    ['Backspace', {}, { typing: true }, true, null], // deletes text in the filter
    ['Enter', {}, {}, true, { kind: 'open' }],
    ['Enter', {}, { onButton: true }, true, null], // buttons keep Enter
    ['ArrowRight', {}, {}, true, { kind: 'move', by: 'item', n: 1 }],
    ['ArrowLeft', {}, {}, false, null], // a list has no columns
    ['ArrowDown', {}, {}, false, { kind: 'move', by: 'row', n: 1 }],
    ['ArrowUp', {}, { inStrip: true }, true, null], // the strip keeps its arrows
    ['PageUp', {}, {}, true, { kind: 'move', by: 'page', n: -1 }],
    ['Home', {}, {}, true, { kind: 'home' }],
    ['End', {}, {}, false, { kind: 'end' }],
    ['/', {}, { inMenu: true }, true, null], // the recent menu keeps its keys
    ['x', {}, {}, true, { kind: 'type', ch: 'x' }], // type-ahead (issue 13)
    ['x', {}, { typing: true }, true, null], // letters in the filter are the filter's
    ['x', {}, { inStrip: true }, true, { kind: 'type', ch: 'x' }],
    [' ', {}, {}, true, null],
    ['Escape', {}, {}, true, { kind: 'escape' }],
    [',', { ctrlKey: true }, {}, true, { kind: 'settings' }], // issue 13 item 7
    [',', { ctrlKey: true }, { typing: true }, true, { kind: 'settings' }],
  ]
  for (const [key, mods, where, grid, want] of cases) {
    test(`${key} ${JSON.stringify(mods)} ${JSON.stringify(where)} ${grid ? 'grid' : 'list'}`, () => {
      expect(listKey({ key, ...mods }, { ...at, ...where }, grid)).toEqual(want)
    })
  }
})
