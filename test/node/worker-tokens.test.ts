// The README's Worker, built per request, in real workerd isolates (Miniflare) with real KV: how many token
// requests reach the emulator. The same scenarios are printed by `npm run bench`.

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { measureWorkerTokens } from './fixtures/worker-tokens.ts'

describe('worker token requests (Miniflare, README pattern)', () => {
  it('one per isolate cold, none warm, at most one per isolate across a shared KV', async () => {
    const counts = await measureWorkerTokens()
    console.log(`worker token requests: ${JSON.stringify(counts)}`)
    assert.equal(counts.oneIsolateCold, 1, '50 concurrent cold requests on one isolate')
    assert.equal(counts.oneIsolateWarm, 0, 'a warm isolate')
    assert.ok(counts.twoIsolatesCold >= 1 && counts.twoIsolatesCold <= 2, `2 isolates x 10 cold requests: ${counts.twoIsolatesCold}`)
    assert.equal(counts.secondIsolateAfterKv, 0, 'a cold isolate finds the token another isolate put in KV')
    assert.equal(counts.caliperQueueCold, 1, "20 concurrent cold requests of the README's Caliper queue example")
  })
})
