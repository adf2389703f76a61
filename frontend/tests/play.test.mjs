// Plays the 5-hour video in Chromium, scrubs it by script and by mouse, and
// walks back to the list and into a folder.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { mustNotHappen, redact, showAsList, startSession } from './helpers.mjs'

const BIG = 'big-5h.mp4'

let server
let session
let browser
let context
let page
let watcher

// Every media event of every <video>, caught on the way down (capture), so
// nothing is missed before the test finds the element.
function recordMediaEvents() {
  window.__media = []
  const types = ['loadedmetadata', 'playing', 'seeking', 'seeked', 'waiting', 'error', 'emptied', 'abort']
  for (const type of types) {
    window.addEventListener(
      type,
      (e) => {
        const v = e.target
        if (!(v instanceof HTMLVideoElement)) return
        window.__media.push({
          type,
          at: performance.now(),
          currentTime: v.currentTime,
          src: v.currentSrc ? 'set' : '',
          error: v.error ? { code: v.error.code, message: v.error.message } : null,
        })
      },
      true,
    )
  }
}

before(async () => {
  session = await startSession({ init: recordMediaEvents })
  ;({ server, browser, context, page, watcher } = session)
})

after(async () => {
  await session?.close()
})

const videoRow = (name) => `.row.video[data-name="${name}"]`

async function mediaEvents(type) {
  return page.evaluate((t) => window.__media.filter((e) => !t || e.type === t), type)
}

/** seekByScript sets currentTime and waits for the seeked event. */
async function seekByScript(target) {
  return page.evaluate(async (target) => {
    const v = document.querySelector('section.player video')
    const t0 = performance.now()
    const landed = await new Promise((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`no seeked within 20 s for ${target}`)), 20_000)
      v.addEventListener(
        'seeked',
        () => {
          clearTimeout(timer)
          res(v.currentTime)
        },
        { once: true },
      )
      v.currentTime = target
    })
    return { ms: performance.now() - t0, landed, error: v.error ? v.error.message : null }
  }, target)
}

/**
 * toList shows the opened folder's top in the list view: it loads the page
 * if it is not loaded, and leaves the player with Esc if one is open.
 */
async function toList() {
  if (!page.url().startsWith(server.origin)) await page.goto(server.url)
  if ((await page.locator('section.player').count()) > 0) {
    await page.keyboard.press('Escape')
    await page.locator('section.library').waitFor()
  }
  await showAsList(page)
  const crumbs = page.locator('nav.crumbs button.crumb')
  if ((await crumbs.count()) > 1) {
    await crumbs.first().click()
    await crumbs.nth(1).waitFor({ state: 'detached' })
  }
}

/**
 * openBig is how a test opens its own copy of the big video: from the list,
 * by a double-click, until it plays and its time moves.
 */
async function openBig() {
  await toList()
  const playing = (await mediaEvents('playing')).length
  await page.locator(`${videoRow(BIG)} .name`).dblclick()
  await page.waitForFunction((n) => window.__media.filter((e) => e.type === 'playing').length > n, playing, { timeout: 30_000 })
  const t = await page.evaluate(() => document.querySelector('section.player video').currentTime)
  await page.waitForFunction((t) => {
    const v = document.querySelector('section.player video')
    return v && !v.paused && v.currentTime > t
  }, t)
}

test('the list shows the big video and the Extras folder', async () => {
  await page.goto(server.url)
  await showAsList(page)
  await page.locator(videoRow(BIG)).waitFor()
  await page.locator('.row.folder[title="Extras"]').waitFor()
  assert.equal(await page.locator(videoRow(BIG)).getAttribute('title'), BIG)
})

test('double-clicking the file plays it', async () => {
  await toList()
  await page.locator(`${videoRow(BIG)} .name`).dblclick()
  const video = page.locator('section.player video')
  await video.waitFor({ state: 'attached' })
  await page.waitForFunction(() => window.__media.some((e) => e.type === 'playing'), null, { timeout: 30_000 })
  const t1 = await video.evaluate((v) => v.currentTime)
  await page.waitForFunction((t1) => {
    const v = document.querySelector('section.player video')
    return v && !v.paused && v.currentTime > t1 + 0.3
  }, t1)
  const info = await video.evaluate((v) => ({ duration: v.duration, error: v.error, title: document.title }))
  console.log(`playing ${BIG}: duration ${info.duration.toFixed(1)} s`)
  assert.ok(info.duration > 5 * 3600, `duration ${info.duration} s should be over 5 h`)
  assert.equal(info.error, null)
  assert.match(info.title, /big-5h\.mp4/)
})

test('scrubbing to 90 %, 10 % and 50 % lands within a second', async () => {
  await openBig()
  const duration = await page.evaluate(() => document.querySelector('section.player video').duration)
  for (const frac of [0.9, 0.1, 0.5]) {
    const target = frac * duration
    const r = await seekByScript(target)
    console.log(`seek to ${frac * 100}% (${target.toFixed(1)} s) by script: seeked after ${r.ms.toFixed(0)} ms at ${r.landed.toFixed(2)} s`)
    assert.equal(r.error, null)
    assert.ok(Math.abs(r.landed - target) < 1, `landed at ${r.landed}, wanted ${target}`)
  }
  // It keeps playing after the last seek.
  const t = await page.evaluate(() => document.querySelector('section.player video').currentTime)
  await page.waitForFunction((t) => document.querySelector('section.player video').currentTime > t + 0.3, t)
})

test('clicking the time range at 90 % of its width seeks there', async () => {
  await openBig()
  const duration = await page.evaluate(() => document.querySelector('section.player video').duration)
  const range = page.locator('media-time-range')
  // Moving the mouse over the player wakes the auto-hidden controls.
  const player = await page.locator('media-controller').boundingBox()
  await page.mouse.move(player.x + player.width / 2, player.y + player.height / 2)
  await page.mouse.move(player.x + player.width / 2 + 10, player.y + player.height / 2 + 10)
  await range.waitFor({ state: 'visible' })
  const box = await range.boundingBox()
  assert.ok(box && box.width > 50, `time range too narrow: ${JSON.stringify(box)}`)
  const x = box.x + box.width * 0.9
  const y = box.y + box.height / 2
  await page.mouse.move(x, y)
  // The slider inside the element is inset by its padding, so 90 % of the
  // element's width is a little past 90 % of the slider.
  const expected = await range.evaluate((el, x) => {
    const r = (el.range ?? el).getBoundingClientRect()
    return (x - r.left) / r.width
  }, x)

  const before = (await mediaEvents()).length
  const t0 = await page.evaluate(() => performance.now())
  await page.mouse.click(x, y)
  await page.waitForFunction(
    (n) => window.__media.slice(n).some((e) => e.type === 'seeked'),
    before,
    { timeout: 20_000 },
  )
  const events = (await mediaEvents()).slice(before)
  const seeking = events.filter((e) => e.type === 'seeking')
  const seeked = events.find((e) => e.type === 'seeked')
  assert.ok(seeking.length >= 1, 'the click started no seek')
  const target = seeking.at(-1).currentTime
  const ms = seeked.at - t0
  console.log(
    `seek by mouse click at 90% of media-time-range: target ${target.toFixed(1)} s ` +
      `(${((target / duration) * 100).toFixed(2)}%; slider hit at ${(expected * 100).toFixed(2)}%), seeked after ${ms.toFixed(0)} ms at ${seeked.currentTime.toFixed(2)} s`,
  )
  assert.ok(Math.abs(target / duration - 0.9) < 0.03, `click asked for ${target} s, not near 90% of ${duration} s`)
  assert.ok(
    Math.abs(target / duration - expected) < 0.005,
    `click asked for ${((target / duration) * 100).toFixed(2)}%, the slider was hit at ${(expected * 100).toFixed(2)}%`,
  )
  assert.ok(Math.abs(seeked.currentTime - target) < 1, `landed at ${seeked.currentTime}, wanted ${target}`)
  // The click is the only seek: no jump elsewhere afterwards.
  await mustNotHappen('another seek after the click’s', 500)
  const later = (await mediaEvents()).slice(before).filter((e) => e.type === 'seeking')
  assert.equal(later.length, seeking.length, `extra seeks after the click: ${JSON.stringify(later)}`)
})

test('the video never reported an error while playing', async () => {
  await openBig()
  const errors = await mediaEvents('error')
  assert.deepEqual(errors, [])
  assert.equal(await page.evaluate(() => document.querySelector('section.player video').error), null)
  const hidden = await page.locator('.player-error').evaluate((el) => el.hidden)
  assert.equal(hidden, true, 'the player shows an error box')
})

test('Escape goes back to the list with the video selected', async () => {
  await openBig()
  await page.keyboard.press('Escape')
  await page.locator('section.library').waitFor()
  assert.equal(await page.locator('section.player').count(), 0)
  const row = page.locator(videoRow(BIG))
  await row.waitFor()
  assert.equal(await row.getAttribute('aria-selected'), 'true')
  assert.match((await row.getAttribute('class')) ?? '', /\bselected\b/)
  // Leaving unloads the video: it is paused with no source.
  const playerVideo = await page.evaluate(() => window.__media.filter((e) => e.type === 'error' && e.src))
  assert.deepEqual(playerVideo, [], 'an error event fired for a loaded video')
})

test('the Extras folder shows clip.mp4 and the breadcrumb leads back', async () => {
  await toList()
  await page.locator('.row.folder[title="Extras"]').dblclick()
  await page.locator(videoRow('clip.mp4')).waitFor()
  assert.equal(await page.locator(videoRow(BIG)).count(), 0)
  const crumbs = page.locator('nav.crumbs button.crumb')
  assert.equal(await crumbs.count(), 2)
  assert.equal(await crumbs.last().textContent(), 'Extras')
  assert.equal(await crumbs.last().getAttribute('aria-current'), 'page')
  await crumbs.first().click()
  await page.locator(videoRow(BIG)).waitFor()
  await page.locator('.row.folder[title="Extras"]').waitFor()
  assert.equal(await page.locator('nav.crumbs button.crumb').count(), 1)
  // Coming back up selects the folder we came from.
  assert.equal(await page.locator('.row.folder[title="Extras"]').getAttribute('aria-selected'), 'true')
})

test('no console errors, page errors or failed requests', async () => {
  const u = watcher.unexpected()
  const aborted = watcher.problems.requests.filter((r) => r.error === 'net::ERR_ABORTED').length
  const favicon = watcher.favicon()
  if (favicon.length) console.log(`note: /favicon.ico answered 404 (${favicon.length} report(s)); index.html names no icon`)
  if (aborted) console.log(`${aborted} media range request(s) cancelled by Chromium on seek/unload (expected)`)
  assert.deepEqual(u.page, [], 'page errors')
  assert.deepEqual(u.console, [], 'console errors')
  assert.deepEqual(u.requests, [], 'failed requests')
  assert.doesNotMatch(redact(server.stderr()), /panic|error/i, 'server stderr')
})
