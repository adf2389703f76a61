// The library's pure modules: what is shown in which order (arrange), where
// it goes on screen (layout), and where a poster is taken (seekTarget).
import { describe, expect, test } from 'vitest'
import type { Listing, Meta, Video } from '../src/api/types'
import { layout, sizes, type Content } from '../src/library/grid'
import { arrange, defaultSettings, shelve, type ViewSettings } from '../src/library/model'
import { seekTarget } from '../src/library/thumbs'

function video(name: string, over: Partial<Video> = {}): Video {
  return {
    id: 'id-' + name,
    name,
    path: name,
    size: 0,
    modTime: '2024-01-01T00:00:00Z',
    url: '/media/id-' + name,
    position: 0,
    watched: false,
    subtitles: [],
    ...over,
  } as Video
}

function listing(videos: Video[], folders: string[] = []): Listing {
  return {
    root: '/films',
    dir: '',
    folders: folders.map((f) => ({ name: f, path: f, videoCount: 0 })),
    videos,
    problems: [],
    version: 0,
  }
}

const settings = (over: Partial<ViewSettings> = {}): ViewSettings => ({ ...defaultSettings('grid'), ...over })
const names = (l: Listing, s: ViewSettings, meta: (v: Video) => Meta | undefined = () => undefined): string[] =>
  arrange(shelve(l), s, meta).videos.map((e) => (e.kind === 'video' ? e.video.name : '?'))

describe('arrange', () => {
  // The server sends natural name order ("ep2" before "ep10").
  const l = listing(
    [
      video('ep2.mp4', { size: 300, modTime: '2024-03-01T00:00:00Z', duration: 20 }),
      video('ep10.mp4', { size: 100, modTime: '2024-01-01T00:00:00Z' }),
      video('Extra.mkv', { size: 200, modTime: '2024-02-01T00:00:00Z', duration: 10 }),
    ],
    ['Season 1', 'extras'],
  )
  const cases: { name: string; s: Partial<ViewSettings>; want: string[] }[] = [
    { name: 'name keeps the server order', s: {}, want: ['ep2.mp4', 'ep10.mp4', 'Extra.mkv'] },
    { name: 'name, descending, reverses it', s: { desc: true }, want: ['Extra.mkv', 'ep10.mp4', 'ep2.mp4'] },
    { name: 'date, oldest first', s: { sort: 'date' }, want: ['ep10.mp4', 'Extra.mkv', 'ep2.mp4'] },
    { name: 'date, newest first', s: { sort: 'date', desc: true }, want: ['ep2.mp4', 'Extra.mkv', 'ep10.mp4'] },
    { name: 'size, smallest first', s: { sort: 'size' }, want: ['ep10.mp4', 'Extra.mkv', 'ep2.mp4'] },
    { name: 'size, largest first', s: { sort: 'size', desc: true }, want: ['ep2.mp4', 'Extra.mkv', 'ep10.mp4'] },
    { name: 'duration: unknown ones last', s: { sort: 'duration' }, want: ['Extra.mkv', 'ep2.mp4', 'ep10.mp4'] },
    { name: 'duration, descending: unknown ones still last', s: { sort: 'duration', desc: true }, want: ['ep2.mp4', 'Extra.mkv', 'ep10.mp4'] },
    { name: 'the filter is a case-insensitive substring', s: { filter: 'EP' }, want: ['ep2.mp4', 'ep10.mp4'] },
    { name: 'the filter ignores surrounding spaces', s: { filter: '  extra ' }, want: ['Extra.mkv'] },
    { name: 'a filter that matches nothing', s: { filter: 'zzz' }, want: [] },
  ]
  for (const c of cases) {
    test(c.name, () => {
      expect(names(l, settings(c.s))).toEqual(c.want)
    })
  }

  test('probed durations win over saved ones', () => {
    const meta = (v: Video): Meta | undefined => (v.name === 'ep10.mp4' ? ({ duration: 5 } as Meta) : undefined)
    expect(names(l, settings({ sort: 'duration' }), meta)).toEqual(['ep10.mp4', 'Extra.mkv', 'ep2.mp4'])
  })

  test('folders are filtered and reversed with the names, and total counts before the filter', () => {
    const a = arrange(shelve(l), settings({ filter: 's', desc: true }), () => undefined)
    expect(a.folders.map((e) => (e.kind === 'folder' ? e.folder.name : '?'))).toEqual(['extras', 'Season 1'])
    expect(a.total).toBe(3)
  })
})

describe('layout', () => {
  const content = (over: Partial<Content>): Content => ({ view: 'grid', folders: 0, videos: 0, continueRow: false, labels: null, ...over })
  const cases: { name: string; c: Partial<Content>; width: number; cols: number; kinds: string[] }[] = [
    { name: 'nothing', c: {}, width: 1000, cols: 4, kinds: [] },
    { name: 'a narrow window still has one column', c: { videos: 2 }, width: 100, cols: 1, kinds: ['items', 'items'] },
    { name: 'cards fill the width', c: { videos: 5 }, width: 1000, cols: 4, kinds: ['items', 'items'] },
    { name: 'a list has one column, under its headers', c: { view: 'list', videos: 5 }, width: 1000, cols: 1, kinds: ['head', 'items', 'items', 'items', 'items', 'items'] },
    {
      name: 'a list\'s headers sit under Continue watching, above the rows (issue 13)',
      c: { view: 'list', videos: 2, continueRow: true },
      width: 1000,
      cols: 1,
      kinds: ['continue', 'head', 'items', 'items'],
    },
    {
      name: 'labels and the continue row come before their sections',
      c: { folders: 2, videos: 3, continueRow: true, labels: { folders: '2 folders', videos: '3 videos' } },
      width: 1000,
      cols: 4,
      kinds: ['continue', 'label', 'items', 'label', 'items'],
    },
    { name: 'a list has no labels', c: { view: 'list', folders: 1, videos: 1, labels: { folders: 'f', videos: 'v' } }, width: 800, cols: 1, kinds: ['head', 'items', 'items'] },
  ]
  for (const c of cases) {
    test(c.name, () => {
      const l = layout(content(c.c), c.width)
      expect(l.cols).toBe(c.cols)
      expect(l.rows.map((r) => r.kind)).toEqual(c.kinds)
    })
  }

  test('rows are stacked without gaps and every item has its row', () => {
    const l = layout(content({ folders: 3, videos: 9, continueRow: true, labels: { folders: 'f', videos: 'v' } }), 1000)
    let y = sizes.top
    for (const r of l.rows) {
      expect(r.start).toBe(y)
      y += r.size
    }
    expect(l.total).toBe(y + sizes.bottom)
    for (let i = 0; i < 12; i++) {
      const r = l.rows[l.rowOf[i]]
      expect(i >= r.first && i < r.first + r.count).toBe(true)
    }
  })

  test('folders and videos never share a row', () => {
    const l = layout(content({ folders: 3, videos: 3 }), 1000)
    expect(l.rows.map((r) => [r.first, r.count])).toEqual([
      [0, 3],
      [3, 3],
    ])
  })
})

describe('seekTarget', () => {
  const cases: [name: string, duration: number, want: number][] = [
    ['10 % in', 100, 10],
    ['at least 1 s', 5, 1],
    ['at most 300 s', 7200, 300],
    ['half-way through a clip shorter than 1 s', 0.5, 0.25],
    ['1 s when the duration is unknown', NaN, 1],
    ['1 s for an infinite stream', Infinity, 1],
    ['1 s for a zero duration', 0, 1],
  ]
  for (const [name, duration, want] of cases) {
    test(name, () => {
      expect(seekTarget(duration)).toBe(want)
    })
  }
})
