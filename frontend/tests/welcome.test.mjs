// Issue 13: recent folders can be removed from the welcome screen, with the
// mouse or the keyboard, and the removal can be undone for a few seconds.
// In Chromium against `reel serve`; the state answer is blanked to reach
// the welcome screen, as library.test.mjs does.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { after, before, test } from 'node:test'
import { api, openBrowser, startServer } from './helpers.mjs'

let state
const folders = []
let srv
let chromium
let page

before(async () => {
  state = mkdtempSync(join(tmpdir(), 'reel-welcome-state-'))
  const env = { REEL_DB: join(state, 'reel.db'), REEL_CACHE: join(state, 'cache') }
  for (const name of ['Alpha', 'Beta', 'Gamma']) {
    const d = mkdtempSync(join(tmpdir(), `reel-welcome-${name}-`))
    writeFileSync(join(d, 'x.mp4'), 'x')
    folders.push(d)
  }
  // Each folder opened once, so all three are recent; Gamma is opened last.
  for (const d of folders.slice(0, 2)) await (await startServer({ dir: d, ensure: false, env })).stop()
  srv = await startServer({ dir: folders[2], ensure: false, env })
  chromium = await openBrowser()
  page = chromium.page
})

after(async () => {
  await chromium?.close()
  await srv?.stop()
  for (const d of folders) rmSync(d, { recursive: true, force: true })
  if (state) rmSync(state, { recursive: true, force: true })
})

/** welcome shows the welcome screen and returns the paths it lists. */
/** isState matches the state answer whatever its query (the launch asks /api/state?start=1). */
const isState = (url) => url.pathname === '/api/state'

async function welcome() {
  await page.route(isState, async (route) => {
    const res = await route.fetch()
    route.fulfill({ response: res, json: { ...(await res.json()), root: '' } })
  })
  await page.goto(srv.url)
  await page.locator('.welcome').waitFor()
  return shown()
}

const shown = () => page.locator('.welcome .recent .recent-item').evaluateAll((els) => els.map((e) => e.getAttribute('title')))
const recent = async () => (await api(srv, '/api/recent')).map((r) => r.path)

test('× removes a recent folder, Undo brings it back, and Go forgets it only when the offer ends', async () => {
  const [alpha, beta, gamma] = folders
  assert.deepEqual(await welcome(), [gamma, beta, alpha])
  await page.getByRole('button', { name: `Remove ${basename(beta)} from recent folders` }).click()
  assert.deepEqual(await shown(), [gamma, alpha])
  const toast = page.locator('.toast-undo')
  await toast.waitFor()
  assert.match(await toast.textContent(), new RegExp(`${basename(beta)} removed from recent folders`))
  await toast.getByRole('button', { name: 'Undo' }).click()
  await toast.waitFor({ state: 'detached' })
  assert.deepEqual(await shown(), [gamma, beta, alpha], 'Undo put it back in its place')
  assert.deepEqual(await recent(), [gamma, beta, alpha])
  // Removed again and the page left before the offer ends: Go forgets it.
  await page.getByRole('button', { name: `Remove ${basename(beta)} from recent folders` }).click()
  await page.unroute(isState)
  await page.goto('about:blank')
  const deadline = Date.now() + 5000
  while ((await recent()).includes(beta) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
  assert.deepEqual(await recent(), [gamma, alpha])
})

test('the keyboard reaches × with Tab, and Delete on a folder removes it', async () => {
  const [alpha, , gamma] = folders
  assert.deepEqual(await welcome(), [gamma, alpha])
  await page.locator('.welcome .recent-item').first().focus()
  await page.keyboard.press('Tab')
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), `Remove ${basename(gamma)} from recent folders`)
  await page.keyboard.press('Shift+Tab')
  await page.keyboard.press('Delete')
  assert.deepEqual(await shown(), [alpha])
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('title')), alpha, 'the keyboard moved on to the next folder')
  await page.locator('.toast-undo').getByRole('button', { name: 'Undo' }).click()
  assert.deepEqual(await shown(), [gamma, alpha])
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('title')), gamma, 'Undo gave the keyboard back to the folder')
  await page.unroute(isState)
})
