// The webhook envelope check is hand-written (src/services/webhooks/read-envelope.ts) so that a receive-only
// bundle carries no valibot. It must refuse exactly what the valibot schemas it replaced refused, at the same
// paths, and pick out the same events: this test keeps those schemas as the reference and compares the two
// over a corpus of hostile and odd envelopes.

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import * as v from 'valibot'
import { readEnvelope } from '../../src/services/webhooks/read-envelope.ts'
import { isInputValidationError } from '../../src/core/errors.ts'

// ---- the reference: the schemas and the procedure readEnvelope used before (events.ts, issue 6) ----
const text = (what: string) => v.string(`${what} must be a string`)
const ref = v.union([v.string(), v.looseObject({})], 'must be an IRI string or an entity object')
const EnvelopeSchema = v.looseObject({
  sensor: text('sensor'),
  sendTime: text('sendTime'),
  dataVersion: text('dataVersion'),
  data: v.pipe(v.array(v.looseObject({ id: text('id'), type: text('type') }), 'must be an array'), v.minLength(1, 'must hold at least one event')),
})
const EventSchema = v.looseObject({ id: text('id'), type: text('type'), actor: ref, action: text('action'), object: ref, eventTime: text('eventTime') })
const pathsOf = (result: v.SafeParseResult<v.GenericSchema>, prefix: string) =>
  result.success ? [] : result.issues.map((issue) => [prefix, v.getDotPath(issue)].filter(Boolean).join('.') || '(root)')

// Events are compared by their place in `data`: valibot returned copies (turning an array actor into `{}`),
// the hand-written check returns the parsed items themselves, so nothing is lost.
function reference(value: unknown): { paths: string[] } | { events: number[] } {
  const head = v.safeParse(EnvelopeSchema, value)
  if (!head.success) return { paths: pathsOf(head, '') }
  const paths: string[] = []
  const events: number[] = []
  head.output.data.forEach((item, i) => {
    if (!('action' in item)) return
    const result = v.safeParse(EventSchema, item)
    if (result.success) events.push(i)
    else paths.push(...pathsOf(result, `data.${i}`))
  })
  return paths.length ? { paths } : { events }
}

function handWritten(value: unknown): { paths: string[] } | { events: number[] } {
  try {
    const { envelope, events } = readEnvelope(value)
    assert.equal(envelope, value, 'the envelope is the parsed value itself')
    return { events: events.map((event) => envelope.data.indexOf(event)) }
  } catch (error) {
    assert.ok(isInputValidationError(error), `readEnvelope threw ${String(error)}`)
    return { paths: error.issues.map((i) => i.path) }
  }
}

// ---- the corpus ----
const EVENT = { id: 'urn:uuid:1', type: 'ActivityEvent', actor: 'https://a/u/1', action: 'Completed', object: { id: 'https://a/l/7', type: 'X' }, eventTime: '2026-01-01T00:00:00Z' }
const ENTITY = { id: 'https://a/u/1', type: 'Person' }
const ENVELOPE = { sensor: 'https://a/s', sendTime: '2026-01-01T00:00:01Z', dataVersion: 'http://purl.imsglobal.org/ctx/caliper/v1p2', data: [EVENT] }
const ODD_VALUES: unknown[] = [undefined, null, 0, 1.5, true, '', 'x', [], [1], {}, { id: 'x' }]

function corpus(): unknown[] {
  const out: unknown[] = [ENVELOPE, { ...ENVELOPE, data: [ENTITY, EVENT, { ...EVENT, extra: 1 }] }, ...ODD_VALUES, ['a', 'b']]
  const without = (o: Record<string, unknown>, key: string) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== key))
  for (const key of Object.keys(ENVELOPE)) {
    out.push(without(ENVELOPE, key))
    for (const odd of ODD_VALUES) out.push({ ...ENVELOPE, [key]: odd })
  }
  for (const item of ODD_VALUES) out.push({ ...ENVELOPE, data: [ENTITY, item] })
  for (const key of Object.keys(EVENT)) {
    out.push({ ...ENVELOPE, data: [without(EVENT, key)] })
    for (const odd of ODD_VALUES) out.push({ ...ENVELOPE, data: [ENTITY, { ...EVENT, [key]: odd }, EVENT] })
  }
  // Several bad things at once: every one is reported, in order.
  out.push({ sensor: 1, data: [{ id: 2 }, 3, { ...EVENT, actor: 4 }] })
  out.push({ ...ENVELOPE, data: [{ ...EVENT, actor: null, eventTime: 5 }, { ...EVENT, id: null }] })
  out.push({ ...ENVELOPE, data: [{ ...EVENT, actor: null }, { ...EVENT, object: [], eventTime: undefined }] })
  return out
}

describe('webhooks: the hand-written envelope check', () => {
  it('refuses what the valibot schemas refused, at the same paths, and keeps the same events', () => {
    const inputs = corpus()
    assert.ok(inputs.length > 120, `corpus of ${inputs.length}`)
    let refused = 0
    for (const input of inputs) {
      const want = reference(JSON.parse(JSON.stringify(input) ?? 'null') ?? input)
      const got = handWritten(JSON.parse(JSON.stringify(input) ?? 'null') ?? input)
      if ('paths' in want) refused++
      assert.deepEqual(got, want, `for ${JSON.stringify(input)}`)
    }
    assert.ok(refused > 100, `${refused} refusals compared`)
  })

  it('names the problem in each message', () => {
    const messages = (value: unknown) => {
      try {
        readEnvelope(value)
        return []
      } catch (error) {
        return isInputValidationError(error) ? error.issues.map((i) => `${i.path}: ${i.message}`) : [String(error)]
      }
    }
    assert.deepEqual(messages(5), ['(root): must be a Caliper envelope object'])
    assert.deepEqual(messages({ ...ENVELOPE, sensor: 5, data: [] }), ['sensor: must be a string', 'data: must hold at least one event'])
    assert.deepEqual(messages({ ...ENVELOPE, data: 'x' }), ['data: must be an array'])
    assert.deepEqual(messages({ ...ENVELOPE, data: [7, { type: 'T' }] }), ['data.0: must be an event or entity object', 'data.1.id: is required'])
    assert.deepEqual(messages({ ...ENVELOPE, data: [{ ...EVENT, actor: 7 }] }), ['data.0.actor: must be an IRI string or an entity object'])
  })
})
