// Issue 13: the pointer in the player — the mouse wheel changes the volume
// (as in VLC and IINA) as the settings say, the gear opens the settings
// panel, and no tooltip outlives the page it belongs to. In Chromium
// against `reel serve`, each test on its own clip made here with ffmpeg.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, beforeEach, test } from 'node:test'
import { api, makeClips, putJSON, startSession, until } from './helpers.mjs'

const names = ['volume.mp4', 'trackpad.mp4', 'setting.mp4', 'seekbar.mp4', 'gear.mp4', 'tooltip.mp4']

let dir
let session
let server
let page

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'reel-pointer-'))
  makeClips(dir, names, 40)
  session = await startSession({ dir, ensure: false, contextOptions: { viewport: { width: 1280, height: 720 }, locale: 'en-US' } })
  ;({ server, page } = session)
})

after(async () => {
  await session?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

beforeEach(async () => {
  await putJSON(server, '/api/settings', { volume: 0.5, muted: false, wheel: 'volume', resume: 'ask' })
})

const video = 'section.player video'
const osd = () => page.locator('.player-osd-text').textContent()

/** volume is the <video>'s volume, in whole per cent. */
function volume() {
  return page.evaluate((sel) => Math.round(document.querySelector(sel).volume * 100), video)
}

/** open plays name from a fresh library page, and puts the mouse over the picture. */
async function open(name) {
  await page.goto(server.url)
  const card = page.locator(`section.library .rows > .video[data-name="${name}"]`)
  await card.waitFor()
  await card.dblclick()
  await page.waitForFunction((sel) => {
    const v = document.querySelector(sel)
    return v && !v.paused && v.currentTime > 0.2
  }, video)
  await until(async () => (await volume()) === 50, 'the remembered volume (50 %) applied')
  await page.mouse.move(640, 300)
}

/** wheel turns the wheel by dy pixels over the picture and says whether the page let it scroll. */
async function wheel(dy) {
  await page.evaluate(() => {
    window.__wheel = []
    addEventListener('wheel', (e) => window.__wheel.push(e.defaultPrevented), { once: true })
  })
  await page.mouse.wheel(0, dy)
  return until(() => page.evaluate(() => window.__wheel.length > 0 && { prevented: window.__wheel[0] }), 'the wheel event')
}

test('the wheel over the picture changes the volume a step a notch, with the OSD, and scrolls nothing', async () => {
  await open('volume.mp4')
  const up = await wheel(-100)
  await until(async () => (await volume()) === 55, 'a notch up: 55 %')
  assert.equal(up.prevented, true, 'the wheel was left to scroll the page')
  assert.equal(await osd(), 'Volume 55 %')
  // A hard spin down is a step a notch, and the volume stops at 0.
  for (let i = 0; i < 3; i++) await wheel(100)
  await until(async () => (await volume()) === 40, 'three notches down: 40 %')
  for (let i = 0; i < 12; i++) await wheel(400)
  await until(async () => (await volume()) === 0, 'down to 0 %')
  assert.equal(await page.evaluate(() => document.scrollingElement.scrollTop), 0)
  await until(async () => (await api(server, '/api/settings')).volume === 0, 'the volume saved as set with the wheel')
})

test('a trackpad’s small deltas add up to a step', async () => {
  await open('trackpad.mp4')
  for (let i = 0; i < 4; i++) await wheel(-10)
  await page.waitForTimeout(100)
  assert.equal(await volume(), 50, '40 px of a swipe changed the volume')
  await wheel(-10)
  await until(async () => (await volume()) === 55, 'the fifth 10 px made a step')
})

test('the wheel follows the setting: seek, or nothing', async () => {
  await open('setting.mp4')
  const panel = page.locator('dialog.settings-panel')
  await page.keyboard.press('Control+,')
  await panel.getByRole('radio', { name: 'Does nothing' }).check()
  await until(async () => (await api(server, '/api/settings')).wheel === 'none', 'none saved')
  await page.keyboard.press('Escape')
  await panel.waitFor({ state: 'hidden' })
  const none = await wheel(-100)
  await page.waitForTimeout(200)
  assert.equal(await volume(), 50, 'the wheel changed the volume when set to do nothing')
  assert.equal(none.prevented, false, 'a wheel that does nothing was kept from the page')

  await page.keyboard.press('Control+,')
  await panel.getByRole('radio', { name: 'Seeks' }).check()
  await until(async () => (await api(server, '/api/settings')).wheel === 'seek', 'seek saved')
  await page.keyboard.press('Escape')
  await panel.waitFor({ state: 'hidden' })
  await page.evaluate((sel) => {
    const v = document.querySelector(sel)
    v.pause()
    v.currentTime = 20
  }, video)
  await page.waitForFunction((sel) => !document.querySelector(sel).seeking, video)
  await wheel(-100)
  await until(() => page.evaluate((sel) => Math.abs(document.querySelector(sel).currentTime - 25) < 0.5, video), 'a notch up: +5 s')
  assert.equal(await volume(), 50)
})

test('the seek bar keeps the wheel: over it the volume does not change', async () => {
  await open('seekbar.mp4')
  await page.mouse.move(640, 500)
  const range = page.locator('media-time-range')
  await range.waitFor({ state: 'visible' })
  const box = await range.boundingBox()
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await wheel(-100)
  await page.waitForTimeout(200)
  assert.equal(await volume(), 50)
})

test('the player has the gear: it opens the same settings panel as the library’s and Ctrl+,', async () => {
  await open('gear.mp4')
  await page.mouse.move(640, 200)
  const gear = page.locator('section.player .player-settings-button')
  await gear.waitFor({ state: 'visible' })
  assert.equal(await gear.getAttribute('title'), 'Settings (Ctrl+,)')
  await gear.click()
  const panel = page.locator('dialog.settings-panel')
  await panel.waitFor({ state: 'visible' })
  assert.equal(await page.locator('dialog.settings-panel').count(), 1, 'a second panel')
  assert.equal(await panel.getByRole('radio', { name: 'Changes the volume' }).isChecked(), true)
  await page.keyboard.press('Escape')
  await panel.waitFor({ state: 'hidden' })
  assert.equal(await page.locator('section.player').count(), 1, 'Escape in the panel also left the player')
  await page.keyboard.press('Control+,')
  await panel.waitFor({ state: 'visible' })
  await panel.getByRole('button', { name: 'Done' }).click()
  await panel.waitFor({ state: 'hidden' })
  assert.equal(await page.locator('section.player').count(), 1)
})
