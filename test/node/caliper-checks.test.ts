// Caliper's sends check events with hand-written rules (src/services/caliper/checks.ts) so that a Worker that
// only sends events does not bundle valibot; the public valibot schemas (schemas.ts) state the same rules for
// users. This test holds the two to the same answers: over a corpus of valid events and every one-field
// mutation of them (removed, replaced by odd values, an unknown field added), the paths and messages of the
// hand-written checks equal those the schemas gave through the old envelope.ts mapping.

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import * as v from 'valibot'
import { createActivityEvent, createCaliperEvent, createTimeSpentEvent } from '../../src/services/caliper/builders.ts'
import { ITEM_CHECKS, checkEnvelopeFields } from '../../src/services/caliper/checks.ts'
import { itemIssues } from '../../src/services/caliper/envelope.ts'
import {
  ActivityEventSchema, CaliperEntitySchema, CaliperEventSchema, EnvelopeSchema, TimeSpentEventSchema,
} from '../../src/services/caliper/schemas.ts'
import { pairIssues } from '../../src/services/caliper/vocabulary.ts'

// ---- the reference: itemIssues as it was with the schemas (envelope.ts before issue 7) ----
function pathOf(issue: v.BaseIssue<unknown>, prefix: string): string {
  let out = prefix
  for (const item of issue.path ?? []) {
    const key = (item as { key?: unknown }).key
    out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key)
  }
  return out || '(root)'
}
function messageOf(issue: v.BaseIssue<unknown>): string {
  if (issue.type === 'strict_object' && issue.expected === 'never') return 'is not an allowed field here'
  if (issue.kind === 'schema' && issue.input === undefined) return 'is required'
  // valibot's own wording for a non-object where an object belongs; the hand-written check says it plainly.
  if (/^Invalid type: Expected Object but received /.test(issue.message)) return 'must be an object'
  return issue.message
}
const schemaIssues = (schema: v.GenericSchema, value: unknown, at: string) => {
  const result = v.safeParse(schema, value)
  return result.success ? [] : result.issues.map((issue) => ({ path: pathOf(issue, at), message: messageOf(issue) }))
}
function referenceItemIssues(item: unknown, at: string) {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return [{ path: at || '(root)', message: 'must be an event object' }]
  const record = item as Record<string, unknown>
  const isEvent = 'action' in record || 'actor' in record || 'eventTime' in record
  const schema = record.type === 'ActivityEvent' ? ActivityEventSchema : record.type === 'TimeSpentEvent' ? TimeSpentEventSchema : isEvent ? CaliperEventSchema : CaliperEntitySchema
  const issues = schemaIssues(schema, item, at)
  if (isEvent) {
    for (const p of pairIssues(record)) {
      const path = at ? `${at}.${p.path}` : p.path
      if (!issues.some((i) => i.path === path)) issues.push({ path, message: p.message })
    }
  }
  return issues
}

// ---- the corpus ----
const actor = { id: 'https://app.example/users/1', email: 'ada@example.com', role: 'student' as const, name: 'Ada', extensions: { a: 1 } }
const object = {
  id: 'https://app.example/lessons/7', subject: 'Math' as const, app: { name: 'App', id: 'https://app.example' },
  course: { name: 'Algebra' }, activity: { name: 'Quiz', extensions: {} }, process: true,
}
const plain = (x: unknown) => JSON.parse(JSON.stringify(x)) as Record<string, unknown>
const SEEDS: Record<string, unknown>[] = [
  plain(createActivityEvent({ actor, object, metrics: [{ type: 'xpEarned', value: 10 }, { type: 'totalQuestions', value: 3 }], attempt: 2, edApp: 'https://app.example', extensions: { x: 1 } })),
  plain(createTimeSpentEvent({ actor, object, metrics: [{ type: 'active', value: 60, subType: 's', startDate: '2026-01-01T00:00:00Z', endDate: '2026-01-01T00:01:00.000Z' }, { type: 'waste', value: 1 }], session: { id: 'https://app.example/s/1', type: 'Session' } })),
  plain(createCaliperEvent({ type: 'SessionEvent', action: 'LoggedIn', actor: 'https://app.example/users/1', object: { id: 'https://app.example', type: 'SoftwareApplication' } })),
  plain(createCaliperEvent({ type: 'NavigationEvent', action: 'NavigatedTo', profile: 'ReadingProfile', actor: 'https://app.example/u', object: 'https://app.example/p', generated: 'https://app.example/g' })),
  plain(createCaliperEvent({ type: 'Event', action: 'Anything', actor: 'https://app.example/u', object: 'https://app.example/p' })),
  { id: 'https://app.example/users/1', type: 'Person', name: 'Ada', description: 'd', dateCreated: '2026-01-01T00:00:00Z', otherIdentifiers: ['https://x.example', { id: 'y' }], extensions: {} },
]
const ODD: unknown[] = [
  undefined, null, 0, -1, 0.5, 1e6, Number.NaN, Number.POSITIVE_INFINITY, true, '', 'x', 'not a url', 'https://ok.example/x',
  'urn:uuid:1', '2026-13-01T00:00:00Z', '2026-01-01T00:00:00Z', 'a@b', 'ada@example.com', [], [1], ['x'], {}, { id: 1 }, { name: '' },
  'student', 'Math', 'xpEarned', 'active', 'TimebackUser', 'Completed', 'ReadingProfile', 'Viewed',
]

/** Every [path as keys, value] inside `value`, objects and arrays included. */
function places(value: unknown, keys: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [keys]
  const inner = Object.keys(value).flatMap((k) => places((value as Record<string, unknown>)[k], [...keys, Array.isArray(value) ? Number(k) : k]))
  return [keys, ...inner]
}
function mutate(seed: unknown, keys: (string | number)[], change: (parent: Record<string | number, unknown>, key: string | number) => void): unknown {
  const copy = structuredClone(seed) as Record<string | number, unknown>
  let parent = copy
  for (const k of keys.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>
  change(parent, keys[keys.length - 1]!)
  return copy
}
function corpus(): unknown[] {
  const out: unknown[] = [...SEEDS, ...ODD]
  for (const seed of SEEDS) {
    for (const keys of places(seed)) {
      if (!keys.length) continue
      out.push(mutate(seed, keys, (p, k) => (Array.isArray(p) ? p.splice(Number(k), 1) : delete p[k])))
      for (const odd of ODD) out.push(mutate(seed, keys, (p, k) => void (p[k] = odd)))
      out.push(mutate(seed, keys, (p, k) => void (typeof p[k] === 'object' && p[k] !== null && !Array.isArray(p[k]) ? ((p[k] as Record<string, unknown>).surprise = 1) : (p.surprise2 = 1))))
    }
  }
  return out
}

describe('caliper: the hand-written event checks', () => {
  it('give the paths and messages the valibot schemas gave, for every item of the corpus', () => {
    const inputs = corpus()
    assert.ok(inputs.length > 2000, `corpus of ${inputs.length}`)
    let refused = 0
    for (const [i, input] of inputs.entries()) {
      const at = i % 2 ? `data[${i}]` : ''
      const want = referenceItemIssues(input, at)
      if (want.length) refused++
      assert.deepEqual(itemIssues(input, at), want, `for ${JSON.stringify(input)}`)
    }
    assert.ok(refused > inputs.length / 2, `${refused} refusals compared`)
  })

  it("check an envelope's own fields as EnvelopeSchema did", () => {
    const good = { sensor: 'https://app.example/s', sendTime: '2026-01-01T00:00:00Z', dataVersion: 'http://purl.imsglobal.org/ctx/caliper/v1p2', data: [{}] }
    const inputs: unknown[] = [good, { ...good, data: [] }, { ...good, extra: 1 }, {}, [], ...ODD]
    for (const key of Object.keys(good)) for (const odd of ODD) inputs.push({ ...good, [key]: odd })
    for (const input of inputs) {
      const got: { path: string; message: string }[] = []
      checkEnvelopeFields(input, '', got)
      assert.deepEqual(got, schemaIssues(EnvelopeSchema, input, ''), `for ${JSON.stringify(input)}`)
    }
  })

  it('each check is the one itemIssues picks (the table has every kind)', () => {
    assert.deepEqual(Object.keys(ITEM_CHECKS).sort(), ['ActivityEvent', 'TimeSpentEvent', 'entity', 'event'])
  })
})
