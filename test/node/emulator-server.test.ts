// The served emulator (serveEmulator and the timeback-emulator bin) is safe to leave running: requests addressed
// to other host names are refused (DNS rebinding), CORS only when asked for, webhook deliveries to loopback only,
// and its counters are readable from other processes. Everything talks to 127.0.0.1.
// Run: node --import tsx --test test/node/emulator-server.test.ts
import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import http from 'node:http'
import net from 'node:net'
import { resolve } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { createEmulator, serveEmulator } from '../../src/testing/index.ts'
import { G, R } from './emulator-helpers.ts'

type Json = Record<string, any>
const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const USERS = '/ims/oneroster/rostering/v1p2/users/'

/** A request with a Host header of our choosing (fetch would not let us set it). */
function raw(url: string, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  const { port } = new URL(url)
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((done, fail) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk) => (body += chunk))
      res.on('end', () => done({ status: res.statusCode!, headers: res.headers, body }))
    })
    req.on('error', fail)
    req.end(options.body)
  })
}

/** HTTP/1.0 allows a request without Host; node:http would add one, so write it by hand. */
async function withoutHost(url: string): Promise<string> {
  const socket = net.connect(Number(new URL(url).port), '127.0.0.1')
  await once(socket, 'connect')
  socket.end(`GET ${USERS} HTTP/1.0\r\n\r\n`)
  let text = ''
  for await (const chunk of socket) text += chunk
  return text
}

async function token(url: string): Promise<string> {
  const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: 'emulator-client', client_secret: 'emulator-secret' })
  return ((await (await fetch(`${url}/auth/oauth2/token`, { method: 'POST', body })).json()) as Json).access_token
}

describe('serveEmulator', () => {
  it('answers 403 with a clear body to a Host that is not loopback (DNS rebinding); loopback names pass', async () => {
    const server = await serveEmulator({ port: 0, allowedHosts: ['Dev.Test'] })
    try {
      const port = server.port
      const denied = await raw(server.url, USERS, { headers: { host: `evil.example:${port}` } })
      assert.equal(denied.status, 403)
      assert.match(JSON.parse(denied.body).imsx_description, new RegExp(`Host 'evil\\.example:${port}' is not allowed.*DNS rebinding.*--allow-host`))
      for (const host of [`localhost.evil.example:${port}`, `127.0.0.1.nip.io:${port}`, 'evil.example', `[::2]:${port}`]) {
        assert.equal((await raw(server.url, USERS, { headers: { host } })).status, 403, host)
      }
      assert.match(await withoutHost(server.url), /^HTTP\/1\.1 403 .*no Host header is not allowed/s)
      assert.equal(server.emulator.requests.length, 0) // refused before the emulator saw anything
      for (const host of [`localhost:${port}`, `LOCALHOST:${port}`, `127.0.0.9:${port}`, `[::1]:${port}`, 'localhost', `dev.test:${port}`]) {
        assert.equal((await raw(server.url, USERS, { headers: { host } })).status, 401, host) // reached the emulator: no token
      }
    } finally {
      await server.close()
    }
  })

  it('answers CORS only with cors: true (preflight and headers)', async () => {
    const origin = { origin: 'https://app.example' }
    const preflight = { ...origin, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'authorization, content-type, x-request-id' }
    const plain = await serveEmulator({ port: 0, seed: false })
    try {
      const get = await raw(plain.url, USERS, { headers: origin })
      assert.equal(get.headers['access-control-allow-origin'], undefined)
      const pre = await raw(plain.url, USERS, { method: 'OPTIONS', headers: preflight })
      assert.equal(pre.headers['access-control-allow-origin'], undefined)
      assert.notEqual(pre.status, 204)
    } finally {
      await plain.close()
    }
    const open = await serveEmulator({ port: 0, seed: false, cors: true })
    try {
      const pre = await raw(open.url, USERS, { method: 'OPTIONS', headers: preflight })
      assert.equal(pre.status, 204)
      assert.equal(pre.headers['access-control-allow-origin'], '*')
      assert.match(String(pre.headers['access-control-allow-methods']), /\bPUT\b/)
      assert.equal(pre.headers['access-control-allow-headers'], 'authorization, content-type, x-request-id')
      assert.equal(open.emulator.requests.length, 0) // preflights are answered by the server
      const get = await raw(open.url, USERS, { headers: origin })
      assert.equal(get.status, 401)
      assert.equal(get.headers['access-control-allow-origin'], '*')
      assert.match(String(get.headers['access-control-expose-headers']), /x-request-id/)
    } finally {
      await open.close()
    }
  })

  it('starts on a given port from code and tells other processes its counts over HTTP', async () => {
    const probe = net.createServer().listen(0, '127.0.0.1')
    await once(probe, 'listening')
    const port = (probe.address() as net.AddressInfo).port
    await new Promise((done) => probe.close(done))
    const server = await serveEmulator({ port, host: '127.0.0.1', seed: false })
    try {
      assert.equal(server.port, port)
      assert.equal(server.url, `http://127.0.0.1:${port}`)
      assert.equal(server.emulator.origin, server.url)
      const bearer = await token(server.url)
      await token(server.url)
      assert.equal((await fetch(`${server.url}${USERS}`, { headers: { authorization: `Bearer ${bearer}` } })).status, 200)
      const stats = (await (await fetch(`${server.url}/__emulator/stats`)).json()) as Json
      assert.deepEqual(stats.tokens, { requests: 2, issued: 2, live: 2 })
      assert.deepEqual(stats.requests.byService, { auth: 2, oneroster: 1 })
      assert.equal((await fetch(`${server.url}/__emulator/stats`, { method: 'DELETE' })).status, 204)
      assert.equal(((await (await fetch(`${server.url}/__emulator/stats`)).json()) as Json).tokens.issued, 0)
    } finally {
      await server.close()
    }
  })
})

describe('timeback-emulator bin', () => {
  it('refuses foreign Hosts, answers CORS with --cors, delivers webhooks to loopback only, and serves its counters', async () => {
    const delivered: string[] = []
    const receiver = http.createServer((req, res) => {
      delivered.push(String(req.headers['x-caliper-webhook-id']))
      res.writeHead(204).end()
    }).listen(0, '127.0.0.1')
    await once(receiver, 'listening')
    const receiverUrl = `http://127.0.0.1:${(receiver.address() as net.AddressInfo).port}/in`
    const bin = spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, 'src/bin/timeback-emulator.ts'), '--port', '0', '--no-seed', '--cors'], { cwd: ROOT })
    try {
      let out = ''
      bin.stdout.setEncoding('utf8')
      for await (const chunk of bin.stdout) if ((out += chunk).includes('Press Ctrl+C')) break
      const url = /Timeback emulator at (http:\/\/\S+)/.exec(out)![1]!
      assert.match(out, /Webhooks to: +loopback\n/)
      assert.equal((await raw(url, USERS, { headers: { host: 'rebound.example' } })).status, 403)
      const cors = await raw(url, USERS, { headers: { origin: 'https://app.example' } })
      assert.equal(cors.headers['access-control-allow-origin'], '*')

      const auth = { authorization: `Bearer ${await token(url)}`, 'content-type': 'application/json' }
      const hook = async (targetUrl: string) => {
        const res = await fetch(`${url}/caliper-host/webhooks/`, { method: 'POST', headers: auth, body: JSON.stringify({ name: 'h', description: null, targetUrl, secret: 's', active: true }) })
        return ((await res.json()) as Json).webhook.id as string
      }
      await hook('http://hooks.invalid/in') // refused: never looked up, never contacted
      const local = await hook(receiverUrl)
      const now = new Date().toISOString()
      const envelope = { sensor: 'https://app.example/s', sendTime: now, dataVersion: 'http://purl.imsglobal.org/ctx/caliper/v1p2',
        data: [{ id: `urn:uuid:${crypto.randomUUID()}`, type: 'Event', action: 'Completed', actor: 'https://app.example/u/1', object: 'https://app.example/l/1', eventTime: now }] }
      const arrived = once(receiver, 'request')
      assert.equal((await fetch(`${url}/caliper-host/caliper/event`, { method: 'POST', headers: auth, body: JSON.stringify(envelope) })).status, 200)
      await arrived // deliveries run in webhook order: the refused one is settled before this one starts
      assert.deepEqual(delivered, [local])
      const stats = (await (await fetch(`${url}/__emulator/stats`)).json()) as Json
      assert.equal(stats.webhooks.refused, 1)
      assert.equal(stats.tokens.issued, 1)
    } finally {
      bin.kill('SIGTERM')
      receiver.close()
    }
    const [code] = await once(bin, 'exit')
    assert.equal(code, 0)
  })
})

describe('serveEmulator and the bin: basics', () => {
  it('serveEmulator answers real HTTP on an ephemeral loopback port (token, list, POST body, HEAD)', async () => {
    const server = await serveEmulator({ tokenTtlSeconds: 120 }, { port: 0 })
    try {
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/)
      assert.notEqual(server.port, 0)
      assert.equal(server.emulator.origin, server.url)
      assert.equal(server.emulator.tokenUrl, `${server.url}/auth/oauth2/token`)
      const tokenRes = await fetch(server.emulator.tokenUrl, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: server.emulator.credentials.clientId, client_secret: server.emulator.credentials.clientSecret }),
      })
      const { access_token, expires_in } = (await tokenRes.json()) as Json
      assert.equal(expires_in, 120)
      const headers = { authorization: `Bearer ${access_token}`, 'x-request-id': 'http-1' }
      const list = await fetch(`${server.url}${R}/users?limit=2`, { headers })
      assert.equal(list.status, 200)
      assert.equal(list.headers.get('x-request-id'), 'http-1')
      const body = (await list.json()) as Json
      assert.equal(body.users.length, 2)
      assert.ok(body.users[0].roles[0].org.href.startsWith(server.url))
      const created = await fetch(`${server.url}${G}/categories/`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ category: { sourcedId: 'over-http', status: 'active', title: 'HTTP' } }) })
      assert.equal(created.status, 201)
      assert.equal(server.emulator.state.get('categories', 'over-http')?.title, 'HTTP')
      const head = await fetch(`${server.url}${R}/users/seed-student-1`, { method: 'HEAD', headers })
      assert.equal(head.status, 200)
      assert.equal(await head.text(), '')
      server.emulator.faults.add({ path: '/classes', drop: true })
      await assert.rejects(fetch(`${server.url}${R}/classes/`, { headers }), TypeError)
    } finally {
      await server.close()
    }
  })

  it('serveEmulator can serve an existing emulator', async () => {
    const emu = createEmulator({ seed: false })
    const server = await serveEmulator(emu)
    try {
      assert.equal(server.emulator, emu)
      const res = await fetch(`${server.url}${R}/users/`)
      assert.equal(res.status, 401)
      assert.equal(emu.requests.length, 1)
    } finally {
      await server.close()
    }
  })

  it('the bin refuses a non-loopback host without --allow-remote and rejects unknown flags', () => {
    const bin = resolve(ROOT, 'src/bin/timeback-emulator.ts')
    const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', bin, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 })
    const remote = run('--host', '0.0.0.0', '--port', '0')
    assert.equal(remote.status, 2)
    assert.match(remote.stderr, /refusing to bind non-loopback host '0\.0\.0\.0'/)
    const unknown = run('--bogus')
    assert.equal(unknown.status, 2)
    assert.match(unknown.stderr, /unknown argument '--bogus'/)
    const help = run('--help')
    assert.equal(help.status, 0)
    assert.match(help.stdout, /--token-ttl S/)
  })
})
