// What the library benchmarks share: a folder of N videos, the command
// line's numbers, medians and the table they print.
//
// makeVideos fills a folder with `clip 1.mp4` … `clip N.mp4`, either links
// to one small generated MP4 (metadata and posters as a user would see
// them) or a byte each (the listing alone: no file is read).
import { spawnSync } from 'node:child_process'
import { copyFileSync, linkSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** option reads --name N from the command line: a positive whole number, else fallback. */
export function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`)
  if (i < 0) return fallback
  const n = Number(process.argv[i + 1])
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} needs a positive whole number`)
  return n
}

/** median is the middle of a (the mean of the two middle ones). */
export function median(a) {
  const s = [...a].sort((x, y) => x - y)
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

/** table lays out rows (the first is the head) in columns, numbers to the right. */
export function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)))
  const line = (r) => r.map((v, c) => (c === 0 ? String(v).padEnd(widths[c]) : String(v).padStart(widths[c]))).join('  ')
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n')
}

/**
 * makeVideos makes parent/videos holding `clip 1.mp4` … `clip N.mp4` and
 * returns its path. With media, each is a hard link to one 1 s, 160×90
 * MP4 that ffmpeg makes in parent (a copy where links are not possible; a
 * few bytes each, said so, when ffmpeg is missing); without, a byte each.
 */
export function makeVideos(parent, count, { media = false } = {}) {
  const videos = join(parent, 'videos')
  mkdirSync(videos)
  let source = null
  if (media) {
    source = join(parent, '.source.mp4')
    const r = spawnSync(
      'ffmpeg',
      ['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=10', '-t', '1', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', source],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    )
    if (r.status !== 0) {
      console.log('ffmpeg is missing: the videos are a few bytes each (no metadata, no posters)')
      source = null
    }
  }
  for (let i = 1; i <= count; i++) {
    const to = join(videos, `clip ${i}.mp4`)
    if (!source) {
      writeFileSync(to, media ? 'not a video' : 'x')
      continue
    }
    try {
      linkSync(source, to)
    } catch {
      copyFileSync(source, to)
    }
  }
  return videos
}
