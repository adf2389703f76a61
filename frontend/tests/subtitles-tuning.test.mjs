// Issue 10 in Chromium: subtitle delay and size, as mpv's z/x. X moves the
// embedded English SRT's cues 0.1 s later per press and Z earlier, from the
// cues' own times (never adding up), the OSD says so, and the cue shows
// at its shifted time; − and + change the cues' size; the next video
// starts with no delay. A subtitle file dropped on the player joins the
// open video's tracks and shows.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { startCorpusSession, until } from './helpers.mjs'

let session

before(async () => {
  session = await startCorpusSession('reel-subtune-', { 'a-tracks.mkv': 'mkv-tracks.mkv', 'b-tracks.mkv': 'mkv-tracks.mkv' })
})

after(async () => {
  await session?.close()
})

/** english reads the English track: its first cue's times, the cue on screen, and the OSD. */
function english() {
  return session.page.evaluate(() => {
    const v = document.querySelector('section.player video')
    const el = [...v.querySelectorAll('track')].find((t) => t.label === 'English (SRT)')
    const cues = el?.track.cues
    return {
      t: v.currentTime,
      mode: el?.track.mode ?? '',
      first: cues?.length ? [cues[0].startTime, cues[0].endTime] : null,
      active: [...(el?.track.activeCues ?? [])].map((c) => c.text).join(' | '),
      osd: document.querySelector('.player-osd-text')?.textContent ?? '',
      size: document.querySelector('section.player')?.dataset.subtitleSize ?? '',
      cueRule: [...document.styleSheets].flatMap((s) => { try { return [...s.cssRules] } catch { return [] } })
        .map((r) => r.cssText).find((t) => t.includes('::cue') && t.includes('font-size')) ?? '',
    }
  })
}

/** seek puts the paused video at t and waits until it is there. */
async function seek(t) {
  await session.page.evaluate((t) => { const v = document.querySelector('section.player video'); v.pause(); v.currentTime = t }, t)
  await until(async () => Math.abs((await english()).t - t) < 0.05, `the seek to ${t} s`)
}

const near = (a, b) => Math.abs(a - b) < 1e-6

test('Z and X move the cues 0.1 s per press, − and + change their size', async () => {
  const { page } = session
  await page.locator('section.library [data-name="a-tracks.mkv"]').first().dblclick()
  await until(async () => (await english().catch(() => null))?.mode === 'disabled', 'the English track')
  await page.keyboard.press('c')
  const shown = await until(async () => {
    const s = await english()
    return s.mode === 'showing' && s.first ? s : null
  }, 'the English cues', { timeoutMs: 15_000 })
  // The SRT's 00:00:00,500 --> 00:00:05,000, on the file's own clock (the MKV starts at 0.021 s).
  const [start, end] = shown.first
  assert.ok(Math.abs(start - 0.5) < 0.05 && Math.abs(end - 5) < 0.05, `first cue ${start}–${end}`)

  for (let i = 0; i < 3; i++) await page.keyboard.press('x')
  const later = await until(async () => {
    const s = await english()
    return near(s.first[0], start + 0.3) ? s : null
  }, 'the cue 0.3 s later')
  assert.ok(near(later.first[1], end + 0.3), `end ${later.first[1]}, want ${end + 0.3}`)
  assert.equal(later.osd, 'Subtitle delay: +0.3 s')

  // 0.1 s after its own start the cue is not on yet; 0.2 s after its own end it still is.
  await seek(start + 0.1)
  assert.equal((await english()).active, '', 'no cue 0.1 s after its own start with +0.3 s')
  await seek(end + 0.2)
  await until(async () => (await english()).active === 'Hello from the English track', 'the cue 0.2 s after its own end with +0.3 s')

  // Five presses of Z: −0.2 s, from the cue's own times, not from the shifted ones.
  for (let i = 0; i < 5; i++) await page.keyboard.press('z')
  const earlier = await until(async () => {
    const s = await english()
    return near(s.first[0], start - 0.2) ? s : null
  }, 'the cue 0.2 s earlier')
  assert.ok(near(earlier.first[1], end - 0.2), `end ${earlier.first[1]}, want ${end - 0.2}`)
  assert.equal(earlier.osd, 'Subtitle delay: −0.2 s')
  await seek(end - 0.1)
  assert.equal((await english()).active, '', 'no cue 0.1 s before its own end with −0.2 s')

  // Size: two presses of + are 120 %, one of − 110 %.
  await page.keyboard.press('+')
  await page.keyboard.press('+')
  const larger = await until(async () => {
    const s = await english()
    return s.size === '1.2' ? s : null
  }, 'the size at 120 %')
  assert.equal(larger.osd, 'Subtitle size: 120 %')
  assert.match(larger.cueRule, /font-size: 120%/)
  await page.keyboard.press('-')
  const smaller = await until(async () => {
    const s = await english()
    return s.size === '1.1' ? s : null
  }, 'the size at 110 %')
  assert.equal(smaller.osd, 'Subtitle size: 110 %')

  // The next video starts with no delay: its cue at its own 0.5 s.
  await page.keyboard.press('n')
  await until(async () => {
    const s = await english().catch(() => null)
    return s && s.first && s.mode === 'showing' && near(s.first[0], start) ? s : null
  }, 'the next video with its cues at their own times', { timeoutMs: 15_000 })
})

/** drop dispatches a drop of files ({name, text}) on the player, as a drag from the desktop does. */
function drop(files) {
  return session.page.evaluate((files) => {
    const dt = new DataTransfer()
    for (const f of files) dt.items.add(new File([f.text], f.name, { type: 'text/plain' }))
    const target = document.querySelector('section.player video')
    for (const type of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }))
    }
  }, files)
}

/** tracks lists the player's tracks: label, mode, cue count and the cue on screen. */
function tracks() {
  return session.page.evaluate(() => [...document.querySelectorAll('section.player video track')].map((el) => ({
    label: el.label, mode: el.track.mode, cues: el.track.cues?.length ?? 0,
    active: [...(el.track.activeCues ?? [])].map((c) => c.text).join(' | '),
  })))
}

test('a subtitle file dropped on the player is added and shown', async () => {
  const { page } = session
  await page.keyboard.press('Escape')
  await page.locator('section.library [data-name="a-tracks.mkv"]').first().dblclick()
  await until(async () => (await tracks()).length === 2, 'the embedded tracks')

  // Not a subtitle file: nothing is added, and the OSD says why.
  await drop([{ name: 'notes.txt', text: 'hello' }])
  await until(async () => (await page.locator('.player-osd-text').textContent()) === 'Subtitles not loaded: notes.txt: it is not a subtitle file (.ass, .srt, .ssa, .vtt)', 'the OSD on notes.txt')
  // SRT with CR line ends, a BOM and a position hint: the page makes it WebVTT.
  const srt = '\uFEFF1\r\n00:00:01,000 --> 00:00:03,000 X1:10 X2:20 Y1:10 Y2:20\r\nDropped cue\r\n\r\n2\r\n00:00:04,000 --> 00:00:05,500\r\nSecond dropped cue\r\n'
  await drop([{ name: 'extra.srt', text: srt }])
  const added = await until(async () => {
    const t = await tracks()
    const x = t.find((x) => x.label === 'extra.srt (SRT)')
    return x && x.mode === 'showing' && x.cues === 2 ? t : null
  }, 'the dropped SRT shown with its two cues')
  assert.equal(added.length, 3, 'notes.txt added no track')
  assert.ok(added.filter((x) => x.mode === 'showing').length === 1, 'one track on screen')
  await until(async () => /Subtitles: extra\.srt \(SRT\)/.test(await page.locator('.player-osd-text').textContent()), 'the OSD naming it')
  await seek(2)
  await until(async () => (await tracks()).find((x) => x.label === 'extra.srt (SRT)').active === 'Dropped cue', 'the dropped cue at 2 s')

  // The delay applies to a dropped track too.
  await page.keyboard.press('x')
  await until(async () => (await english().catch(() => null)) && (await page.evaluate(() => {
    const el = [...document.querySelectorAll('section.player video track')].find((t) => t.label === 'extra.srt (SRT)')
    return Math.abs(el.track.cues[0].startTime - 1.1) < 1e-6
  })), 'the dropped cue 0.1 s later')

  // An ASS file goes to the ASS renderer, which reads the dropped text.
  const ass = '[Script Info]\nScriptType: v4.00+\n\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\nDialogue: 0,0:00:00.00,0:00:11.00,Default,,0,0,0,,Dropped ASS line\n'
  await drop([{ name: 'extra.ass', text: ass }])
  await until(async () => (await tracks()).find((x) => x.label === 'extra.ass (ASS)')?.mode === 'showing', 'the dropped ASS track shown')
})
