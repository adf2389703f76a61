// A launch onto the last folder (issue 8), in Chromium against `reel serve`:
// the first cards come from the listing the last launch kept, in the
// folder's saved sort, and the folder's own listing then takes their place
// with no blank in between and no other order shown on the way.
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { api, launchBrowser, putJSON, startServer, until } from './helpers.mjs'

const cleanups = []
after(async () => {
  for (const f of cleanups.reverse()) await f()
})

/**
 * recordOrders keeps, in window.__orders, every order of the video cards
 * the page showed (by name, in their places), from the first card on; in
 * window.__sorts the toolbar's sort each time; and counts in window.__blank
 * the times the cards all went away after that.
 */
function recordOrders() {
  window.__orders = []
  window.__blank = 0
  const look = () => {
    const cards = [...document.querySelectorAll('.card.video[data-name]')]
    if (cards.length === 0) {
      if (window.__orders.length) window.__blank++
      return
    }
    const names = cards.sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index)).map((c) => c.dataset.name)
    const order = names.join('|')
    if (window.__orders.at(-1)?.join('|') !== order) window.__orders.push(names)
    window.__sorts ??= []
    window.__sorts.push(document.querySelector('.library .sort-select')?.value ?? '')
  }
  new MutationObserver(look).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-name', 'data-index'] })
}

test('a launch onto the last folder paints its cached cards in the saved sort first', async () => {
  const work = mkdtempSync(join(tmpdir(), 'reel-launch-'))
  cleanups.push(() => rmSync(work, { recursive: true, force: true }))
  const dir = join(work, 'videos')
  mkdirSync(dir)
  // Larger with each number: by size, largest first, is the reverse of the names.
  const n = 12
  for (let i = 1; i <= n; i++) writeFileSync(join(dir, `clip ${i}.mp4`), Buffer.alloc(i * 1000))
  const env = { REEL_DB: join(work, 'reel.db'), REEL_CACHE: join(work, 'cache') }

  // The last launch: the folder sorted by size, largest first, and listed.
  const last = await startServer({ dir, env, ensure: false })
  try {
    await putJSON(last, '/api/settings/folder?dir=', { sort: 'size', desc: true })
    await api(last, '/api/library?dir=&offset=0&limit=400')
    await until(async () => (await api(last, '/api/state?start=1')).start?.listing?.cached, 'the listing kept for the next launch')
  } finally {
    await last.stop()
  }
  // Gone before this launch: only the kept listing still has it.
  rmSync(join(dir, `clip ${n}.mp4`))
  const bySize = (from) => Array.from({ length: from }, (_, i) => `clip ${from - i}.mp4`)

  const srv = await startServer({ dir, env, ensure: false })
  cleanups.push(() => srv.stop())
  const browser = await launchBrowser()
  cleanups.push(() => browser.close())
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } })
  await context.addInitScript(recordOrders)
  const page = await context.newPage()
  await page.goto(srv.url)
  // The folder's own listing arrives: the removed file is gone.
  await page.locator(`.card.video[data-name="clip ${n - 1}.mp4"]`).first().waitFor()
  await page.locator(`.card.video[data-name="clip ${n}.mp4"]`).waitFor({ state: 'detached' })
  const { orders, blank, sorts } = await page.evaluate(() => ({ orders: window.__orders, blank: window.__blank, sorts: window.__sorts }))

  assert.deepEqual(orders[0], bySize(n), `first cards: ${orders[0]}, want the kept listing (with clip ${n}.mp4) by size, largest first`)
  assert.deepEqual(orders.at(-1), bySize(n - 1), `last cards: ${orders.at(-1)}, want the folder as it is, by size`)
  for (const o of orders) {
    assert.deepEqual(o, [...o].sort((a, b) => Number(b.match(/\d+/)[0]) - Number(a.match(/\d+/)[0])), `cards shown in another order on the way: ${o}`)
  }
  assert.equal(blank, 0, `the cards went away ${blank} time(s) between the kept listing and the live one`)
  assert.deepEqual([...new Set(sorts)], ['size'], `the toolbar's sort while cards were shown: ${[...new Set(sorts)]}, want size from the first card on`)
})
