// Node-only Webhooks tests: the emulator's filter semantics in isolation, delivery through the default
// `fetch` to a real loopback HTTP server, and a bundle check that the receiving half imported alone does
// not carry the client.

import assert from 'node:assert/strict'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gzipSync } from 'node:zlib'
import { after, before, describe, it } from 'node:test'
import { build } from 'esbuild'
import { CaliperClient, createActivityEvent } from '../../src/services/caliper/index.ts'
import { WebhooksClient, verifyWebhookSignature } from '../../src/services/webhooks/index.ts'
import { createEmulator } from '../../src/testing/index.ts'
import { filterMatches, valuesAt } from '../../src/testing/webhooks/match.ts'
import type { FilterRecord } from '../../src/testing/webhooks/state.ts'

const root = new URL('../..', import.meta.url).pathname

function filter(filterKey: string, filterOperation: FilterRecord['filterOperation'], filterValue: string, filterType: FilterRecord['filterType'] = 'string'): FilterRecord {
  return {
    id: 'f', webhookId: 'w', filterKey, filterValue, filterType, filterOperation, active: true,
    createdAt: '', updatedAt: '', deletedAt: null,
  }
}

describe('webhooks emulator: filter matching', () => {
  const event = {
    id: 7, externalId: 'urn:uuid:1', sensor: 'https://app.example/s', type: 'ActivityEvent',
    actor: { id: 'https://app.example/users/ada', email: 'ada@school.example' },
    object: 'https://app.example/lessons/7',
    generated: { items: [{ type: 'xpEarned', value: 12 }, { type: 'totalQuestions', value: '10' }] },
    extensions: { tags: ['math', 'fractions'], done: 'true', when: '2026-03-01T10:00:00Z' },
  }

  it('walks dotted paths, indexes arrays, fans out over arrays and flattens terminal lists', () => {
    assert.deepEqual(valuesAt(event, 'generated.items.1.value'), ['10'])
    assert.deepEqual(valuesAt(event, 'generated.items.type'), ['xpEarned', 'totalQuestions'])
    assert.deepEqual(valuesAt(event, 'extensions.tags'), ['math', 'fractions'])
    assert.deepEqual(valuesAt(event, 'object.subject'), [])
    assert.deepEqual(valuesAt(event, 'generated.items.9.value'), [])
  })

  it('reads values per filterType', () => {
    // Numeric strings are numbers for a number filter; an entity is read by its id for a string filter.
    assert.equal(filterMatches(filter('generated.items.1.value', 'gte', '10', 'number'), event), true)
    assert.equal(filterMatches(filter('generated.items.1.value', 'gt', '9', 'string'), event), false, "'10' < '9' as text")
    assert.equal(filterMatches(filter('actor', 'eq', 'https://app.example/users/ada'), event), true)
    assert.equal(filterMatches(filter('object', 'startsWith', 'https://app.example/lessons/'), event), true)
    assert.equal(filterMatches(filter('extensions.done', 'eq', 'true', 'boolean'), event), true)
    assert.equal(filterMatches(filter('type', 'eq', 'true', 'boolean'), event), false, 'not a boolean: never matches')
    assert.equal(filterMatches(filter('type', 'neq', 'true', 'boolean'), event), true, '… so the negation does')
    assert.equal(filterMatches(filter('id', 'eq', '7', 'number'), event), true)
  })

  it('orders ISO dates as text, lists take JSON or commas, contains on a list is membership-by-substring', () => {
    assert.equal(filterMatches(filter('extensions.when', 'gt', '2026-02-28T00:00:00Z'), event), true)
    assert.equal(filterMatches(filter('extensions.when', 'lt', '2026-02-28T00:00:00Z'), event), false)
    assert.equal(filterMatches(filter('type', 'in', '["TimeSpentEvent","ActivityEvent"]'), event), true)
    assert.equal(filterMatches(filter('type', 'in', 'TimeSpentEvent, ActivityEvent'), event), true)
    assert.equal(filterMatches(filter('generated.items.0.value', 'notIn', '[10, 11]', 'number'), event), true)
    assert.equal(filterMatches(filter('extensions.tags', 'contains', 'fraction'), event), true)
    assert.equal(filterMatches(filter('extensions.tags', 'notContains', 'geometry'), event), true)
  })

  it('an invalid regexp or an unreadable filter value never matches', () => {
    assert.equal(filterMatches(filter('type', 'regexp', '('), event), false)
    assert.equal(filterMatches(filter('generated.items.0.value', 'gt', 'abc', 'number'), event), false)
    assert.equal(filterMatches(filter('extensions.done', 'gt', 'false', 'boolean'), event), false)
  })
})

describe('webhooks emulator: default delivery through fetch to a loopback server', () => {
  let server: Server
  let url: string
  let answer = 200
  const seen: { headers: IncomingMessage['headers']; body: string }[] = []

  before(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        seen.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') })
        res.writeHead(answer).end()
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/timeback`
  })
  after(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('POSTs a signed single-event envelope with the delivery headers, and retries a 500 three times', async () => {
    const emulator = createEmulator({ seed: false })
    const options = { auth: { ...emulator.credentials, authUrl: emulator.tokenUrl }, fetch: emulator.fetch as typeof fetch, maxRetries: 0 }
    const webhooks = new WebhooksClient({ ...options, baseUrl: emulator.services.webhooks })
    const caliper = new CaliperClient({ ...options, baseUrl: emulator.services.caliper })
    const hook = await webhooks.webhooks.create({ name: 'loopback', targetUrl: url, secret: 'loop-secret' })
    const event = createActivityEvent({
      actor: { id: 'https://app.example/users/ada', email: 'ada@school.example' },
      object: { id: 'https://app.example/lessons/7', subject: 'Math', app: { name: 'App' } },
      metrics: [{ type: 'xpEarned', value: 5 }],
    })
    await caliper.events.send('https://app.example/sensors/main', [event])
    await emulator.webhooks.idle()

    assert.equal(seen.length, 1)
    const [{ headers, body }] = seen as [(typeof seen)[0]]
    assert.equal(headers['content-type'], 'application/json')
    assert.equal(headers['x-caliper-webhook-id'], hook.id)
    assert.equal(headers['x-caliper-event-type'], 'ActivityEvent')
    assert.equal(headers['x-caliper-delivery-id'], emulator.deliveries[0]!.deliveryId)
    assert.match(String(headers['x-caliper-signature']), /^sha256=[0-9a-f]{64}$/)
    assert.equal(await verifyWebhookSignature({ body, signature: String(headers['x-caliper-signature']), secret: 'loop-secret' }), true)
    const envelope = JSON.parse(body)
    assert.deepEqual(envelope.data, [event])
    assert.equal(envelope.sensor, 'https://app.example/sensors/main')
    assert.equal(envelope.dataVersion, 'http://purl.imsglobal.org/ctx/caliper/v1p2')

    answer = 500
    await caliper.events.send('https://app.example/sensors/main', [{ ...event, id: `urn:uuid:${crypto.randomUUID()}` }])
    await emulator.webhooks.idle()
    assert.equal(seen.length, 4)
    assert.equal(new Set(seen.slice(1).map((s) => s.headers['x-caliper-delivery-id'])).size, 1, 'one delivery id across attempts')
    const failed = emulator.deliveries[1]!
    assert.deepEqual([failed.state, failed.status, failed.attempts], ['failed', 500, 3])
  })
})

describe('webhooks bundle', () => {
  it('parseWebhook imported alone leaves the client and the transport out', async () => {
    const result = await build({
      stdin: { contents: "export { parseWebhook, verifyWebhookSignature } from './src/services/webhooks/index.ts'", resolveDir: root, loader: 'ts' },
      bundle: true, format: 'esm', minify: true, write: false, platform: 'neutral', external: ['valibot'],
    })
    const code = result.outputFiles[0]!.text
    for (const leak of ['WebhooksClient', '/webhook-filters/', 'client_credentials', 'x-request-id']) {
      assert.ok(!code.includes(leak), `the receiving bundle contains ${leak}`)
    }
    assert.ok(code.includes('x-caliper-signature'))
    const gzip = gzipSync(code).length
    assert.ok(gzip < 3000, `receiving half is ${gzip} bytes gzipped (valibot external)`)
  })
})
