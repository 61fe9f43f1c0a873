// Webhooks cannot be turned against the emulator or its network: regexp filters run in linear time (no
// backtracking pattern can hang it) and a delivery policy keeps deliveries on allowed hosts (SSRF).
// Run: node --import tsx --test test/node/emulator-webhook-safety.test.ts
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createEmulator } from '../../src/testing/index.ts'
import type { EmulatorOptions } from '../../src/testing/index.ts'
import { compileRegexp } from '../../src/testing/webhooks/regexp.ts'

type Json = Record<string, any>
const SENSOR = 'https://app.example/sensors/main'

async function connect(options: EmulatorOptions) {
  const emu = createEmulator({ seed: false, ...options })
  const { clientId, clientSecret } = emu.credentials
  const tokenRes = await emu.fetch(emu.tokenUrl, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }) })
  const token = ((await tokenRes.json()) as Json).access_token as string
  const call = async (method: string, url: string, body: unknown) => {
    const res = await emu.fetch(url, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })
    return { status: res.status, body: (await res.json()) as Json }
  }
  const hook = async (targetUrl: string) => {
    const res = await call('POST', `${emu.services.webhooks}/webhooks/`, { name: 'h', description: null, targetUrl, secret: 's3cret', active: true })
    assert.equal(res.status, 201, JSON.stringify(res.body))
    return res.body.webhook.id as string
  }
  const filter = (webhookId: string, filterKey: string, filterValue: string) =>
    call('POST', `${emu.services.webhooks}/webhook-filters/`, { webhookId, filterKey, filterValue, filterType: 'string', filterOperation: 'regexp', active: true })
  const send = async (actor: Json | string) => {
    const now = new Date().toISOString()
    const res = await call('POST', `${emu.services.caliper}/caliper/event`, {
      sensor: SENSOR, sendTime: now, dataVersion: 'http://purl.imsglobal.org/ctx/caliper/v1p2',
      data: [{ id: `urn:uuid:${crypto.randomUUID()}`, type: 'Event', action: 'Completed', actor, object: 'https://app.example/lessons/1', eventTime: now }],
    })
    assert.ok(res.status < 300, JSON.stringify(res.body))
    await emu.webhooks.idle()
  }
  return { emu, call, hook, filter, send }
}

describe('webhook regexp filters: a linear-time engine', () => {
  it('answers like RegExp on the patterns filters use', () => {
    const patterns = ['^[a-z]+@school\\.example$', '^bob', 'a|b|c', '(ab)+c', 'x{2,3}y', '^\\d{3}-\\d{4}$', '\\bcat\\b', '[^aeiou]+$', 'a.c',
      '(?:foo|bar)baz', '(?<n>q)r', '[\\w-]+', 'colou?r', '^$', '', 'a{0}b', '[a-c-e]', '\\x41\\u0042', 'a\\.b', 'a{,2}', '}', ']',
      '^(a|ab)(c|bcd)(d*)$', '[\\d-x]', '\\S+\\s\\S+', 'a+?b', 'a{2,}', '\\B', '(a*)*b', '[^]', '[]']
    const texts = ['ada@school.example', 'bob@school.example', 'abc', 'ababc', 'xxy', 'xxxxy', '555-1234', 'a cat sat', 'concat', 'hello',
      'a\nc', 'foobaz', 'qr', 'some-word', 'colour', '', 'b', 'AB', 'a.b', 'a{,2}', '}', ']', 'abcd', 'x-9', 'one two', 'aaab', 'ab', 'aab']
    const mismatches: string[] = []
    for (const p of patterns) {
      const [js, safe] = [new RegExp(p), compileRegexp(p)]
      for (const t of texts) if (js.test(t) !== safe.test(t)) mismatches.push(`${p} on ${JSON.stringify(t)}: RegExp ${js.test(t)}`)
    }
    assert.deepEqual(mismatches, [])
  })

  it('refuses backreferences, lookaround and oversized patterns with a 400 naming the problem', async () => {
    const { hook, filter } = await connect({ deliver: () => new Response(null, { status: 204 }) })
    const id = await hook('http://127.0.0.1:9/hook')
    for (const [pattern, why] of [['^(a|a)*\\1$', /backreferences/], ['(?=a)a', /lookaround/], ['a'.repeat(513), /longer than 512/], ['(a{100}){100}', /too large/]] as const) {
      const res = await filter(id, 'actor.email', pattern)
      assert.equal(res.status, 400, pattern)
      assert.equal(res.body.status, 'error')
      assert.match(res.body.errors[0].message, why)
    }
    assert.equal((await filter(id, 'actor.email', '^(a+)+$')).status, 201) // nested quantifiers are harmless here
  })

  it('evaluates a catastrophic pattern against a 100,000-character value at once', async () => {
    const received: Request[] = []
    const { hook, filter, send } = await connect({ deliver: (r) => { received.push(r); return new Response(null, { status: 204 }) } })
    const id = await hook('http://127.0.0.1:9/hook')
    assert.equal((await filter(id, 'actor.email', '^(a+)+$')).status, 201)
    const started = performance.now()
    await send({ id: 'https://app.example/u/1', type: 'Person', email: `${'a'.repeat(100_000)}!` })
    // Backtracking needs 2^100000 steps here (V8 gives up after seconds); the NFA needs 100,000.
    assert.ok(performance.now() - started < 2000, `took ${Math.round(performance.now() - started)} ms`)
    assert.equal(received.length, 0)
    await send({ id: 'https://app.example/u/2', type: 'Person', email: 'aaaa' })
    assert.equal(received.length, 1)
  })
})

describe('webhook delivery targets (deliveryTargets)', () => {
  it("['loopback'] refuses other hosts without contacting them and records why", async () => {
    const received: Request[] = []
    const { emu, hook, send } = await connect({ deliveryTargets: ['loopback'], deliver: (r) => { received.push(r); return new Response(null, { status: 204 }) } })
    await hook('https://hooks.example.com/in')
    await hook('http://0x7f000001:8080/in') // the URL parser reads it as 127.0.0.1
    await hook('http://localhost.evil.example/in')
    await send('https://app.example/u/1')
    assert.deepEqual(received.map((r) => r.url), ['http://127.0.0.1:8080/in'])
    assert.equal(received[0]!.redirect, 'manual') // under a policy a redirect cannot lead elsewhere
    assert.deepEqual(emu.deliveries.map((d) => [d.state, d.attempts]), [['refused', 0], ['delivered', 1], ['refused', 0]])
    assert.match(emu.deliveries[0]!.error!, /host 'hooks\.example\.com' is not allowed.*--allow-delivery-host/)
    assert.deepEqual(emu.stats().webhooks, { delivered: 1, failed: 0, refused: 2 })
  })

  it('named hosts are allowed next to loopback; the default stays "any"', async () => {
    const received: string[] = []
    const deliver = (r: Request) => { received.push(r.url); return new Response(null, { status: 204 }) }
    const named = await connect({ deliveryTargets: ['hooks.example.com'], deliver })
    await named.hook('https://HOOKS.example.com/in')
    await named.hook('http://127.0.0.1:9/in')
    await named.send('https://app.example/u/1')
    assert.deepEqual(received, ['https://hooks.example.com/in'])
    assert.deepEqual(named.emu.deliveries.map((d) => d.state), ['delivered', 'refused'])
    received.length = 0
    const open = await connect({ deliver })
    await open.hook('https://elsewhere.example/in')
    await open.send('https://app.example/u/1')
    assert.deepEqual(received, ['https://elsewhere.example/in'])
    assert.throws(() => createEmulator({ deliveryTargets: [''] }), /deliveryTargets must be 'any' or an array of host names/)
  })
})
