/**
 * @module services/caliper/envelope — envelopes and the checks every outgoing event passes: the right rules
 * per item (checks.ts), type/action pairs, and a size limit. Problems become one InputValidationError whose
 * paths point into the envelope (`data[0].generated.items[1].value`), raised before any request is made.
 */

import { InputValidationError, type InputIssue } from '../../core/errors.js'
import { ITEM_CHECKS, checkEnvelopeFields, join } from './checks.js'
import { CALIPER_CONTEXT, type ActivityEvent, type TimeSpentEvent } from './profile.js'
import { unserializable } from './unserializable.js'
import { pairIssues, type CaliperEntity, type CaliperEvent } from './vocabulary.js'

/**
 * The `dataVersion` of every Caliper 1.2 envelope.
 * @example const envelope = { sensor, sendTime: new Date().toISOString(), dataVersion: DATA_VERSION, data: [event] }
 */
export const DATA_VERSION = CALIPER_CONTEXT

/**
 * Largest envelope we send: 1 MiB of UTF-8 JSON. Timeback publishes no limit; gateways in front of services
 * like it commonly refuse bodies of a few MB, and 1 MiB holds some 500 typical Timeback events, far more
 * than one request should risk. Bigger loads belong in `createQueue`, which splits them.
 */
export const MAX_ENVELOPE_BYTES = 1_048_576

/** Anything an envelope's `data` may hold. */
export type EnvelopeItem = ActivityEvent | TimeSpentEvent | CaliperEvent | CaliperEntity

/** The unit of ingestion: a sensor's batch of events (and entities). */
export interface Envelope {
  /** IRI of the sending app. */
  sensor: string
  sendTime: string
  /** Must be `DATA_VERSION` (typed as string so an object literal holding the constant still fits). */
  dataVersion: string
  data: EnvelopeItem[]
}

const MAX_REPORTED = 50

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x)

// Events made by the builders were checked when built, as the JSON text they were then, and that text is what
// every send and queue uses: checking 10,000 of them again would cost ~100 ms of CPU (a Worker's whole budget
// many times over), and a change made to the object afterwards (a toJSON or getter included) changes nothing
// that is sent. The service still validates what it gets.
const built = new WeakMap<object, string>()

/** Marks an event as checked by a builder, with the JSON text that was checked. */
export function markChecked<T extends object>(event: T, text: string): T {
  built.set(event, text)
  return event
}

/** The checked JSON text of an event a builder made, or undefined for any other object. */
export function builtText(item: object): string | undefined {
  return built.get(item)
}

/**
 * Problems of one envelope item, with paths under `at`. Timeback events get their profile's schema, other
 * events the base Event schema plus the type/action table, anything without actor/action/eventTime is an entity.
 */
export function itemIssues(item: unknown, at: string): InputIssue[] {
  if (!isObject(item)) return [{ path: at || '(root)', message: 'must be an event object' }]
  if (built.has(item)) return []
  const isEvent = 'action' in item || 'actor' in item || 'eventTime' in item
  const check =
    item.type === 'ActivityEvent' ? ITEM_CHECKS.ActivityEvent
    : item.type === 'TimeSpentEvent' ? ITEM_CHECKS.TimeSpentEvent
    : isEvent ? ITEM_CHECKS.event : ITEM_CHECKS.entity
  const issues: InputIssue[] = []
  check(item, at, issues)
  if (isEvent) {
    // The Timeback schemas already pin action and profile: report each field once.
    for (const p of pairIssues(item)) {
      const path = join(at, p.path)
      if (!issues.some((i) => i.path === path)) issues.push({ path, message: p.message })
    }
  }
  return issues
}

/** Throws InputValidationError when `item` is not a valid event or entity. */
export function assertItem(item: unknown, at: string, context: string): void {
  const issues = itemIssues(item, at)
  if (issues.length) throw invalid(issues, context)
}

export function invalid(issues: InputIssue[], context: string): InputValidationError {
  if (issues.length <= MAX_REPORTED) return new InputValidationError(issues, context)
  const shown = issues.slice(0, MAX_REPORTED)
  shown.push({ path: '(more)', message: `${issues.length - MAX_REPORTED} more problems not listed` })
  return new InputValidationError(shown, context)
}

const NON_ASCII = /[^\x00-\x7f]/

/** Bytes of `text` as UTF-8, without encoding it (JSON.stringify leaves no lone surrogates). */
export function utf8Length(text: string): number {
  let n = text.length
  if (!NON_ASCII.test(text)) return n // the common case, checked natively
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) continue
    // 2 bytes below U+0800; each half of a surrogate pair adds 1 (4 bytes per pair); the rest of the BMP 3.
    n += c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 1 : 2
  }
  return n
}

/**
 * Checks a whole envelope (fields, every item, size) and returns its JSON text, the one that is measured and
 * sent (serialized once, so nothing can change between the check and the request); throws
 * InputValidationError listing every problem (the first 50) otherwise.
 * @example
 * const json = checkEnvelope({ sensor, sendTime: new Date().toISOString(), dataVersion: DATA_VERSION, data: [event] }, 'my check')
 */
export function checkEnvelope(envelope: unknown, context: string, maxBytes = MAX_ENVELOPE_BYTES): string {
  if (!isObject(envelope)) throw new InputValidationError([{ path: 'envelope', message: 'must be an object' }], context)
  const issues: InputIssue[] = []
  checkEnvelopeFields(envelope, '', issues)
  const data = envelope.data
  if (Array.isArray(data)) data.forEach((item, i) => issues.push(...itemIssues(item, `data[${i}]`)))
  if (issues.length) throw invalid(issues, context)
  let json: string
  const texts = (data as object[]).map(builtText)
  try {
    // Builders' events go as the text they were checked as; anything else is serialized here, once.
    json = texts.every((t) => t !== undefined)
      ? `${envelopeHead(String(envelope.sensor), String(envelope.sendTime))}${texts.join(',')}]}`
      : JSON.stringify(envelope)
  } catch (error) {
    // A BigInt or a cycle: an InputValidationError naming where, like every other bad input.
    throw new InputValidationError([unserializable(envelope, '', error)], context)
  }
  const bytes = utf8Length(json)
  if (bytes > maxBytes) {
    throw new InputValidationError([{
      path: 'data',
      message: `the envelope is ${bytes} bytes of JSON, over the ${maxBytes}-byte limit: send fewer events per envelope (createQueue splits them for you)`,
    }], context)
  }
  return json
}

/**
 * The JSON text of an envelope's fields up to the opening of `data` (`{"sensor":…,"data":[`), in the key
 * order of `envelopeOf`: the queue appends events it already serialized, then `]}`.
 */
export function envelopeHead(sensor: string, sendTime: string): string {
  return `{"sensor":${JSON.stringify(sensor)},"sendTime":${JSON.stringify(sendTime)},"dataVersion":${JSON.stringify(DATA_VERSION)},"data":[`
}

/** A fresh envelope around `data`, stamped now. */
export function envelopeOf(sensor: string, data: readonly EnvelopeItem[]): Envelope {
  return { sensor, sendTime: new Date().toISOString(), dataVersion: DATA_VERSION, data: data as EnvelopeItem[] }
}
