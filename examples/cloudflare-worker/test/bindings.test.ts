// wrangler.toml and the tests must describe the same Worker: the binding names the tests give Miniflare (and
// src/worker-types.ts's Env) are the ones wrangler.toml declares, so what passes here is what deploys.
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { BINDINGS, EXAMPLE } from './harness.ts'

type Table = Record<string, string>

/** The `[[array-of-tables]]` entries and top-level keys of wrangler.toml (strings, numbers, booleans, one-line arrays). */
function readToml(text: string): { top: Table; arrays: Record<string, Table[]> } {
  const top: Table = {}
  const arrays: Record<string, Table[]> = {}
  let current: Table | undefined = top
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s+#.*$/, '').trim()
    if (!line || line.startsWith('#')) continue
    const array = /^\[\[([\w.]+)\]\]$/.exec(line)
    if (array) {
      current = {}
      ;(arrays[array[1]!] ??= []).push(current)
      continue
    }
    if (/^\[[\w.]+\]$/.test(line)) {
      current = line === '[vars]' ? undefined : {}
      continue
    }
    const kv = /^(\w+)\s*=\s*(?:"([^"]*)"|(\d+|true|false)|(\[.*\]))$/.exec(line)
    assert.ok(kv, `wrangler.toml line not understood: ${line}`)
    if (current) current[kv[1]!] = kv[2] ?? kv[3] ?? kv[4]!
  }
  return { top, arrays }
}

describe('wrangler.toml', () => {
  const { top, arrays } = readToml(readFileSync(`${EXAMPLE}/wrangler.toml`, 'utf8'))
  const envSource = readFileSync(`${EXAMPLE}/src/worker-types.ts`, 'utf8')
  const envFields = new Set([...envSource.slice(envSource.indexOf('export interface Env')).matchAll(/^\s+(\w+)\??:/gm)].map((m) => m[1]!))

  it('points at the Worker and sets a compatibility date', () => {
    assert.equal(top.main, 'src/index.ts')
    assert.ok(existsSync(`${EXAMPLE}/${top.main}`))
    assert.match(top.compatibility_date ?? '', /^\d{4}-\d{2}-\d{2}$/)
  })

  it('declares the KV namespaces, Durable Object and Queues the tests bind', () => {
    const kv = (arrays.kv_namespaces ?? []).map((t) => t.binding)
    assert.deepEqual(kv.sort(), Object.keys(BINDINGS.kvNamespaces).sort())
    const dos = (arrays['durable_objects.bindings'] ?? []).map((t) => [t.name, t.class_name])
    assert.deepEqual(dos, Object.entries(BINDINGS.durableObjects))
    assert.match(arrays.migrations?.[0]?.new_sqlite_classes ?? '', /"ClassFeed"/, 'the Durable Object class has a migration')
    const producers = (arrays['queues.producers'] ?? []).map((t) => [t.binding, t.queue])
    assert.deepEqual(producers, Object.entries(BINDINGS.queueProducers))
    const consumers = arrays['queues.consumers'] ?? []
    assert.deepEqual(consumers.map((t) => t.queue), [...BINDINGS.queueConsumers])
    assert.equal(consumers[0]?.dead_letter_queue, BINDINGS.deadLetterQueue)
  })

  it('every binding is in the Env type the code reads, and the Worker exports the Durable Object class', () => {
    for (const name of [...Object.keys(BINDINGS.kvNamespaces), ...Object.keys(BINDINGS.durableObjects), ...Object.keys(BINDINGS.queueProducers)]) {
      assert.ok(envFields.has(name), `${name} in Env (src/worker-types.ts)`)
    }
    assert.match(readFileSync(`${EXAMPLE}/src/index.ts`, 'utf8'), /export \{ ClassFeed \}/)
  })
})
