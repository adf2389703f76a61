// The loopback server's guard, from outside the page: no cookies, no
// browser, only Node's fetch and node:http.
import assert from 'node:assert/strict'
import http from 'node:http'
import { after, before, test } from 'node:test'
import { startServer } from './helpers.mjs'

let server

before(async () => {
  server = await startServer()
})

after(async () => {
  await server?.stop()
})

const withToken = (path, token = server.token) => {
  const u = new URL(path, server.origin)
  u.searchParams.set('token', token)
  return u.href
}

/** get fetches url and drops the body, so a media answer is never read whole. */
async function get(url, init) {
  const res = await fetch(url, { redirect: 'manual', ...init })
  const body = res.headers.get('content-type')?.includes('json') ? await res.json() : null
  if (!res.bodyUsed) await res.body?.cancel()
  return { status: res.status, body, headers: res.headers }
}

/** rawGet sends GET path with exactly the Host header given. */
function rawGet(path, host) {
  return new Promise((res, rej) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, path, method: 'GET', headers: { Host: host }, agent: false },
      (r) => {
        r.resume()
        r.on('end', () => res(r.statusCode))
      },
    )
    req.on('error', rej)
    req.setTimeout(10_000, () => req.destroy(new Error('timeout')))
    req.end()
  })
}

async function firstVideoUrl() {
  const { status, body } = await get(withToken('/api/library?dir='))
  assert.equal(status, 200)
  const big = body.videos.find((v) => v.name === 'big-5h.mp4')
  assert.ok(big, 'big-5h.mp4 is listed')
  return big.url
}

test('the API without the token is 401', async () => {
  for (const path of ['/api/state', '/api/library?dir=', '/']) {
    const r = await get(new URL(path, server.origin).href)
    assert.equal(r.status, 401, `${path} without token`)
  }
  const wrongBearer = await get(new URL('/api/state', server.origin).href, {
    headers: { Authorization: 'Bearer not-the-token' },
  })
  assert.equal(wrongBearer.status, 401, 'wrong bearer token')
  // The same call with the token works, so the 401 is the token's doing.
  const ok = await get(withToken('/api/state'))
  assert.equal(ok.status, 200)
  assert.equal(ok.body.mode, 'browser')
})

test('a library path out of the opened folder is 400', async () => {
  const r = await get(`${server.origin}/api/library?dir=..%2f..&token=${encodeURIComponent(server.token)}`)
  assert.equal(r.status, 400)
  assert.equal(typeof r.body?.error, 'string')
  for (const dir of ['../', '/etc', 'Extras/../../']) {
    const r2 = await get(withToken('/api/library?dir=' + encodeURIComponent(dir)))
    assert.equal(r2.status, 400, `dir=${dir}`)
  }
})

test('a media URL with a wrong token is 401', async () => {
  const url = await firstVideoUrl()
  assert.equal(new URL(url).origin, server.origin)
  const range = { headers: { Range: 'bytes=0-99' } }
  const good = await get(url, range)
  assert.equal(good.status, 206, 'the real media URL answers the range')
  const cr = /^bytes 0-99\/(\d+)$/.exec(good.headers.get('content-range') ?? '')
  assert.ok(cr && Number(cr[1]) > 2 ** 31, `Content-Range: ${good.headers.get('content-range')}`)

  const wrong = new URL(url)
  wrong.searchParams.set('token', server.token.slice(0, -2) + (server.token.endsWith('AA') ? 'BB' : 'AA'))
  assert.equal((await get(wrong.href, range)).status, 401, 'wrong token')
  const none = new URL(url)
  none.searchParams.delete('token')
  assert.equal((await get(none.href, range)).status, 401, 'no token')
})

test('a request naming another host is refused', async () => {
  const path = `/api/state?token=${encodeURIComponent(server.token)}`
  assert.equal(await rawGet(path, `127.0.0.1:${server.port}`), 200, 'the listener’s own host is accepted')
  for (const host of ['evil.example', `evil.example:${server.port}`]) {
    const status = await rawGet(path, host)
    assert.equal(status, 421, `Host: ${host} answered ${status}`)
  }
})
