// Caliper events through a real Cloudflare Queue (Miniflare: workerd with a Queue producer, its consumer, a
// dead-letter queue and KV) against an emulator served on loopback whose first envelope POSTs answer 503.
// Every event produced reaches the emulator exactly once; only messages that are not sendable end in the DLQ.

import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import * as esbuild from 'esbuild'
import { Miniflare } from 'miniflare'
import type { Emulator } from '../../src/testing/index.ts'
import { serveEmulator } from '../../src/testing/serve-node.ts'

const COMPATIBILITY_DATE = '2026-04-01'
const EVENTS = 250
const FAILING_POSTS = 4

interface KvReader {
  list(options: { prefix: string }): Promise<{ keys: { name: string }[] }>
  get(key: string): Promise<string | null>
}

interface BatchRecord {
  size: number
  sent: number
  acked: number
  retried: number
  failedMessages: number
  failedEvents: number
  maxAttempts: number
}

async function bundle(fixture: string): Promise<string> {
  const out = await esbuild.build({
    entryPoints: [fileURLToPath(new URL(`./fixtures/${fixture}`, import.meta.url))], bundle: true, write: false, format: 'esm',
    target: 'es2022', platform: 'neutral', conditions: ['workerd', 'worker', 'browser'], mainFields: ['module', 'main'],
  })
  return out.outputFiles[0]!.text
}

/** Polls `check` until it returns true, failing with `what` after `ms`. */
/** The Worker's settings for a Caliper client on the served emulator (read through `vars: env`). */
function caliperVars(emulator: Emulator): Record<string, string> {
  return {
    CALIPER_BASE_URL: emulator.services.caliper,
    TIMEBACK_TOKEN_URL: emulator.tokenUrl,
    TIMEBACK_CLIENT_ID: emulator.credentials.clientId,
    TIMEBACK_CLIENT_SECRET: emulator.credentials.clientSecret,
  }
}

async function until(check: () => Promise<boolean> | boolean, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

it("the README's Queue Worker is caliper-queue-readme.ts, line for line (readme-snippets type-checks the block)", () => {
  const fixture = readFileSync(new URL('./fixtures/caliper-queue-readme.ts', import.meta.url), 'utf8')
  const code = fixture.slice(fixture.indexOf("import { CaliperClient"))
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
  assert.ok(code.length > 500 && readme.includes('```ts\n' + code + '```\n'), 'copy test/node/fixtures/caliper-queue-readme.ts (from its first import) into the README block again')
})

describe('Caliper through a Cloudflare Queue (Miniflare)', () => {
  let mf: Miniflare
  let server: Awaited<ReturnType<typeof serveEmulator>>

  before(async () => {
    server = await serveEmulator({ seed: false, host: '127.0.0.1' })
    const { emulator } = server
    mf = new Miniflare({
      modules: true,
      script: await bundle('caliper-queue-worker.ts'),
      compatibilityDate: COMPATIBILITY_DATE,
      bindings: caliperVars(emulator),
      kvNamespaces: ['RESULTS'],
      queueProducers: { EVENTS: 'caliper-events' },
      queueConsumers: {
        'caliper-events': { maxBatchSize: 100, maxBatchTimeout: 1, maxRetries: 3, retryDelay: 0, deadLetterQueue: 'caliper-dlq' },
        'caliper-dlq': { maxBatchSize: 100, maxBatchTimeout: 1 },
      },
    })
  })
  after(async () => {
    await mf?.dispose()
    await server?.close()
  })

  it('a burst of events with the first envelope POSTs failing: every event stored once, no loss, only foreign messages dead-lettered', async () => {
    const { emulator } = server
    const fault = emulator.faults.add({ method: 'POST', path: /^\/caliper-host\/caliper\/event$/, status: 503, times: FAILING_POSTS })
    const worker = (await mf.getWorker()) as unknown as { fetch(url: string, init?: RequestInit): Promise<Response> }

    const answer = await worker.fetch(`http://worker/events?n=${EVENTS}`, { method: 'POST' })
    assert.equal(answer.status, 200, await answer.clone().text())
    const { queued, ids } = (await answer.json()) as { queued: number; ids: string[] }
    assert.equal(queued, EVENTS)
    assert.equal(new Set(ids).size, EVENTS)

    // Three messages no consumer can send: a foreign text, a foreign object, and one of our format whose event
    // the service refuses (an unknown field), which the consumer must isolate from the good events around it.
    const refused = { ...JSON.parse(JSON.stringify(validEventJson())), unknownField: true }
    for (const body of ['hello', '', `{"timebackCaliper":1,"event":${JSON.stringify(refused)}}`]) {
      const raw = await worker.fetch('http://worker/raw', { method: 'POST', body })
      assert.equal(raw.status, 200)
    }

    // Miniflare types its KV with its own undici classes; the test reads keys and text only.
    const kv = (await mf.getKVNamespace('RESULTS')) as unknown as KvReader
    const keys = async (prefix: string) => (await kv.list({ prefix })).keys.map((k) => k.name)
    const stored = () => emulator.caliper.events.map((e) => e.externalId)
    await until(async () => stored().length >= EVENTS && (await keys('dlq:')).length >= 3, `${EVENTS} events stored and 3 messages dead-lettered`)

    const batches: BatchRecord[] = await Promise.all((await keys('batch:')).map(async (k) => JSON.parse((await kv.get(k))!) as BatchRecord))
    const total = (key: keyof BatchRecord) => batches.reduce((n, b) => n + b[key], 0)
    const storedIds = stored()
    const duplicates = storedIds.length - new Set(storedIds).size
    const lost = ids.filter((id) => !storedIds.includes(id)).length
    const counts = { sent: total('sent'), retried: total('retried'), acked: total('acked'), lost, duplicates, deadLettered: (await keys('dlq:')).length }
    console.log(`queue: sent ${counts.sent}, retried ${counts.retried}, acked ${counts.acked}, lost ${counts.lost}, duplicates ${counts.duplicates}, dead-lettered ${counts.deadLettered} (foreign or refused), 503s ${fault.hits}, deliveries ${total('size')} in ${batches.length} batches`)

    assert.equal(fault.hits, FAILING_POSTS)
    assert.equal(counts.lost, 0)
    assert.equal(counts.duplicates, 0, 'no event stored twice')
    assert.deepEqual([...storedIds].sort(), [...ids].sort(), 'exactly the produced events are stored, the refused one is not')
    assert.equal(counts.sent, EVENTS)
    assert.equal(counts.acked, EVENTS, 'each good message acked once, none of the bad ones')
    // Every delivery got exactly one outcome, and every retry was reported as a failure.
    assert.equal(counts.acked + counts.retried, total('size'))
    assert.equal(counts.retried, total('failedMessages'))
    // 4 envelopes of up to 20 events failed with 503; the 3 bad messages were retried on each of their 4 deliveries.
    assert.ok(counts.retried >= FAILING_POSTS + 3 * 4, `retried ${counts.retried}`)
    assert.ok(batches.some((b) => b.maxAttempts > 1), 'retried messages came back with attempts > 1')

    const dead = await Promise.all((await keys('dlq:')).map(async (k) => JSON.parse((await kv.get(k))!) as { body: unknown; attempts: number }))
    const bodies = dead.map((d) => (typeof d.body === 'string' ? d.body.slice(0, 40) : JSON.stringify(d.body))).sort()
    assert.deepEqual(bodies, ['hello', '{"hello":"not an event"}', `{"timebackCaliper":1,"event":${JSON.stringify(refused)}}`.slice(0, 40)].sort())
  })
})

describe("the README's Queue Worker (built package, Miniflare)", () => {
  it('250 lesson completions posted at once: answered 202, then every event stored once', async () => {
    const server = await serveEmulator({ seed: false, host: '127.0.0.1' })
    const { emulator } = server
    // One 503 on the way: the client's own retry absorbs it (the Queue's retries are the test above's).
    const fault = emulator.faults.add({ method: 'POST', path: /^\/caliper-host\/caliper\/event$/, status: 503, retryAfter: 0 })
    const mf = new Miniflare({
      modules: true,
      script: await bundle('caliper-queue-readme.ts'),
      compatibilityDate: COMPATIBILITY_DATE,
      bindings: caliperVars(emulator),
      queueProducers: { EVENTS: 'caliper-events' },
      queueConsumers: { 'caliper-events': { maxBatchSize: 100, maxBatchTimeout: 1, maxRetries: 3, deadLetterQueue: 'caliper-dlq' } },
    })
    try {
      const worker = (await mf.getWorker()) as unknown as { fetch(url: string, init?: RequestInit): Promise<Response> }
      const completions = Array.from({ length: EVENTS }, (_, i) => ({ userId: `u${i}`, email: `u${i}@school.example`, lessonId: `l${i % 9}`, xp: i % 20 }))
      const answer = await worker.fetch('http://worker/completions', { method: 'POST', body: JSON.stringify(completions) })
      assert.equal(answer.status, 202, await answer.clone().text())
      const { queued, ids } = (await answer.json()) as { queued: number; ids: string[] }
      assert.equal(queued, EVENTS)
      const stored = () => emulator.caliper.events.map((e) => e.externalId)
      await until(() => stored().length >= EVENTS, `${EVENTS} events stored`)
      assert.deepEqual([...stored()].sort(), [...ids].sort())
      assert.equal(new Set(stored()).size, EVENTS, 'no event stored twice')
      assert.equal(fault.hits, 1)
      const xp = emulator.caliper.events.map((e) => (e.generated as { items: { value: number }[] }).items[0]!.value)
      assert.equal(xp.reduce((a, b) => a + b, 0), completions.reduce((a, c) => a + c.xp, 0))
    } finally {
      await mf.dispose()
      await server.close()
    }
  })
})

/** A valid ActivityEvent, written by hand (not by the SDK under test); the test adds the field the service refuses. */
function validEventJson(): Record<string, unknown> {
  return {
    '@context': 'http://purl.imsglobal.org/ctx/caliper/v1p2',
    id: 'urn:uuid:9f1c3c4e-2b7a-4f7e-9d3a-000000000bad',
    type: 'ActivityEvent',
    actor: { id: 'https://my-app.example/users/bad', type: 'TimebackUser', email: 'bad@school.example', role: 'student' },
    action: 'Completed',
    object: { id: 'https://my-app.example/lessons/1', type: 'TimebackActivityContext', subject: 'Math', app: { name: 'My App' } },
    eventTime: '2026-01-01T00:00:00.000Z',
    profile: 'TimebackProfile',
    generated: { id: 'https://my-app.example/metrics/bad', type: 'TimebackActivityMetricsCollection', items: [{ type: 'xpEarned', value: 1 }] },
  }
}
