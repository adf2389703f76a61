// The player, driven like a person would: every key, the controls that hide,
// the seek preview, resume, remembered settings, the next video in the
// folder, subtitles and the error messages. Each test checks the real state
// of the <video> (time, pause, volume, speed, text tracks) and what is on
// screen, against a folder of short clips made with ffmpeg.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { api as callApi, mustNotHappen, redact, showAsGrid, showAsList, startSession, until as poll } from './helpers.mjs'

let dir
let server
let chromium
let browser
let context
let page
let watcher
/** ids maps "dir/name" to the video's id, from the listing. */
const ids = {}
/** goneId is the id of the file the deletion test removes; its 404s are expected. */
let goneId = ''

// --- The test folder -------------------------------------------------------

function ffmpeg(args, what) {
  const r = spawnSync('ffmpeg', ['-loglevel', 'error', '-y', ...args], { stdio: ['ignore', 'inherit', 'inherit'] })
  if (r.status !== 0) throw new Error(`ffmpeg could not make ${what} (status ${r.status})`)
}

/** clip writes a test-pattern video of seconds at fps, a key frame every second, with a tone. */
function clip(path, seconds, { size = '640x360', fps = 25 } = {}) {
  ffmpeg(
    [
      '-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=${fps}`,
      '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
      '-t', String(seconds),
      '-c:v', 'libx264', '-preset', 'ultrafast', '-g', String(fps), '-pix_fmt', 'yuv420p',
      '-c:a', 'aac', '-movflags', '+faststart', path,
    ],
    path,
  )
}

function dated(path, month) {
  const t = new Date(Date.UTC(2024, month - 1, 10, 12))
  utimesSync(path, t, t)
}

// ep1.srt is Latin-1 with CRLF line ends and italics; ep1.vtt is WebVTT;
// ep1.en.srt is UTF-8 English.
const srtLatin1 = [
  '1',
  '00:00:01,000 --> 00:00:04,500',
  'Café crème à la française',
  '',
  '2',
  '00:00:05,000 --> 00:00:08,250',
  '<i>Où est la bibliothèque ?</i>',
  'Ça va très bien.',
  '',
].join('\r\n')
const srtLatin1Cues = [
  { start: 1, end: 4.5, text: 'Café crème à la française' },
  { start: 5, end: 8.25, text: '<i>Où est la bibliothèque ?</i>\nÇa va très bien.' },
]
const vtt = 'WEBVTT\n\n00:00:02.000 --> 00:00:03.000\nFrom the VTT file\n\n00:00:10.500 --> 00:00:12.000\nSecond VTT cue\n'
const vttCues = [
  { start: 2, end: 3, text: 'From the VTT file' },
  { start: 10.5, end: 12, text: 'Second VTT cue' },
]
const srtEnglish = '1\n00:00:00,500 --> 00:00:02,000\nHello in English\n\n2\n00:00:20,000 --> 00:00:25,000\nThe end is near\n'
/** commentary labels ep2's only track: longer than a language tag. */
const commentary = 'Commentary by the director and the whole crew'
const englishCues = [
  { start: 0.5, end: 2, text: 'Hello in English' },
  { start: 20, end: 25, text: 'The end is near' },
]

/**
 * makePlayerFolder builds:
 *   ep1.mp4 (30 s, 24 fps) with ep1.srt, ep1.vtt, ep1.en.srt; ep2.mp4 and ep10.mp4 (8 s),
 *   ep2.mp4 with a commentary track
 *   name order ep1, ep2, ep10; date order ep10 (Jan), ep1 (Feb), ep2 (Mar)
 *   Broken/hevc.mkv (HEVC only), Broken/hevc-aac.mkv (HEVC with AAC sound),
 *   Broken/gone.mp4 (10 min, removed by a test while it plays)
 */
function makePlayerFolder() {
  const d = mkdtempSync(join(tmpdir(), 'reel-player-'))
  clip(join(d, 'ep1.mp4'), 30, { fps: 24 })
  clip(join(d, 'ep2.mp4'), 8)
  clip(join(d, 'ep10.mp4'), 8)
  writeFileSync(join(d, 'ep1.srt'), Buffer.from(srtLatin1, 'latin1'))
  writeFileSync(join(d, 'ep1.vtt'), vtt)
  writeFileSync(join(d, 'ep1.en.srt'), srtEnglish)
  writeFileSync(join(d, `ep2.${commentary}.srt`), '1\n00:00:01,000 --> 00:00:03,000\nDirector speaking\n')
  dated(join(d, 'ep10.mp4'), 1)
  dated(join(d, 'ep1.mp4'), 2)
  dated(join(d, 'ep2.mp4'), 3)
  const broken = join(d, 'Broken')
  mkdirSync(broken)
  const x265 = ['-c:v', 'libx265', '-preset', 'ultrafast', '-x265-params', 'log-level=error']
  ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=25', '-t', '3', ...x265, join(broken, 'hevc.mkv')], 'hevc.mkv')
  ffmpeg(
    ['-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=25', '-f', 'lavfi', '-i', 'sine', '-t', '4', ...x265, '-c:a', 'aac', join(broken, 'hevc-aac.mkv')],
    'hevc-aac.mkv',
  )
  // Long enough that Chromium has not read it all when it is removed.
  const long = join(d, 'long.mp4')
  clip(long, 60, { size: '1280x720' })
  ffmpeg(['-stream_loop', '9', '-i', long, '-c', 'copy', join(broken, 'gone.mp4')], 'gone.mp4')
  rmSync(long)
  return d
}

// --- Setup -----------------------------------------------------------------

before(async () => {
  dir = makePlayerFolder()
  chromium = await startSession({ dir, ensure: false })
  ;({ server, browser, context, page, watcher } = chromium)
  for (const sub of ['', 'Broken']) {
    const listing = await api(`/api/library?dir=${encodeURIComponent(sub)}`)
    for (const v of listing.videos) ids[sub ? `${sub}/${v.name}` : v.name] = v.id
  }
  goneId = ids['Broken/gone.mp4']
})

after(async () => {
  await chromium?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

// --- Helpers ---------------------------------------------------------------

/** api calls the server's JSON API with helpers.mjs's client, sending JSON. */
function api(path, init = {}) {
  return callApi(server, path, { ...init, headers: { 'Content-Type': 'application/json', ...(init.headers ?? {}) } })
}

/** until is helpers.mjs's polling helper, with a timeout in milliseconds last. */
function until(fn, what, timeoutMs = 10_000) {
  return poll(fn, what, { timeoutMs, everyMs: 100 })
}

const videoSel = 'section.player video'

/** state is the <video>'s real state. */
function state() {
  return page.evaluate((sel) => {
    const v = document.querySelector(sel)
    if (!v) return null
    return {
      currentTime: v.currentTime,
      duration: v.duration,
      paused: v.paused,
      ended: v.ended,
      volume: v.volume,
      muted: v.muted,
      playbackRate: v.playbackRate,
      loop: v.loop,
      readyState: v.readyState,
      src: v.currentSrc,
      error: v.error ? v.error.code : null,
    }
  }, videoSel)
}

const title = () => page.locator('.player-title').textContent()
const osd = () => page.locator('.player-osd-text').textContent()

async function inLibrary() {
  return (await page.locator('section.library').count()) > 0
}

/**
 * escLayer is what the next Esc closes: the keys help, a menu, fullscreen,
 * the player; 'library' when no player is open.
 */
function escLayer() {
  return page.evaluate(() => {
    if (document.querySelector('section.library')) return 'library'
    if (document.querySelector('.player-help:not([hidden])')) return 'help'
    if (document.querySelector('media-captions-menu:not([hidden]), media-playback-rate-menu:not([hidden])')) return 'menu'
    if (document.fullscreenElement) return 'fullscreen'
    return 'player'
  })
}

/** toLibrary leaves the player with Esc (leaving fullscreen first) until the list is back. */
async function toLibrary() {
  for (let i = 0; i < 3 && !(await inLibrary()); i++) {
    const layer = await escLayer()
    await page.keyboard.press('Escape')
    await until(async () => (await escLayer()) !== layer, `Esc to close the ${layer}`)
  }
  await page.locator('section.library').waitFor()
}

/**
 * leavePlayer goes back to the list and, when the player was open on a
 * video, waits until the position it saves on leaving has reached the
 * server, so that the save cannot land on top of what the test sets next.
 * The player saves nothing while its resume question is open (resume.ts).
 */
async function leavePlayer() {
  const id = await page.evaluate((sel) => {
    const v = document.querySelector(sel)
    const asking = document.querySelector('.player-resume:not([hidden])')
    if (!v || asking || !v.currentSrc || v.readyState < 1 || !(v.duration > 0)) return null
    const m = /\/media\/([^/?]+)/.exec(v.currentSrc)
    return m ? decodeURIComponent(m[1]) : null
  }, videoSel)
  const saved =
    id &&
    page.waitForResponse((r) => r.request().method() === 'PUT' && new URL(r.url()).pathname === `/api/position/${encodeURIComponent(id)}`)
  await toLibrary()
  if (saved) await saved
}

/**
 * forget rewinds name (a path in the opened folder) to its start and marks
 * it not watched, as "mark unwatched" does: it opens with no resume question.
 */
async function forget(name) {
  const id = ids[name]
  if (!id) throw new Error(`no id for ${name}`)
  await api(`/api/videos/${encodeURIComponent(id)}/watched`, { method: 'DELETE' })
}

/** showFolder shows the folder sub of the opened one ('' for itself) in the list. */
async function showFolder(sub) {
  await toLibrary()
  const crumbs = page.locator('nav.crumbs button.crumb')
  const current = (await crumbs.count()) > 1 ? await crumbs.last().textContent() : ''
  if (current === sub) return
  if (current) {
    await crumbs.first().click()
    await page.locator('nav.crumbs button.crumb').nth(1).waitFor({ state: 'detached' })
  }
  if (sub) await page.locator(`section.library .entry.folder[data-path="${sub}"], section.library .folder[data-path="${sub}"]`).first().dblclick()
  await until(async () => ((await page.locator('nav.crumbs button.crumb').count()) > 1) === !!sub, `folder ${sub || '(top)'}`)
}

/** listOrder is the names of the video rows in the order they are shown (rows are reused, so not DOM order). */
function listOrder() {
  return page
    .locator('section.library .row.video')
    .evaluateAll((els) => els.sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index)).map((e) => e.dataset.name))
}

function entry(name) {
  return page.locator(`section.library :is(.row.video, .card.video)[data-name="${name}"]`)
}

/** open double-clicks the video in the list and waits until it plays (or fails). */
async function open(name, { sub = '', playing = true } = {}) {
  await showFolder(sub)
  await entry(name).waitFor()
  await entry(name).dblclick()
  await page.locator(videoSel).waitFor({ state: 'attached' })
  await until(async () => (await title()) === name, `the player to show ${name}`)
  if (playing) await waitPlaying()
}

/**
 * openFresh is how a test opens its own video: it leaves whatever is open
 * (waiting for its save), forgets where name stopped, then opens it, so
 * nothing a test before left behind (a position, a resume question, a
 * video at its end) changes how it starts.
 */
async function openFresh(name, { sub = '', playing = true } = {}) {
  if (!page.url().startsWith(server.origin)) await page.goto(server.url)
  await leavePlayer()
  await defaultSound()
  // The tests read the library as a list (rows with their progress and marks).
  if ((await page.locator('section.library.as-list').count()) === 0) await showAsList(page)
  await forget(sub ? `${sub}/${name}` : name)
  await open(name, { sub, playing })
}

/**
 * defaultSound puts volume, mute and speed back to Go's defaults when a test
 * before (one that failed half-way, say) left them changed. The page reads
 * the settings once, so it is reloaded: first to send what it still holds,
 * then to read the defaults.
 */
async function defaultSound() {
  const s = await api('/api/settings')
  if (s.volume === 1 && !s.muted && s.rate === 1) return
  await page.reload()
  await api('/api/settings', { method: 'PUT', body: JSON.stringify({ volume: 1, muted: false, rate: 1 }) })
  await page.reload()
  await page.locator('section.library').waitFor()
}

/** waitPlaying waits until the video plays and its time moves. */
async function waitPlaying(timeout = 15_000) {
  const t = (await state()).currentTime
  await page.waitForFunction(
    ({ sel, t }) => {
      const v = document.querySelector(sel)
      return v && !v.paused && v.readyState >= 3 && v.currentTime !== t
    },
    { sel: videoSel, t },
    { timeout },
  )
}

/** pause pauses with K (if playing) and waits for the pause. */
async function pause() {
  if ((await state()).paused) return
  await page.keyboard.press('k')
  await page.waitForFunction((sel) => document.querySelector(sel).paused, videoSel)
}

/** setTime puts the video at t (test setup, as a drag of the seek bar would) and waits for the seek. */
async function setTime(t) {
  await page.evaluate(
    ({ sel, t }) =>
      new Promise((res, rej) => {
        const v = document.querySelector(sel)
        const timer = setTimeout(() => rej(new Error(`no seeked for ${t}`)), 10_000)
        v.addEventListener('seeked', () => (clearTimeout(timer), res()), { once: true })
        v.currentTime = t
      }),
    { sel: videoSel, t },
  )
}

/**
 * pressSeek presses key and waits for the seek it causes; it returns where
 * the video landed and how long from the key press to `seeked`.
 */
async function pressSeek(key) {
  await page.evaluate((sel) => {
    const v = document.querySelector(sel)
    window.__seek = new Promise((res, rej) => {
      let down = 0
      const onKey = () => (down = performance.now())
      document.addEventListener('keydown', onKey, { capture: true, once: true })
      const timer = setTimeout(() => rej(new Error('no seeked within 10 s')), 10_000)
      v.addEventListener(
        'seeked',
        () => {
          clearTimeout(timer)
          res({ t: v.currentTime, ms: performance.now() - down, paused: v.paused })
        },
        { once: true },
      )
    })
  }, videoSel)
  await page.keyboard.press(key)
  return page.evaluate(() => window.__seek)
}

/** wakeControls moves the mouse over the video so the auto-hidden controls come back. */
async function wakeControls() {
  const box = await page.locator('media-controller').boundingBox()
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 3)
  await page.mouse.move(box.x + box.width / 2 + 7, box.y + box.height / 3 + 5)
  await page.locator('media-time-range').waitFor({ state: 'visible' })
}

/** chromePaused is media-chrome's idea of the play state (its play button's). */
function chromePaused() {
  return page.locator('media-play-button').evaluate((b) => b.hasAttribute('mediapaused'))
}

/**
 * doubleClick clicks twice as a person does: media-chrome toggles play on
 * each click, so the second undoes the first, once the first has taken
 * effect. It waits for each toggle to reach media-chrome's state.
 */
async function doubleClick(x, y) {
  await page.mouse.move(x, y)
  const paused = await chromePaused()
  await page.mouse.down({ clickCount: 1 })
  await page.mouse.up({ clickCount: 1 })
  await until(async () => (await chromePaused()) !== paused, 'the first click to toggle play')
  await page.mouse.down({ clickCount: 2 })
  await page.mouse.up({ clickCount: 2 })
  await until(async () => (await chromePaused()) === paused, 'the second click to undo the first')
}

/**
 * framesShown waits until the page has presented n frames of the playing
 * video in a row, counted as the player's frame clock counts them
 * (frames.ts: consecutive frames at most 3 apart, time moving forward).
 */
async function framesShown(n) {
  await page.evaluate(({ sel, n }) => {
    const v = document.querySelector(sel)
    window.__gaps = 0
    let last = null
    const onFrame = (_now, meta) => {
      const k = last ? meta.presentedFrames - last.frames : 0
      if (last && k >= 1 && k <= 3 && meta.mediaTime > last.mediaTime) window.__gaps++
      last = { frames: meta.presentedFrames, mediaTime: meta.mediaTime }
      if (window.__gaps < n) v.requestVideoFrameCallback(onFrame)
    }
    v.requestVideoFrameCallback(onFrame)
  }, { sel: videoSel, n })
  await page.waitForFunction((n) => window.__gaps >= n, n)
}

/** tracks lists the video's text tracks with their mode and cues. */
function tracks() {
  return page.evaluate((sel) => {
    const v = document.querySelector(sel)
    return [...v.textTracks].map((t) => ({
      label: t.label,
      language: t.language,
      kind: t.kind,
      mode: t.mode,
      cues: t.cues ? [...t.cues].map((c) => ({ start: c.startTime, end: c.endTime, text: c.text })) : null,
    }))
  }, videoSel)
}

/** chooseSubtitles picks label in the captions menu ("Off" for none). */
async function chooseSubtitles(label) {
  await wakeControls()
  await page.locator('media-captions-menu-button').click()
  const menu = page.locator('media-captions-menu')
  await menu.waitFor({ state: 'visible' })
  const item = menu.locator('[role="menuitemradio"]').filter({ hasText: new RegExp(`^\\s*${label.replace(/[()]/g, '\\$&')}\\s*$`) })
  await item.click()
  await menu.waitFor({ state: 'hidden' })
}

/** showingTrack waits until exactly one track shows and its cues are loaded; it returns that track. */
async function showingTrack() {
  let all = []
  return until(async () => {
    all = await tracks()
    const on = all.filter((t) => t.mode === 'showing')
    return on.length === 1 && on[0].cues && on[0].cues.length > 0 ? on[0] : null
  }, 'one subtitle track showing with its cues').catch(async (err) => {
    const seen = all.map((t) => `${t.label}: ${t.mode}, ${t.cues?.length ?? 'no'} cues`).join('; ')
    const lang = (await api('/api/settings')).subtitleLang
    throw new Error(`${err.message}; tracks: ${seen}; remembered: ${JSON.stringify(lang)}`)
  })
}

function near(actual, expected, tol, what) {
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual}, expected ${expected} ± ${tol}`)
}

function sameCues(actual, expected, what) {
  assert.equal(actual.length, expected.length, `${what}: ${JSON.stringify(actual)}`)
  actual.forEach((c, i) => {
    near(c.start, expected[i].start, 0.001, `${what} cue ${i + 1} start`)
    near(c.end, expected[i].end, 0.001, `${what} cue ${i + 1} end`)
    assert.equal(c.text, expected[i].text, `${what} cue ${i + 1} text`)
  })
}

/** sliderX is the page x of fraction f of media-time-range's slider (inset by its padding). */
async function sliderX(f) {
  return page.locator('media-time-range').evaluate((el, f) => {
    const r = (el.range ?? el).getBoundingClientRect()
    return { x: r.left + r.width * f, y: r.top + r.height / 2 }
  }, f)
}

// --- Tests -----------------------------------------------------------------

test('the folder lists its videos in natural order', async () => {
  await page.goto(server.url)
  await showAsList(page)
  await entry('ep10.mp4').waitFor()
  const names = await listOrder()
  assert.deepEqual(names, ['ep1.mp4', 'ep2.mp4', 'ep10.mp4'])
})

test('Space and K play and pause', async () => {
  await openFresh('ep1.mp4')
  for (const key of ['Space', 'k', 'Space', 'K']) {
    const before = await state()
    await page.keyboard.press(key)
    if (before.paused) {
      await waitPlaying()
    } else {
      await page.waitForFunction((sel) => document.querySelector(sel).paused, videoSel)
      const t = (await state()).currentTime
      await mustNotHappen('the time to move while paused', 300)
      assert.equal((await state()).currentTime, t, `${key}: time moves while paused`)
    }
    // media-chrome's play button follows.
    const mediaPaused = await page.locator('media-play-button').evaluate((b) => b.hasAttribute('mediapaused'))
    assert.equal(mediaPaused, !before.paused, `${key}: play button shows the wrong state`)
  }
  assert.equal((await state()).paused, false)
})

test('the loading spinner turns only while something loads, with no SMIL left to tick (issue 8)', async () => {
  await openFresh('ep1.mp4')
  await pause()
  const look = () =>
    page.locator('media-loading-indicator').evaluate((el) => {
      const icon = el.querySelector('svg.player-spinner')
      return {
        smil: el.shadowRoot.querySelectorAll('animate, animateTransform, animateMotion, set').length,
        icon: icon !== null,
        shown: getComputedStyle(el).display !== 'none',
        turning: icon ? icon.getAnimations({ subtree: true }).filter((a) => a.playState === 'running').length : -1,
      }
    })
  const paused = await look()
  assert.deepEqual(paused, { smil: 0, icon: true, shown: false, turning: 0 }, `paused: ${JSON.stringify(paused)}`)
  // As media-chrome marks it while the video waits for data.
  await page.locator('media-loading-indicator').evaluate((el) => {
    el.removeAttribute('mediapaused')
    el.setAttribute('medialoading', '')
  })
  const loading = await look()
  assert.deepEqual(loading, { smil: 0, icon: true, shown: true, turning: 1 }, `loading: ${JSON.stringify(loading)}`)
  await page.locator('media-loading-indicator').evaluate((el) => el.removeAttribute('medialoading'))
  await until(async () => (await look()).turning === 0, 'the spinner to stop once nothing loads')
})

test('← → move 5 s and J L 10 s, within the video', async () => {
  await openFresh('ep1.mp4')
  await pause()
  await setTime(12)
  const figures = []
  for (const [key, delta] of [
    ['ArrowRight', 5],
    ['ArrowLeft', -5],
    ['l', 10],
    ['j', -10],
    ['L', 10],
    ['J', -10],
  ]) {
    const from = (await state()).currentTime
    const r = await pressSeek(key)
    figures.push(`${key} ${r.ms.toFixed(0)} ms`)
    near(r.t, from + delta, 0.01, `${key} from ${from}`)
    assert.equal(r.paused, true, `${key} started playback`)
  }
  assert.match(await osd(), /^−10 s · 0:12 \/ 0:30$/)
  // Never before the start.
  await setTime(2)
  const r = await pressSeek('ArrowLeft')
  assert.equal(r.t, 0, 'ArrowLeft at 2 s')
  const j = await pressSeek('j')
  assert.equal(j.t, 0, 'J at 0 s')
  console.log(`key seeks (key press → seeked): ${figures.join(', ')}`)
})

test('0 … 9 jump to 0 % … 90 %', async () => {
  await openFresh('ep1.mp4')
  await pause()
  const { duration } = await state()
  const figures = []
  for (const k of ['5', '9', '0', '1', '2', '3', '4', '6', '7', '8']) {
    const target = (Number(k) / 10) * duration
    const from = (await state()).currentTime
    if (Math.abs(from - target) < 0.01) continue
    const r = await pressSeek(k)
    figures.push(`${k}: ${r.ms.toFixed(0)} ms`)
    near(r.t, target, 0.01, `key ${k}`)
  }
  assert.match(await osd(), /^80 % · 0:24 \/ 0:30$/)
  console.log(`digit jumps (key press → seeked): ${figures.join(', ')}`)
})

test(', and . step one frame while paused', async () => {
  // Play until the player has measured the frame rate (24 fps, not 23.976):
  // its frame clock takes 24 frames in a row (frames.ts).
  await openFresh('ep1.mp4')
  await framesShown(24)
  // . pauses first, and steps: its seek is done before the next one starts.
  await page.keyboard.press('.')
  await page.waitForFunction((sel) => {
    const v = document.querySelector(sel)
    return v.paused && !v.seeking
  }, videoSel)
  await setTime(10)
  const frame = 1 / 24
  // The frame on screen, by requestVideoFrameCallback's media time.
  let shown = 10
  let t = 10
  for (const [key, dir] of [
    ['.', 1],
    ['.', 1],
    ['.', 1],
    [',', -1],
    [',', -1],
    [',', -1],
    [',', -1],
  ]) {
    await page.evaluate((sel) => {
      const v = document.querySelector(sel)
      window.__frame = new Promise((res) => v.requestVideoFrameCallback((_now, meta) => res(meta.mediaTime)))
    }, videoSel)
    const r = await pressSeek(key)
    assert.equal(r.paused, true, `${key} left the video playing`)
    near(r.t - t, dir * frame, frame / 2, `${key}: currentTime moved from ${t} to ${r.t}`)
    const frameTime = await page.evaluate(() => Promise.race([window.__frame, new Promise((r) => setTimeout(() => r(null), 3000))]))
    assert.ok(frameTime !== null, `${key}: no new frame was presented at ${r.t}`)
    near(frameTime, shown + dir * frame, 0.001, `${key}: the frame presented for ${r.t}`)
    assert.ok(r.t >= frameTime && r.t < frameTime + frame, `${key}: currentTime ${r.t} is not in the frame at ${frameTime}`)
    shown = frameTime
    t = r.t
  }
  await mustNotHappen('a frame step to start playback', 300)
  const s = await state()
  assert.equal(s.paused, true)
  near(shown, 10 - frame, 0.001, 'the frame after three steps forward and four back')
})

test('↑ ↓ change the volume by 5 % and M mutes', async () => {
  await openFresh('ep1.mp4')
  const volumeRange = page.locator('media-volume-range')
  const steps = [
    ['ArrowDown', 0.95, false, 'Volume 95 %'],
    ['ArrowDown', 0.9, false, 'Volume 90 %'],
    ['ArrowDown', 0.85, false, 'Volume 85 %'],
    ['ArrowUp', 0.9, false, 'Volume 90 %'],
    ['m', 0.9, true, 'Muted'],
    ['M', 0.9, false, 'Volume 90 %'],
    ['m', 0.9, true, 'Muted'],
    ['ArrowUp', 0.95, false, 'Volume 95 %'], // up unmutes
    ['ArrowUp', 1, false, 'Volume 100 %'],
    ['ArrowUp', 1, false, 'Volume 100 %'], // at most 100 %
  ]
  for (const [key, volume, muted, text] of steps) {
    await page.keyboard.press(key)
    await until(async () => {
      const s = await state()
      return Math.abs(s.volume - volume) < 1e-9 && s.muted === muted
    }, `${key} → volume ${volume}, muted ${muted}`)
    assert.equal(await osd(), text)
    assert.equal(await page.locator('.player-osd').evaluate((e) => e.classList.contains('on')), true)
    // media-chrome follows the video's volumechange event, a moment later.
    await until(async () => Math.abs(Number(await volumeRange.evaluate((r) => r.getAttribute('mediavolume'))) - volume) < 1e-6, `${key}: the volume slider at ${volume}`)
  }
})

test('[ ] and < > change the speed within 0.25× … 4×', async () => {
  await openFresh('ep1.mp4')
  const rate = () => state().then((s) => s.playbackRate)
  assert.equal(await rate(), 1)
  const up = [
    [']', 1.25],
    ['>', 1.5],
    [']', 1.75],
    ['>', 2],
    [']', 3],
    ['>', 4],
    [']', 4],
    ['>', 4],
  ]
  const down = [
    ['[', 3],
    ['<', 2],
    ['[', 1.75],
    ['<', 1.5],
    ['[', 1.25],
    ['<', 1],
    ['[', 0.75],
    ['<', 0.5],
    ['[', 0.25],
    ['<', 0.25],
    ['[', 0.25],
  ]
  for (const [key, want] of [...up, ...down]) {
    await page.keyboard.press(key)
    await until(async () => (await rate()) === want, `${key} → ${want}×`, 3000)
    assert.equal(await osd(), `${want}×`)
    const button = page.locator('media-playback-rate-menu-button')
    await until(async () => Number(await button.getAttribute('mediaplaybackrate')) === want, `the speed button to show ${want}`, 3000)
  }
  for (const key of [']', ']', ']']) await page.keyboard.press(key)
  await until(async () => (await rate()) === 1, 'back to 1×', 3000)

  // The speed menu: its lowest entry opens over the seek bar.
  const choose = async (label) => {
    await wakeControls()
    await page.locator('media-playback-rate-menu-button').click()
    const menu = page.locator('media-playback-rate-menu')
    await menu.waitFor({ state: 'visible' })
    await menu.locator('[role="menuitemradio"]').filter({ hasText: new RegExp(`^\\s*${label}\\s*$`) }).click()
    await menu.waitFor({ state: 'hidden' })
  }
  await choose('4x')
  await until(async () => (await rate()) === 4, 'the menu’s 4×', 3000)
  await choose('1x')
  await until(async () => (await rate()) === 1, 'the menu’s 1×', 3000)
})

test('F and double-click toggle fullscreen; Esc leaves it, then the player', async () => {
  const fs = () =>
    page.evaluate(() => ({
      element: document.fullscreenElement !== null,
      cls: document.querySelector('section.player')?.classList.contains('is-fullscreen') ?? false,
      button: document.querySelector('media-fullscreen-button')?.hasAttribute('mediaisfullscreen') ?? false,
    }))
  const on = { element: true, cls: true, button: true }
  const off = { element: false, cls: false, button: false }
  await openFresh('ep1.mp4')
  assert.deepEqual(await fs(), off)
  await page.keyboard.press('f')
  await until(async () => (await fs()).element, 'fullscreen after F')
  assert.deepEqual(await fs(), on)
  await page.keyboard.press('F')
  await until(async () => !(await fs()).element, 'no fullscreen after F again')
  assert.deepEqual(await fs(), off)

  // Double-click on the picture: fullscreen, and the video keeps playing.
  if ((await state()).paused) {
    await page.keyboard.press('k')
    await waitPlaying()
  }
  const box = await page.locator(videoSel).boundingBox()
  await doubleClick(box.x + box.width / 2, box.y + box.height / 2)
  await until(async () => (await fs()).element, 'fullscreen after a double-click')
  assert.deepEqual(await fs(), on)
  assert.equal((await state()).paused, false, 'the double-click left the video paused')

  // Esc leaves fullscreen and stays in the player …
  await page.keyboard.press('Escape')
  await until(async () => !(await fs()).element, 'no fullscreen after Esc')
  assert.deepEqual(await fs(), off)
  assert.equal(await inLibrary(), false, 'the first Esc left the player')

  const box2 = await page.locator(videoSel).boundingBox()
  await doubleClick(box2.x + box2.width / 2, box2.y + box2.height / 2)
  await until(async () => (await fs()).element, 'fullscreen after a second double-click')
  await doubleClick(box2.x + box2.width / 2, box2.y + box2.height / 2)
  await until(async () => !(await fs()).element, 'fullscreen off after a third double-click')
  assert.equal((await state()).paused, false)

  // … and the next Esc goes back to the list, with the video selected.
  await page.keyboard.press('Escape')
  await page.locator('section.library').waitFor()
  assert.equal(await page.locator('section.player').count(), 0)
  assert.equal(await entry('ep1.mp4').getAttribute('aria-selected'), 'true')
})

test('? shows the keys and hides them again', async () => {
  await openFresh('ep1.mp4')
  const help = page.locator('.player-help')
  assert.equal(await help.isVisible(), false)
  await page.keyboard.press('?')
  await help.waitFor({ state: 'visible' })
  assert.match(await help.locator('h2').textContent(), /Keyboard shortcuts/)
  const keys = await help.locator('kbd').allTextContents()
  for (const k of ['Space', 'K', '←', '→', 'J', 'L', '0', '9', ',', '.', '↑', '↓', 'M', '[', ']', 'C', 'N', 'P', 'F', '?', 'Esc']) {
    assert.ok(keys.includes(k), `the help does not list ${k}: ${keys.join(' ')}`)
  }
  const text = await help.innerText()
  for (const words of [/Play \/ pause/, /5 seconds/, /10 seconds/, /Volume/, /Mute/, /Slower \/ faster/, /Subtitles/, /Next \/ previous video/, /Fullscreen/, /double-click/]) {
    assert.match(text, words)
  }
  await page.keyboard.press('?')
  await help.waitFor({ state: 'hidden' })
  // Esc closes it first, and stays in the player.
  await page.keyboard.press('?')
  await help.waitFor({ state: 'visible' })
  await page.keyboard.press('Escape')
  await help.waitFor({ state: 'hidden' })
  assert.equal(await inLibrary(), false)
  // The ? button does the same.
  await wakeControls()
  await page.locator('.player-help-button').click()
  await help.waitFor({ state: 'visible' })
  await page.locator('.player-help-close').click()
  await help.waitFor({ state: 'hidden' })
})

test('the controls hide while playing and come back when the mouse moves', async () => {
  await openFresh('ep1.mp4')
  const s = await state()
  if (s.paused) {
    await page.keyboard.press('k')
    await waitPlaying()
  }
  const look = () =>
    page.evaluate(() => {
      const c = document.querySelector('media-controller')
      return {
        inactive: c.hasAttribute('userinactive'),
        bottom: Number(getComputedStyle(document.querySelector('.player-bottom')).opacity),
        top: Number(getComputedStyle(document.querySelector('.player-top')).opacity),
      }
    })
  await wakeControls()
  assert.equal((await look()).inactive, false)
  await until(async () => {
    const l = await look()
    return l.inactive && l.bottom === 0 && l.top === 0
  }, 'the controls to hide after 2 s without a mouse move', 6000)
  const box = await page.locator('media-controller').boundingBox()
  await page.mouse.move(box.x + 100, box.y + 100)
  await page.mouse.move(box.x + 140, box.y + 120)
  await until(async () => {
    const l = await look()
    return !l.inactive && l.bottom === 1 && l.top === 1
  }, 'the controls to come back on a mouse move', 3000)
  // Paused, they stay.
  await pause()
  await mustNotHappen('the controls to hide while paused (they hide 2 s after the last move while playing)', 2500)
  const l = await look()
  assert.equal(l.bottom, 1, 'the controls hid while paused')
  await page.keyboard.press('k')
  await waitPlaying()
})

test('hovering the seek bar previews the frame and its time', async () => {
  await openFresh('ep1.mp4')
  const { duration } = await state()
  await wakeControls()
  const preview = page.locator('.player-preview')
  const figures = []
  for (const f of [0.2, 0.5, 0.8, 0.35, 0.65, 0.1, 0.9, 0.45]) {
    const { x, y } = await sliderX(f)
    const target = f * duration
    await page.mouse.move(x, y, { steps: 2 })
    const forTarget = (d) => d.target && Math.abs(Number(d.target) - target) < 0.3
    // The first frame shown: a storyboard frame near the time, or the exact one.
    const first = await until(async () => {
      const d = await preview.evaluate((e) => ({ ...e.dataset }))
      return forTarget(d) ? d : null
    }, `a preview near ${target.toFixed(2)} s`)
    figures.push(Number(first.ms))
    const got = await until(async () => {
      const d = await preview.evaluate((e) => ({ ...e.dataset }))
      return forTarget(d) && d.source === 'exact' ? d : null
    }, `the exact preview frame for ${target.toFixed(2)} s`)
    // fastSeek lands on the key frame at or before the time: one a second.
    near(Number(got.time), target, 1.05, `preview frame for ${target.toFixed(2)} s`)
    const frame = await page.locator('.player-preview-frame').boundingBox()
    assert.ok(frame && frame.width > 100 && frame.height > 50, `preview frame not shown: ${JSON.stringify(frame)}`)
    // The time under the frame is the time under the pointer.
    const label = await page.locator('.player-preview-time').evaluate((el) => ({
      time: Number(el.getAttribute('mediapreviewtime')),
      text: [...el.shadowRoot.childNodes].filter((n) => n.localName !== 'style').map((n) => n.textContent).join('').trim(),
    }))
    near(label.time, Number(got.target), 0.01, 'preview time')
    const sec = Math.floor(label.time)
    assert.equal(label.text, `0:${String(sec).padStart(2, '0')}`, 'preview time shown')
  }
  const sorted = [...figures].sort((a, b) => a - b)
  const median = sorted[Math.floor(sorted.length / 2)]
  console.log(`seek preview latency (pointer move → first preview frame shown), ms: ${figures.join(', ')}; median ${median}, max ${sorted.at(-1)}`)
  assert.ok(median < 150, `median preview latency ${median} ms (target < 150 ms)`)
})

test('the seek preview never shows a frame under a time it does not belong to', async () => {
  await openFresh('ep1.mp4')
  const { duration } = await state()
  await wakeControls()
  // From the first pointer move at x on, every animation frame for a while:
  // what the box shows, and for which time. The watch is in place before the
  // move is sent (input and script reach the page by different routes).
  const watch = (x) =>
    page.evaluate((x) => {
      const frame = document.querySelector('.player-preview-frame')
      const box = document.querySelector('.player-preview')
      const seen = []
      window.__previewSeen = new Promise((resolve) => {
        let end = 0
        const look = () => {
          seen.push({ hidden: frame.hidden, target: box.dataset.target ?? null })
          if (performance.now() < end) requestAnimationFrame(look)
          else resolve(seen)
        }
        const moved = (e) => {
          if (Math.abs(e.clientX - x) > 2) return
          window.removeEventListener('pointermove', moved, true)
          end = performance.now() + 700
          // The frame after the move is the first that must show it.
          requestAnimationFrame(() => requestAnimationFrame(look))
        }
        window.addEventListener('pointermove', moved, true)
        // No move seen: say so rather than wait for ever.
        setTimeout(() => end === 0 && resolve(seen), 3000)
      })
    }, x)
  for (const [from, to] of [
    [0.15, 0.85],
    [0.7, 0.3],
  ]) {
    const a = await sliderX(from)
    await page.mouse.move(a.x, a.y, { steps: 2 })
    await until(async () => {
      const d = await page.locator('.player-preview').evaluate((e) => ({ ...e.dataset }))
      return d.source === 'exact' && Math.abs(Number(d.target) - from * duration) < 0.3
    }, `the exact frame at ${from}`)
    const b = await sliderX(to)
    await watch(b.x)
    await page.mouse.move(b.x, b.y)
    // Shown, the box is for the time under the pointer: its own frame, or a
    // storyboard frame that carries its own time (issue 8). Else it is empty.
    const target = to * duration
    const frames = await page.evaluate(() => window.__previewSeen)
    for (const f of frames) {
      if (f.hidden) continue
      assert.ok(Math.abs(Number(f.target) - target) < 0.3, `pointer at ${target.toFixed(2)} s, the box shows a frame for ${f.target} s`)
    }
    assert.ok(frames.length > 0, `no pointer move at x=${b.x} seen by the page`)
    assert.ok(frames.some((f) => !f.hidden), `nothing shown within 0.7 s at ${target.toFixed(2)} s`)
  }
})

test('a key brings the hidden controls back at once', async () => {
  await openFresh('ep1.mp4')
  const s = await state()
  if (s.paused) {
    await page.keyboard.press('k')
    await waitPlaying()
  }
  // Off the controls (they stay while hovered), then still.
  const box = await page.locator('media-controller').boundingBox()
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await until(() => page.evaluate(() => document.querySelector('media-controller').hasAttribute('userinactive')), 'the controls to hide', 6000)
  // The watch is in place before the key is sent: input and script reach
  // the page by different routes, so a key sent alongside could come first.
  await page.evaluate(() => {
    const c = document.querySelector('media-controller')
    window.__controlsShown = new Promise((resolve, reject) => {
      // A deadline, so that controls that never come back fail the test rather than hang it.
      setTimeout(() => reject(new Error('the controls did not come back within 10 s of the key')), 10_000)
      let pressed = 0
      window.addEventListener('keydown', (e) => (pressed = e.timeStamp), { once: true, capture: true })
      new MutationObserver((_, o) => {
        if (c.hasAttribute('userinactive')) return
        o.disconnect()
        requestAnimationFrame((t) => resolve({ ms: t - pressed, opacity: Number(getComputedStyle(document.querySelector('.player-bottom')).opacity) }))
      }).observe(c, { attributes: true, attributeFilter: ['userinactive'] })
    })
  })
  // Down and up again: the volume ends where it was, and the settings say so.
  const before = (await state()).volume
  await page.keyboard.press('ArrowDown')
  const got = await page.evaluate(() => window.__controlsShown)
  await page.keyboard.press('ArrowUp')
  const back = `the volume back at ${Math.round(before * 100)} %`
  await until(async () => Math.abs((await state()).volume - before) < 1e-6, back)
  await until(async () => Math.abs((await api('/api/settings')).volume - before) < 1e-6, `${back}, saved`)
  console.log(`controls shown ${got.ms.toFixed(0)} ms after the key`)
  assert.equal(got.opacity, 1, 'the controls are drawn in the first frame after the key, not faded in')
})

test('N and P play the next and previous video in the order of the list', async () => {
  await openFresh('ep1.mp4')
  const counter = () => page.locator('.player-counter').textContent()
  assert.equal(await counter(), '1 / 3')
  assert.equal(await page.locator('.player-bar .player-btn[title^="Previous"]').isDisabled(), true)
  for (const [key, name, n] of [
    ['n', 'ep2.mp4', '2 / 3'],
    ['N', 'ep10.mp4', '3 / 3'],
  ]) {
    await page.keyboard.press(key)
    await until(async () => (await title()) === name, `${key} → ${name}`)
    await waitPlaying()
    assert.equal(await counter(), n)
    assert.match((await state()).src, new RegExp(`/media/${ids[name]}\\b`))
  }
  assert.equal(await page.locator('.player-bar .player-btn[title^="Next"]').isDisabled(), true)
  await page.keyboard.press('n')
  await until(async () => (await osd()) === 'This is the last video in the folder', 'the last-video note')
  assert.equal(await title(), 'ep10.mp4')
  for (const [key, name] of [
    ['p', 'ep2.mp4'],
    ['P', 'ep1.mp4'],
  ]) {
    await page.keyboard.press(key)
    await until(async () => (await title()) === name, `${key} → ${name}`)
    await waitPlaying()
  }
  await page.keyboard.press('p')
  await until(async () => (await osd()) === 'This is the first video in the folder', 'the first-video note')

  // Sorted by date the order is ep10, ep1, ep2, and so is N's.
  await toLibrary()
  await page.locator('section.library .sort-select').selectOption('date')
  await until(
    async () =>
      JSON.stringify(await listOrder()) ===
      JSON.stringify(['ep10.mp4', 'ep1.mp4', 'ep2.mp4']),
    'the list sorted by date',
  )
  await open('ep10.mp4')
  assert.equal(await counter(), '1 / 3')
  await page.keyboard.press('n')
  await until(async () => (await title()) === 'ep1.mp4', 'N → ep1.mp4 by date')
  await page.keyboard.press('n')
  await until(async () => (await title()) === 'ep2.mp4', 'N → ep2.mp4 by date')
  await toLibrary()
  await page.locator('section.library .sort-select').selectOption('name')
  await until(
    async () => (await listOrder())[0] === 'ep1.mp4',
    'the list sorted by name again',
  )
})

test('sidecar .srt (Latin-1, CRLF, italics), .vtt and .en.srt are offered with the right cues', async () => {
  await openFresh('ep1.mp4')
  await until(async () => (await tracks()).length === 3, 'three text tracks')
  const all = await tracks()
  assert.deepEqual(
    all.map((t) => t.mode),
    ['disabled', 'disabled', 'disabled'],
    'a track shows before one was chosen',
  )
  const labels = all.map((t) => t.label)
  assert.equal(new Set(labels).size, 3, `the tracks cannot be told apart: ${JSON.stringify(labels)}`)
  assert.deepEqual(labels, ['Subtitles (SRT)', 'Subtitles (VTT)', 'English'])
  assert.deepEqual(
    all.map((t) => t.language),
    ['', '', 'en'],
  )
  // The captions menu offers Off and the three tracks.
  await wakeControls()
  await page.locator('media-captions-menu-button').click()
  const items = await page.locator('media-captions-menu [role="menuitemradio"]').allTextContents()
  await page.keyboard.press('Escape') // closes the menu, not the player
  await page.locator('media-captions-menu').waitFor({ state: 'hidden' })
  assert.equal(await inLibrary(), false, 'Esc in the menu left the player')
  assert.deepEqual(
    items.map((s) => s.trim()),
    ['Off', ...labels],
  )

  const expected = [srtLatin1Cues, vttCues, englishCues]
  for (let i = 0; i < 3; i++) {
    await chooseSubtitles(labels[i])
    const shown = await showingTrack()
    assert.equal(shown.label, labels[i], 'the menu showed another track')
    sameCues(shown.cues, expected[i], labels[i])
  }
})

test('C turns subtitles off and back on', async () => {
  // A track on screen to start from: the remembered one, else English.
  await openFresh('ep1.mp4')
  await until(async () => (await tracks()).length === 3, 'three text tracks')
  if (!(await tracks()).some((t) => t.mode === 'showing')) await chooseSubtitles('English')
  const before = await showingTrack()
  await page.keyboard.press('c')
  await until(async () => (await tracks()).every((t) => t.mode !== 'showing'), 'subtitles off after C')
  assert.equal(await osd(), 'Subtitles off')
  await page.keyboard.press('C')
  const again = await showingTrack()
  assert.equal(again.label, before.label, 'C brought back another track')
  assert.equal(await osd(), `Subtitles: ${before.label}`)
  // A video with none says so.
  await page.keyboard.press('n')
  await page.keyboard.press('n')
  await until(async () => (await title()) === 'ep10.mp4', 'ep10.mp4')
  await page.keyboard.press('c')
  await until(async () => (await osd()) === 'No subtitles for this video', 'the no-subtitles note')
})

test('the subtitle choice is remembered after a reload', async () => {
  await openFresh('ep1.mp4')
  await until(async () => (await tracks()).length === 3, 'three text tracks')
  const all = await tracks()
  const labels = all.map((t) => t.label)
  for (const i of [1, 0, 2]) {
    const on = (await tracks()).find((t) => t.mode === 'showing')
    if (on?.label !== labels[i]) await chooseSubtitles(labels[i])
    assert.equal((await showingTrack()).label, labels[i])
    // The settings are saved a moment after the change: what they remember
    // of a track is its language, else its label (subtitles.ts trackKey).
    const key = all[i].language || all[i].label
    await until(async () => (await api('/api/settings')).subtitleLang === key, `the choice of ${labels[i]} saved`)
    await page.reload()
    await showAsList(page).catch(() => {})
    await open('ep1.mp4')
    const shown = await showingTrack()
    assert.equal(shown.label, labels[i], `after a reload another track shows than ${labels[i]}`)
  }
  // Off is remembered too.
  await page.keyboard.press('c')
  await until(async () => (await tracks()).every((t) => t.mode !== 'showing'), 'subtitles off')
  await until(async () => (await api('/api/settings')).subtitleLang === 'off', 'the settings to say off')
  await page.reload()
  await open('ep1.mp4')
  await until(async () => (await tracks()).length === 3, 'three text tracks')
  await mustNotHappen('a track to turn on when Off was remembered', 500)
  assert.deepEqual(
    (await tracks()).map((t) => t.mode),
    ['disabled', 'disabled', 'disabled'],
  )
})

test('a track named at length is remembered, and so are the settings after it', async () => {
  await openFresh('ep2.mp4')
  await until(async () => (await tracks()).length === 1, 'the commentary track')
  await page.keyboard.press('c')
  const shown = await showingTrack()
  assert.equal(shown.label, commentary)
  sameCues(shown.cues, [{ start: 1, end: 3, text: 'Director speaking' }], commentary)
  await until(async () => (await api('/api/settings')).subtitleLang === commentary, 'the choice saved')
  // Later changes are saved too.
  await page.keyboard.press('ArrowDown')
  await until(async () => (await api('/api/settings')).volume === 0.95, 'the volume saved after the choice')
  await page.keyboard.press('ArrowUp')
  await until(async () => (await api('/api/settings')).volume === 1, 'the volume saved back at 100 %')
  await page.reload()
  await open('ep2.mp4')
  assert.equal((await showingTrack()).label, commentary)
  await page.keyboard.press('c')
  await until(async () => (await api('/api/settings')).subtitleLang === 'off', 'subtitles off saved')
})

test('the position is saved, shown in the list, and offered back after a reload', async () => {
  const id = ids['ep1.mp4']
  // Leave the player (which saves where it was), then give ep1 a position
  // of its own, so that opening it offers to resume whatever ran before.
  await leavePlayer()
  await forget('ep1.mp4')
  await api(`/api/position/${id}`, { method: 'PUT', body: JSON.stringify({ position: 9, duration: 30 }) })
  await open('ep1.mp4')
  const prompt = page.locator('.player-resume')
  await prompt.waitFor({ state: 'visible', timeout: 5000 })
  assert.equal((await prompt.locator('.player-prompt-text').textContent()).trim(), 'Resume at 0:09')
  await prompt.getByRole('button', { name: 'Start over' }).click()
  await prompt.waitFor({ state: 'hidden' })
  const landed = await pressSeek('4')
  // The save after the seek is in, and the video plays on from there.
  await until(async () => (await api(`/api/position/${id}`)).position >= landed.t - 0.05, `the position ${landed.t} saved after the seek`)
  await waitPlaying()
  // Saved when paused …
  await pause()
  const paused = (await state()).currentTime
  assert.ok(paused > 12 && paused < 14, `paused at ${paused}`)
  const saved = await until(async () => {
    const p = await api(`/api/position/${id}`)
    return Math.abs(p.position - paused) < 0.05 ? p : null
  }, `position ${paused} saved`)
  near(saved.duration, 30, 0.1, 'saved duration')
  assert.equal(saved.watched, false)

  // … and when the page goes away while it plays (between the saves every 5 s).
  await page.keyboard.press('k')
  await waitPlaying()
  // Played on well past the saved pause, so that save cannot pass for the one at the reload.
  await until(async () => (await state()).currentTime > paused + 1.5, `the video 1.5 s past ${paused}`)
  const playedTo = (await state()).currentTime
  await page.reload()
  const left = await until(async () => {
    const p = await api(`/api/position/${id}`)
    return p.position >= playedTo - 0.05 ? p : null
  }, `the position at the reload (${playedTo.toFixed(2)} s) saved`, 3000)
  assert.ok(left.position < playedTo + 1, `saved ${left.position}, left at ${playedTo}`)
  const at = left.position

  await page.locator('section.library').waitFor()
  // The row shows how far it got, and "Continue watching" lists it.
  const bar = entry('ep1.mp4').locator('.mini-progress')
  await bar.waitFor({ state: 'visible' })
  const width = await bar.locator('i').evaluate((i) => parseFloat(i.style.width))
  near(width, (at / 30) * 100, 1, 'progress bar width %')
  const cw = page.locator('section.library .continue .cw-item[data-name="ep1.mp4"]')
  await cw.waitFor({ state: 'visible' })
  assert.match(await cw.textContent(), /0:1\d left/)
  await showAsGrid(page)
  const card = entry('ep1.mp4')
  await card.locator('.progress').waitFor({ state: 'visible' })
  assert.equal(await card.locator('.badge.seen').isVisible(), false)
  await showAsList(page)

  await open('ep1.mp4')
  await prompt.waitFor({ state: 'visible' })
  const mm = `0:${String(Math.floor(at)).padStart(2, '0')}`
  assert.equal((await prompt.locator('.player-prompt-text').textContent()).trim(), `Resume at ${mm}`)
  assert.ok((await state()).currentTime < 5, 'it jumped before the answer')
  await prompt.getByRole('button', { name: 'Resume', exact: true }).click()
  await prompt.waitFor({ state: 'hidden' })
  await until(async () => Math.abs((await state()).currentTime - at) < 1, `the video at ${at}`)
  await waitPlaying()
})

test('"Always resume" resumes, and from then on the video starts where it stopped', async () => {
  const id = ids['ep1.mp4']
  // ep1 playing at 13 s, the seek's save in.
  await openFresh('ep1.mp4')
  await setTime(13)
  await until(async () => (await api(`/api/position/${id}`)).position >= 13 - 0.05, 'the position saved after the seek')
  await pause()
  const at = (await state()).currentTime
  await until(async () => Math.abs((await api(`/api/position/${id}`)).position - at) < 0.05, 'the position saved')
  try {
    // Asked once more: this time the answer is "Always resume".
    await page.reload()
    await open('ep1.mp4', { playing: false })
    const prompt = page.locator('.player-resume')
    await prompt.waitFor({ state: 'visible' })
    await prompt.getByRole('button', { name: 'Always resume', exact: true }).click()
    await prompt.waitFor({ state: 'hidden' })
    await until(async () => Math.abs((await state()).currentTime - at) < 1, `the video at ${at}`)
    await until(async () => (await api('/api/settings')).resume === 'always', 'the setting saved')
    await pause()
    const again = (await state()).currentTime
    await until(async () => Math.abs((await api(`/api/position/${id}`)).position - again) < 0.05, 'the position saved')

    await page.reload()
    await open('ep1.mp4', { playing: false })
    await until(async () => Math.abs((await state()).currentTime - again) < 1, `the video at ${again}`)
    assert.equal(await page.locator('.player-resume').isVisible(), false, 'it asked anyway')
    assert.match(await osd(), /^Resumed at 0:1\d · 0 starts over$/)
    await waitPlaying()
  } finally {
    await api('/api/settings', { method: 'PUT', body: JSON.stringify({ resume: 'ask' }) })
  }
  await page.reload()
})

test('a video stopped past 95 % is marked watched', async () => {
  const id = ids['ep2.mp4']
  // ep1 started and not finished, for the Continue watching row.
  await leavePlayer()
  await forget('ep1.mp4')
  await api(`/api/position/${ids['ep1.mp4']}`, { method: 'PUT', body: JSON.stringify({ position: 9, duration: 30 }) })
  await openFresh('ep2.mp4')
  await pause()
  // Click the seek bar at 97 %.
  await wakeControls()
  const { x, y } = await sliderX(0.97)
  await page.mouse.click(x, y)
  await until(async () => (await state()).currentTime > 0.96 * 8, 'the click to seek to 97 %')
  // Stopping there (going back to the list) is what marks it (issue 13).
  await toLibrary()
  const p = await until(async () => {
    const p = await api(`/api/position/${id}`)
    return p.watched ? p : null
  }, 'ep2 marked watched')
  assert.ok(p.position >= 0.95 * p.duration, JSON.stringify(p))
  await page.reload()
  const row = entry('ep2.mp4')
  await row.locator('.seen-mark').waitFor({ state: 'visible' })
  assert.equal(await row.locator('.mini-progress').isVisible(), false)
  await page.locator('section.library .continue .cw-item[data-name="ep1.mp4"]').waitFor()
  assert.equal(await page.locator('section.library .continue .cw-item[data-name="ep2.mp4"]').count(), 0)
  await showAsGrid(page)
  await entry('ep2.mp4').locator('.badge.seen').waitFor({ state: 'visible' })
  await showAsList(page)
  // A watched video starts from the beginning without asking.
  await open('ep2.mp4')
  assert.equal(await page.locator('.player-resume').isVisible(), false)
  assert.ok((await state()).currentTime < 3)
})

test('volume, mute and speed are remembered after a reload', async () => {
  await openFresh('ep10.mp4')
  for (const key of ['ArrowDown', 'ArrowDown', 'm', ']', ']']) await page.keyboard.press(key)
  await until(async () => {
    const s = await state()
    return Math.abs(s.volume - 0.9) < 1e-9 && s.muted && s.playbackRate === 1.5
  }, 'volume 90 %, muted, 1.5×')
  await until(async () => {
    const s = await api('/api/settings')
    return Math.abs(s.volume - 0.9) < 1e-9 && s.muted && s.rate === 1.5
  }, 'the settings saved')
  await page.reload()
  await open('ep10.mp4')
  await until(async () => {
    const s = await state()
    return Math.abs(s.volume - 0.9) < 1e-9 && s.muted && s.playbackRate === 1.5
  }, 'volume 90 %, muted, 1.5× after the reload')
  assert.equal(await page.locator('media-mute-button').getAttribute('mediavolumelevel'), 'off', 'the mute button')
  assert.equal(Number(await page.locator('media-playback-rate-menu-button').getAttribute('mediaplaybackrate')), 1.5)
  // The next video keeps them too.
  await page.keyboard.press('p')
  await until(async () => (await title()) === 'ep2.mp4', 'ep2.mp4')
  await waitPlaying()
  const s = await state()
  assert.deepEqual([s.volume, s.muted, s.playbackRate], [0.9, true, 1.5])
  for (const key of ['m', 'ArrowUp', 'ArrowUp', '[', '[']) await page.keyboard.press(key)
  await until(async () => {
    const s = await api('/api/settings')
    return s.volume === 1 && !s.muted && s.rate === 1
  }, 'the settings back to 100 %, sound on, 1×')
})

test('at the end a countdown leads to the next video', async () => {
  await openFresh('ep1.mp4', { playing: false })
  await waitPlaying()
  const { duration } = await state()
  await setTime(duration - 0.6)
  const next = page.locator('.player-next')
  await next.waitFor({ state: 'visible' })
  const shownAt = Date.now()
  assert.equal(await next.locator('.player-next-name').textContent(), 'ep2.mp4')
  assert.match(await next.locator('.player-next-secs').textContent(), /^[45]…$/)
  const s = await state()
  assert.equal(s.paused, true)
  assert.ok(s.currentTime > duration - 0.3, `stopped at ${s.currentTime}`)
  await until(async () => (await title()) === 'ep2.mp4', 'ep2.mp4 to start', 8000)
  const waited = Date.now() - shownAt
  await waitPlaying()
  assert.equal(await next.isVisible(), false)
  assert.ok(waited > 3500 && waited < 6500, `the next video came after ${waited} ms, not about 5 s`)
  assert.equal((await api(`/api/position/${ids['ep1.mp4']}`)).watched, true, 'ep1 is not marked watched')
})

test('Cancel keeps the video that ended', async () => {
  await openFresh('ep2.mp4')
  assert.equal(await title(), 'ep2.mp4')
  const { duration } = await state()
  await setTime(duration - 0.6)
  const next = page.locator('.player-next')
  await next.waitFor({ state: 'visible' })
  assert.equal(await next.locator('.player-next-name').textContent(), 'ep10.mp4')
  await next.getByRole('button', { name: 'Cancel' }).click()
  await next.waitFor({ state: 'hidden' })
  await mustNotHappen('the next video to start after Cancel (the countdown was 5 s)', 5500)
  assert.equal(await title(), 'ep2.mp4')
  const s = await state()
  assert.equal(s.paused, true)
  assert.ok(s.currentTime > duration - 0.3, `at ${s.currentTime}`)
})

test('the autoplay toggle turns the countdown off', async () => {
  await openFresh('ep2.mp4')
  const toggle = page.locator('.player-toggle[title^="Play the next video automatically"]')
  await wakeControls()
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true')
  await toggle.click()
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false')
  await until(async () => (await api('/api/settings')).autoplayNext === false, 'autoplayNext saved off')
  try {
    await page.keyboard.press('0')
    if ((await state()).paused) await page.keyboard.press('k')
    await waitPlaying()
    const { duration } = await state()
    await setTime(duration - 0.6)
    await until(async () => (await state()).paused, 'the end')
    await mustNotHappen('a countdown to the next video, with autoplay off', 2000)
    assert.equal(await page.locator('.player-next').isVisible(), false, 'a countdown came with autoplay off')
    assert.equal(await title(), 'ep2.mp4')
  } finally {
    await wakeControls()
    await toggle.click()
  }
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true')
  await until(async () => (await api('/api/settings')).autoplayNext === true, 'autoplayNext saved on')
})

test('loop plays the same video again', async () => {
  await openFresh('ep2.mp4')
  const loop = page.locator('.player-toggle[title^="Loop this video"]')
  await wakeControls()
  await loop.click()
  assert.equal(await loop.getAttribute('aria-pressed'), 'true')
  assert.equal((await state()).loop, true)
  await until(async () => (await api('/api/settings')).loop === true, 'loop saved')
  try {
    await page.keyboard.press('0')
    if ((await state()).paused) await page.keyboard.press('k')
    await waitPlaying()
    const { duration } = await state()
    await setTime(duration - 0.8)
    // It goes round: the time drops back near the start and keeps moving.
    await page.waitForFunction((sel) => {
      const v = document.querySelector(sel)
      return !v.paused && v.currentTime > 0.1 && v.currentTime < 2
    }, videoSel)
    assert.equal(await title(), 'ep2.mp4')
    assert.equal(await page.locator('.player-next').isVisible(), false)
  } finally {
    await wakeControls()
    await loop.click()
  }
  assert.equal((await state()).loop, false)
  await until(async () => (await api('/api/settings')).loop === false, 'loop saved off')
})

// Issue 9: the page asks Chromium about HEVC, which it cannot decode, so the
// file plays through the H.264 transcode rather than failing or playing
// sound over a black box.
test('an HEVC file plays through the H.264 transcode, with its picture', async () => {
  await openFresh('hevc.mkv', { sub: 'Broken', playing: false })
  await until(async () => (await page.evaluate((sel) => document.querySelector(sel).dataset.rung, videoSel)) === 'h264', 'the transcode rung')
  await waitPlaying(30_000)
  assert.ok((await page.evaluate((sel) => document.querySelector(sel).videoWidth, videoSel)) > 0, 'a picture')
  assert.equal(await page.locator('.player-error').isVisible(), false)
  await page.keyboard.press('Escape')
  await page.locator('section.library').waitFor()
})

test('an HEVC file with sound plays with picture and sound, not as a black box', async () => {
  await openFresh('hevc-aac.mkv', { sub: 'Broken', playing: false })
  await waitPlaying(30_000)
  const got = await page.evaluate((sel) => {
    const v = document.querySelector(sel)
    return { rung: v.dataset.rung, w: v.videoWidth, audio: v.webkitAudioDecodedByteCount }
  }, videoSel)
  assert.equal(got.rung, 'h264')
  assert.ok(got.w > 0 && got.audio > 0, `picture ${got.w} px wide, ${got.audio} bytes of sound decoded`)
  assert.equal((await state()).error, null)
  await page.keyboard.press('Escape')
  await page.locator('section.library').waitFor()
})

test('a file deleted while it plays says so and goes back to the list', async () => {
  await openFresh('gone.mp4', { sub: 'Broken' })
  const { duration } = await state()
  const buffered = await page.evaluate((sel) => document.querySelector(sel).buffered.end(0), videoSel)
  assert.ok(buffered < 0.9 * duration, `Chromium read ${buffered} s of ${duration} s already`)
  rmSync(join(dir, 'Broken', 'gone.mp4'))
  const t0 = Date.now()
  await page.keyboard.press('9')
  const box = page.locator('.player-error')
  await box.waitFor({ state: 'visible' })
  await until(async () => /moved or deleted/.test(await box.innerText()), '“moved or deleted”')
  assert.match(await box.innerText(), /gone\.mp4 is no longer where Reel found it/)
  await page.locator('section.library').waitFor({ timeout: 10_000 })
  console.log(`deleted file: message, then back to the list after ${Date.now() - t0} ms`)
  await until(async () => (await entry('gone.mp4').count()) === 0, 'gone.mp4 to leave the list')
  await entry('hevc.mkv').waitFor()
})

test('no console errors, page errors or failed requests but the deleted file’s', async () => {
  const u = watcher.unexpected()
  const isGone = (s) => goneId && s.includes(goneId) && /404/.test(s)
  // A reload while a video plays pauses it as the page goes: the save that
  // pause starts is cancelled with the page, after the one sent on pagehide
  // (keepalive) has carried the position, as the resume test checks.
  const reloadCut = (r) => r.error === 'net::ERR_ABORTED' && new URL(r.url).pathname.startsWith('/api/position/')
  const cut = u.requests.filter(reloadCut)
  if (cut.length) console.log(`${cut.length} position save(s) cancelled by a reload`)
  u.requests = u.requests.filter((r) => !reloadCut(r))
  const gone = [...u.console, ...u.requests.map((r) => `${r.url} ${r.error}`)].filter(isGone)
  if (gone.length) console.log(`expected: ${gone.length} 404 report(s) for the deleted file`)
  assert.deepEqual(u.page, [], 'page errors')
  assert.deepEqual(u.console.filter((m) => !isGone(m)), [], 'console errors')
  assert.deepEqual(
    u.requests.filter((r) => !isGone(`${r.url} ${r.error}`)),
    [],
    'failed requests',
  )
  assert.doesNotMatch(redact(server.stderr()), /panic/i, 'server stderr')
})
