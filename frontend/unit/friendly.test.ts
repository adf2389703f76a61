// Words for a person in place of Go's raw errors (friendly.ts, issue 13 item 6).
import { expect, test } from 'vitest'
import { friendlyError, friendlyNotice } from '../src/friendly'

test.each([
  { name: 'permission', raw: 'open /home/ann/Private: permission denied', want: 'Reel is not allowed to read it (permission denied).' },
  { name: 'gone', raw: 'stat /media/usb/Films: no such file or directory', want: 'It is not there: it was moved or deleted.' },
  { name: 'a file', raw: '/home/ann/a.mp4: library: not a folder', want: 'That is a file, not a folder.' },
  { name: 'an unknown cause keeps its words, capitalised', raw: 'read /x: disk quota exceeded', want: 'Disk quota exceeded.' },
  { name: 'an Error object', raw: new Error('open /x: permission denied'), want: 'Reel is not allowed to read it (permission denied).' },
  { name: 'nothing', raw: '', want: 'Something went wrong.' },
])('friendlyError: $name', ({ raw, want }) => {
  expect(friendlyError(raw), `input ${String(raw)}`).toBe(want)
})

test.each([
  {
    name: 'a raw startup error becomes words',
    notice: 'Could not open /srv/films: open /srv/films: permission denied',
    failed: undefined,
    want: 'Could not open /srv/films: Reel is not allowed to read it (permission denied).',
  },
  {
    name: 'what failed explains is dropped, the rest stays',
    notice: 'Could not open /srv/films: open /srv/films: permission denied The database was rebuilt.',
    failed: { path: '/srv/films', status: 403, error: 'permission denied: Reel cannot read this' },
    want: 'The database was rebuilt.',
  },
  { name: 'other notices are untouched', notice: 'The database was rebuilt.', failed: undefined, want: 'The database was rebuilt.' },
])('friendlyNotice: $name', ({ notice, failed, want }) => {
  expect(friendlyNotice(notice, failed), `input ${notice}`).toBe(want)
})
