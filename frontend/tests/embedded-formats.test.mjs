// Issue 10 in Chromium: each embedded text subtitle format shows the right
// cue at the right time. mov_text in an MP4 and WebVTT in an MKV become
// the page's text cues; SSA in an MKV is drawn by the ASS renderer (its
// red line on the canvas). Embedded SRT and ASS are tracks.test.mjs's and
// cues.test.mjs's. The files are made here with ffmpeg: a grey clip and
// two cues, 1–3 s and 5–7 s.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { pauseVideoAt, redPixels, startSession, until } from './helpers.mjs'

let dir
let session

const srt = '1\n00:00:01,000 --> 00:00:03,000\nFIRST CUE\n\n2\n00:00:05,000 --> 00:00:07,000\nSECOND CUE\n'
const ssa = [
  '[Script Info]',
  'ScriptType: v4.00',
  'PlayResX: 640',
  'PlayResY: 360',
  '',
  '[V4 Styles]',
  'Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, TertiaryColour, BackColour, Bold, Italic, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, AlphaLevel, Encoding',
  'Style: Default,DejaVu Sans,40,255,255,0,0,-1,0,1,0,0,2,10,10,20,0,1',
  '',
  '[Events]',
  'Format: Marked, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text',
  'Dialogue: Marked=0,0:00:01.00,0:00:03.00,Default,,0,0,0,,FIRST CUE',
  'Dialogue: Marked=0,0:00:05.00,0:00:07.00,Default,,0,0,0,,SECOND CUE',
  '',
].join('\r\n')

function ffmpeg(...args) {
  const r = spawnSync('ffmpeg', ['-loglevel', 'error', '-nostdin', '-y', ...args], { stdio: ['ignore', 'inherit', 'inherit'] })
  if (r.status !== 0) throw new Error(`ffmpeg ${args.join(' ')}: status ${r.status}`)
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'reel-embedded-'))
  writeFileSync(join(dir, 'cues.srt'), srt)
  writeFileSync(join(dir, 'cues.ssa'), ssa)
  const clip = ['-f', 'lavfi', '-i', 'color=gray:size=640x360:rate=25', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000']
  const video = ['-t', '10', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac']
  const sub = (name) => ['-i', join(dir, name), '-map', '0:v', '-map', '1:a', '-map', '2:s']
  ffmpeg(...clip, ...sub('cues.srt'), ...video, '-c:s', 'mov_text', join(dir, 'movtext.mp4'))
  ffmpeg(...clip, ...sub('cues.srt'), ...video, '-c:s', 'webvtt', join(dir, 'webvtt.mkv'))
  ffmpeg(...clip, ...sub('cues.ssa'), ...video, '-c:s', 'ssa', join(dir, 'ssa.mkv'))
  // Only the videos: the sidecars would be offered beside them.
  rmSync(join(dir, 'cues.srt'))
  rmSync(join(dir, 'cues.ssa'))
  session = await startSession({ dir, ensure: false })
})

after(async () => {
  await session?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

/** open plays name from the library, turns its subtitles on with C and answers the track's label. */
async function open(name) {
  const { page, server } = session
  await page.goto(server.url)
  await page.locator(`section.library [data-name="${name}"]`).first().dblclick()
  await page.waitForFunction(() => {
    const v = document.querySelector('section.player video')
    return v && v.currentTime > 0 && !v.paused
  }, null, { timeout: 20_000 })
  const label = await until(() => page.evaluate(() => document.querySelector('section.player video track')?.label ?? null), `${name}'s subtitle track`)
  await page.keyboard.press('c')
  return label
}

/** pauseAt pauses this test's video at t seconds and waits for the seek (helpers.mjs). */
const pauseAt = (t) => pauseVideoAt(session.page, t)

/** active is the text of the showing track's active cues. */
function active() {
  return session.page.evaluate(() => {
    const t = [...document.querySelector('section.player video').textTracks].find((t) => t.mode === 'showing')
    return t ? [...(t.activeCues ?? [])].map((c) => c.text).join(' | ') : null
  })
}

// WebVTT in an MKV: FFmpeg writes WebM's codec ID, D_WEBVTT/SUBTITLES,
// which Reel once named "cannot be shown".
for (const [name, label] of [['movtext.mp4', 'Track 1 (Timed Text)'], ['webvtt.mkv', 'Track 1 (WebVTT)']]) {
  test(`${name}: the embedded cues show at their times`, async () => {
    assert.equal(await open(name), label, `${name}: the track's label`)
    for (const [t, want] of [[1.5, 'FIRST CUE'], [4, ''], [5.5, 'SECOND CUE'], [8, '']]) {
      await pauseAt(t)
      await until(async () => ((await active()) === want ? true : null), `${name} at ${t} s showing ${JSON.stringify(want)}`)
    }
  })
}

test('ssa.mkv: the embedded SSA line is drawn while it is due, and not between', async () => {
  await open('ssa.mkv')
  for (const [t, want] of [[1.5, true], [4, false], [5.5, true], [8, false]]) {
    await pauseAt(t)
    await until(async () => {
      const r = await redPixels(session.page)
      return r && !!r.box === want ? true : null
    }, `ssa.mkv at ${t} s: ${want ? 'the red line' : 'no line'}`)
  }
})
