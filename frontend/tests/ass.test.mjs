// Styled subtitles (issue 10): a sidecar .ass with a positioned, coloured,
// bold line is drawn by JASSUB over the video while its cue is due and not
// after, and an MKV's attached font is the one the line is drawn with.
// Pixels are read from screenshots of the renderer's canvas over a black
// video: the canvas belongs to a worker (OffscreenCanvas), so the page
// cannot read it back itself.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { pauseVideoAt, redPixels, startSession, until } from './helpers.mjs'

/** font is attached to the MKV; fonts-dejavu-core is in the Makefile's APT_PACKAGES. */
const font = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'

/**
 * script is the test line: "REEL WWW" in red (ASS colours are BGR), bold,
 * its top-left corner (\an7) at 10 % across and 30 % down, from 1 s to 3 s.
 * The style names DejaVu Sans, which only the MKV carries: beside the MP4
 * libass falls back to JASSUB's default font, whose letters are narrower.
 */
const script = [
  '[Script Info]',
  'ScriptType: v4.00+',
  'PlayResX: 640',
  'PlayResY: 360',
  '',
  '[V4+ Styles]',
  'Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding',
  'Style: Default,DejaVu Sans,40,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,0,0,2,10,10,10,1',
  '',
  '[Events]',
  'Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text',
  'Dialogue: 0,0:00:01.00,0:00:03.00,Default,,0,0,0,,{\\an7\\pos(64,108)\\c&H0000FF&\\b1}REEL WWW',
  '',
].join('\r\n')

let dir
let session
let page
let watcher
/** requested lists the paths the page and its workers asked for. */
const requested = []

function ffmpeg(args, what) {
  const r = spawnSync('ffmpeg', ['-loglevel', 'error', '-nostdin', '-y', ...args], { stdio: ['ignore', 'inherit', 'inherit'] })
  if (r.status !== 0) throw new Error(`ffmpeg could not make ${what} (status ${r.status})`)
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'reel-ass-'))
  const black = ['-f', 'lavfi', '-i', 'color=c=black:size=640x360:rate=24', '-f', 'lavfi', '-i', 'anullsrc=r=48000:cl=stereo', '-t', '8']
  const h264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-g', '24', '-pix_fmt', 'yuv420p', '-c:a', 'aac']
  ffmpeg([...black, ...h264, '-movflags', '+faststart', join(dir, 'plain.mp4')], 'plain.mp4')
  ffmpeg([...black, ...h264, '-attach', font, '-metadata:s:t', 'mimetype=application/x-truetype-font', join(dir, 'fonted.mkv')], 'fonted.mkv')
  writeFileSync(join(dir, 'plain.ass'), script)
  writeFileSync(join(dir, 'fonted.ass'), script)
  session = await startSession({ dir, ensure: false })
  ;({ page, watcher } = session)
  page.on('request', (req) => requested.push(new URL(req.url()).pathname))
  await page.goto(session.server.url)
  await page.locator('section.library').waitFor()
})

after(async () => {
  await session?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

const videoSel = 'section.player video'

/** open plays name from the library and waits until its time moves. */
async function open(name) {
  if ((await page.locator('section.library').count()) === 0) {
    await page.keyboard.press('Escape')
    await page.locator('section.library').waitFor()
  }
  const entry = page.locator(`section.library :is(.row.video, .card.video)[data-name="${name}"]`)
  await entry.dblclick()
  await page.waitForFunction((sel) => {
    const v = document.querySelector(sel)
    return v && !v.paused && v.currentTime > 0.1
  }, videoSel)
}

/** chooseSubtitles picks label in the captions menu. */
async function chooseSubtitles(label) {
  const box = await page.locator('media-controller').boundingBox()
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 3)
  await page.mouse.move(box.x + box.width / 2 + 7, box.y + box.height / 3 + 5)
  await page.locator('media-captions-menu-button').click()
  const menu = page.locator('media-captions-menu')
  await menu.waitFor({ state: 'visible' })
  await menu.locator('[role="menuitemradio"]').filter({ hasText: label }).click()
  await menu.waitFor({ state: 'hidden' })
}

/** pauseAt pauses this test's video at t seconds and waits for the seek (helpers.mjs). */
const pauseAt = (t) => pauseVideoAt(page, t)

/** redBox is the red line's box on the renderer's canvas (helpers.mjs), on this test's page. */
const redBox = () => redPixels(page)

/** shows waits until the canvas shows red text (want) or none (!want). */
async function shows(want, what) {
  return until(async () => {
    const r = await redBox()
    return r && !!r.box === want ? r : null
  }, what)
}

const near = (got, want, tol, what) => assert.ok(Math.abs(got - want) <= tol, `${what}: got ${got.toFixed(3)}, want ${want} ± ${tol}`)

let fallbackWidth = 0

test('a sidecar .ass line is drawn where \\pos puts it, in its colour, while it is due and not after', async () => {
  await open('plain.mp4')
  const subs = await page.evaluate((sel) => [...document.querySelector(sel).textTracks].map((t) => t.label), videoSel)
  assert.deepEqual(subs, ['Subtitles'], 'the .ass sidecar is offered once')
  // Nothing of the renderer loads before a styled track is shown.
  const renderer = () => requested.filter((p) => /\/assets\/(ass|worker|jassub)-|\.wasm$/.test(p))
  assert.deepEqual(renderer(), [], 'the renderer loaded before a styled track was shown')
  await chooseSubtitles('Subtitles')
  await pauseAt(2)
  const on = await shows(true, 'the red line at 2 s')
  assert.ok(
    renderer().some((p) => p.endsWith('.wasm')),
    `JASSUB drew without its WebAssembly being fetched (${renderer()}): is something else drawing?`,
  )
  // The canvas covers the picture; the line starts at 10 % across, 30 % down.
  near(on.rect.x, on.video.x, 1, 'canvas left')
  near(on.rect.width, on.video.width, 1, 'canvas width')
  near(on.box.left, 0.1, 0.02, 'line left')
  near(on.box.top, 0.3, 0.04, 'line top')
  fallbackWidth = on.box.width
  await pauseAt(5)
  await shows(false, 'no line at 5 s, after the cue ended')
  await pauseAt(0.5)
  await shows(false, 'no line at 0.5 s, before the cue')
  await pauseAt(1.5)
  await shows(true, 'the line again at 1.5 s')
  // While playing, it goes at 3 s.
  await page.evaluate((sel) => document.querySelector(sel).play(), videoSel)
  await page.waitForFunction((sel) => document.querySelector(sel).currentTime > 3.3, videoSel, { timeout: 10_000 })
  await shows(false, 'no line once played past 3 s')
})

test("an MKV's attached font is fetched and draws the line", async () => {
  const fonts = []
  page.on('request', (req) => {
    if (new URL(req.url()).pathname.startsWith('/api/fonts/')) fonts.push(new URL(req.url()).pathname)
  })
  await open('fonted.mkv')
  await chooseSubtitles('Subtitles')
  await pauseAt(2)
  const on = await shows(true, 'the red line at 2 s')
  assert.equal(fonts.length, 2, `the page asked for ${JSON.stringify(fonts)}, want the list and one font`)
  assert.match(fonts[1], /^\/api\/fonts\/[^/]+\/0$/)
  near(on.box.left, 0.1, 0.02, 'line left')
  // DejaVu Sans Bold is wider than the fallback: the same line is longer.
  assert.ok(fallbackWidth > 0, 'the fallback width comes from the test before this one')
  assert.ok(
    on.box.width > fallbackWidth * 1.05,
    `the line is ${on.box.width.toFixed(3)} wide with the attached font, ${fallbackWidth.toFixed(3)} without: was the font used?`,
  )
  console.log(`line width: ${on.box.width.toFixed(3)} with DejaVu Sans Bold from the MKV, ${fallbackWidth.toFixed(3)} with the fallback`)
})

test("+ and − scale the styled line, as mpv's sub-scale does to ASS", async () => {
  // fonted.mkv is open from the test before, paused at 2 s with its line drawn.
  const before = await shows(true, 'the red line at 2 s')
  for (let i = 0; i < 3; i++) await page.keyboard.press('+')
  const larger = await until(async () => {
    const r = await redBox()
    return r?.box && r.box.height > before.box.height * 1.2 ? r : null
  }, 'the line 1.3 times as tall after + three times')
  near(larger.box.height / before.box.height, 1.3, 0.1, 'height ratio after + three times')
  near(larger.box.left, 0.1, 0.02, 'line left, where \\pos puts it still')
  for (let i = 0; i < 3; i++) await page.keyboard.press('-')
  const back = await until(async () => {
    const r = await redBox()
    return r?.box && Math.abs(r.box.height - before.box.height) <= before.box.height * 0.05 ? r : null
  }, 'the line at its own size after − three times')
  console.log(`line height: ${before.box.height.toFixed(3)} at 1×, ${larger.box.height.toFixed(3)} at 1.3×, ${back.box.height.toFixed(3)} back at 1×`)
})

test('no console errors or failed requests', () => {
  assert.deepEqual(watcher.unexpected(), { console: [], page: [], requests: [] })
})
