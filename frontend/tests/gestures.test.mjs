// Issue 13: every gesture does what a player's user expects. In Chromium
// against `reel serve`, on the folder makeLibrary() builds (helpers.mjs):
//   ep1.mp4, ep2.mp4, ep10.mp4, Zeta.mkv, Season 2/ with s2e1.mp4 … s2e8.mp4.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { api, makeLibrary, putJSON, showAsGrid, startServer, startSession, until } from './helpers.mjs'

const contextOptions = { viewport: { width: 1280, height: 720 }, locale: 'en-US', timezoneId: 'UTC' }

let lib
let session
let server
let page

before(async () => {
  lib = makeLibrary()
  session = await startSession({ dir: lib, ensure: false, contextOptions, timeoutMs: 10_000 })
  ;({ server, page } = session)
  await page.goto(server.url)
  await page.locator('.rows > [data-index]').first().waitFor()
})

after(async () => {
  await session?.close()
  if (lib) rmSync(lib, { recursive: true, force: true })
})

/** openTop shows the opened folder afresh, with default view settings, as a grid. */
async function openTop() {
  for (const dir of ['', 'Season 2']) {
    await putJSON(server, '/api/settings/folder?dir=' + encodeURIComponent(dir), { sort: '', desc: false, filter: '', view: 'grid', recursive: false })
  }
  await page.goto(server.url)
  await page.locator('section.library .rows > .folder[title="Season 2"]').waitFor()
  await showAsGrid(page)
}

const crumb = () => page.locator('nav.crumbs button.crumb').last().textContent()
const playerOpen = () => page.locator('section.player').count()

/** centre is the middle of the Season 2 folder tile, in page pixels. */
async function folderCentre() {
  const box = await page.locator('.rows > .folder[title="Season 2"]').boundingBox()
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 }
}

/** settle gives a stray click time to do harm: the player opens within a frame or two. */
const settle = () => page.waitForTimeout(400)

test('a click selects a folder, as it selects a video; a double-click opens it', async () => {
  await openTop()
  await page.keyboard.press('End') // select something else first
  const { x, y } = await folderCentre()
  await page.mouse.click(x, y)
  await settle()
  assert.equal(await crumb(), lib.split('/').pop(), 'one click left the folder on screen')
  assert.equal(await page.locator('.rows > .folder[title="Season 2"]').getAttribute('aria-selected'), 'true', 'one click selected the folder')
  await page.mouse.dblclick(x, y)
  await page.locator('.rows > .video[data-name="s2e8.mp4"]').waitFor()
  assert.equal(await crumb(), 'Season 2')
  await settle()
  assert.equal(await playerOpen(), 0, 'a double-click on a folder played nothing')
})

test('a slow double-click on a folder opens it and plays nothing (issue 13)', async () => {
  await openTop()
  const { x, y } = await folderCentre()
  // A person's double-click: the second press comes 300 ms after the first,
  // long enough for the first to have changed the view under the pointer.
  await page.mouse.click(x, y, { clickCount: 1 })
  await page.waitForTimeout(300)
  await page.mouse.click(x, y, { clickCount: 2 })
  await page.locator('section.player, .rows > .video[data-name="s2e8.mp4"]').first().waitFor()
  await settle()
  assert.equal(await playerOpen(), 0, 'the second click played the video under the pointer')
  assert.equal(await crumb(), 'Season 2')
})

test('clicks that follow a double-click do not act on the view it opened', async () => {
  await openTop()
  const { x, y } = await folderCentre()
  await page.mouse.dblclick(x, y)
  await page.locator('.rows > .video[data-name="s2e8.mp4"]').waitFor()
  // The same hand keeps clicking (a triple-click): those presses belong to
  // the gesture that opened the folder.
  await page.mouse.dblclick(x, y)
  await settle()
  assert.equal(await playerOpen(), 0, 'a click of the gesture that opened the folder played a video in it')
})

test('Enter opens a folder and a video alike', async () => {
  await openTop()
  await page.keyboard.press('Home')
  await page.keyboard.press('Enter')
  await page.locator('.rows > .video[data-name="s2e8.mp4"]').waitFor()
  assert.equal(await crumb(), 'Season 2')
  await page.keyboard.press('Backspace')
  await page.locator('.rows > .video[data-name="ep1.mp4"]').waitFor()
  await page.locator('.rows > .video[data-name="ep1.mp4"]').dblclick()
  await page.locator('section.player').waitFor()
  await page.keyboard.press('Escape')
  await page.locator('section.library').waitFor()
})

/** idOf is the id the listing gives name, at the top of the test folder. */
async function idOf(name) {
  const l = await api(server, '/api/library')
  return l.videos.find((v) => v.name === name).id
}

/** seek moves the player's video to t seconds, paused, and waits until it got there. */
function seek(t) {
  return page.evaluate(
    (t) =>
      new Promise((resolve) => {
        const v = document.querySelector('section.player video')
        v.pause()
        v.addEventListener('seeked', () => resolve(v.currentTime), { once: true })
        v.currentTime = t
      }),
    t,
  )
}

test('a peek past 95 %, back to 30 % and Back keeps the place, unwatched (issue 13)', async () => {
  const id = await idOf('ep2.mp4') // 20 s
  await api(server, `/api/videos/${id}/watched`, { method: 'DELETE' })
  await openTop()
  await page.locator('.rows > .video[data-name="ep2.mp4"]').dblclick()
  await page.waitForFunction(() => document.querySelector('section.player video')?.readyState >= 1)
  await seek(19.2)
  await until(async () => (await api(server, `/api/position/${id}`)).position > 19, 'the peek at 96 % saved')
  await seek(6)
  await page.keyboard.press('Escape')
  await page.locator('section.library').waitFor()
  const p = await until(async () => {
    const p = await api(server, `/api/position/${id}`)
    return Math.abs(p.position - 6) < 0.5 && p
  }, 'the stop at 30 % saved')
  assert.equal(p.watched, false, `after a peek at the end and a stop at 30 %: ${JSON.stringify(p)}`)
})

test('POST and DELETE /api/videos/{id}/watched mark a video watched and unwatched in the library', async () => {
  const id = await idOf('ep10.mp4')
  await api(server, `/api/videos/${id}/watched`, { method: 'POST' })
  await openTop()
  await page.locator('.rows > .video[data-name="ep10.mp4"] .badge.seen').waitFor({ state: 'visible' })
  await api(server, `/api/videos/${id}/watched`, { method: 'DELETE' })
  await page.evaluate(() => document.dispatchEvent(new CustomEvent('reel:positions-changed')))
  await page.locator('.rows > .video[data-name="ep10.mp4"] .badge.seen').waitFor({ state: 'hidden' })
})

test('a recent folder that is gone shows the library\'s own page, not a raw error (issue 13)', async () => {
  const state = mkdtempSync(join(tmpdir(), 'reel-gone-state-'))
  const gone = mkdtempSync(join(tmpdir(), 'reel-gone-'))
  writeFileSync(join(gone, 'x.mp4'), 'x')
  const env = { REEL_DB: join(state, 'reel.db'), REEL_CACHE: join(state, 'cache') }
  let srv
  const p = await session.context.newPage()
  try {
    // Open the folder once, so it is among the recent ones; then it goes.
    await (await startServer({ dir: gone, ensure: false, env })).stop()
    srv = await startServer({ dir: lib, ensure: false, env })
    rmSync(gone, { recursive: true, force: true })
    await p.goto(srv.url)
    await p.locator('.rows > [data-index]').first().waitFor()
    await p.locator('.recent-btn').click()
    await p.locator(`.menu-item[data-path="${gone}"]`).click()
    const panel = p.locator('.library .message .panel.error')
    await panel.waitFor()
    assert.equal(await panel.locator('h2').textContent(), 'This folder is gone')
    assert.equal(await panel.locator('p').textContent(), `${gone} was moved or deleted.`)
    // The folder still open is one click away.
    await panel.getByRole('button', { name: `Back to ${lib.split('/').pop()}` }).click()
    await p.locator('.rows > .video[data-name="ep1.mp4"]').waitFor()
  } finally {
    await p.close()
    await srv?.stop()
    rmSync(state, { recursive: true, force: true })
  }
})
