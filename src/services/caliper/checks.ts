/**
 * @module services/caliper/checks — the checks every outgoing Caliper event and envelope passes, written by
 * hand. They state the same rules as the public valibot schemas (schemas.ts) and give the same paths and
 * messages (test/node/caliper-checks.test.ts compares the two over a large corpus), in about a fifth of the
 * bytes: a Worker that only sends events no longer bundles valibot's object, pipe and picklist machinery.
 */

import { EMAIL_REGEX, ISO_TIMESTAMP_REGEX } from 'valibot'
import type { InputIssue } from '../../core/errors.js'
import { ACTIVITY_METRIC_TYPES, CALIPER_CONTEXT, MAX_TIME_SPENT_SECONDS, SUBJECTS, TIME_SPENT_METRIC_TYPES, USER_ROLES } from './profile.js'
import { PROFILES } from './vocabulary.js'

/** Checks `value` (found at `path`), adding what is wrong to `out`. */
export type Check = (value: unknown, path: string, out: InputIssue[]) => void
/** A test of a value already of the right type, and the message when it fails. */
type Rule = [test: (value: never) => boolean, message: string]

/** `data[0].actor.email` from a path and a key, as the schemas' issue paths print. */
export const join = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key

const add = (out: InputIssue[], path: string, message: string) => out.push({ path: path || '(root)', message })
const isPlainObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x)

/** A value of one type (`is`), then every rule that fails (all are reported, as valibot's pipes do). */
function typed(is: (value: unknown) => boolean, message: string, ...rules: Rule[]): Check {
  return (value, path, out) => {
    if (!is(value)) return void add(out, path, value === undefined ? 'is required' : message)
    for (const [test, fail] of rules) if (!test(value as never)) add(out, path, fail)
  }
}

const string = (...rules: Rule[]) => typed((x) => typeof x === 'string', 'must be a string', ...rules)
const number = (...rules: Rule[]) => typed((x) => typeof x === 'number' && !Number.isNaN(x), 'must be a number', ...rules)
const oneOf = (values: readonly unknown[], message: string) => typed((x) => values.includes(x), message)
const list = (values: readonly string[]) => values.map((x) => `'${x}'`).join(', ')
const canParse = (x: string) => {
  try {
    return Boolean(new URL(x))
  } catch {
    return false
  }
}

/**
 * An object whose `entries` are checked in order (a key ending in `?` is optional); `strict` also refuses the
 * first field it does not know. Arrays count as objects here, as they do for the schemas.
 */
function object(entries: Record<string, Check>, strict = false): Check {
  const fields = Object.entries(entries).map(([entry, check]) => [entry.replace(/\?$/, ''), entry.endsWith('?'), check] as const)
  const known = new Set(fields.map(([key]) => key))
  return (value, path, out) => {
    if (!value || typeof value !== 'object') return void add(out, path, value === undefined ? 'is required' : 'must be an object')
    const item = value as Record<string, unknown>
    for (const [key, optional, check] of fields) {
      if (!(key in item)) {
        if (!optional) add(out, join(path, key), 'is required')
      } else if (!optional || item[key] !== undefined) check(item[key], join(path, key), out)
    }
    if (strict) {
      for (const key in item) {
        if (!known.has(key)) {
          add(out, join(path, key), 'is not an allowed field here')
          break
        }
      }
    }
  }
}

/** An array of `item`s; with `empty`, at least one. */
const items = (item: Check, message: string, empty?: string): Check => (value, path, out) => {
  if (!Array.isArray(value)) return void add(out, path, value === undefined ? 'is required' : message)
  for (let i = 0; i < value.length; i++) item(value[i], join(path, i), out) // holes too, as the schemas do
  if (empty && !value.length) add(out, path, empty)
}

export const iri = string([canParse, 'must be an absolute IRI, e.g. https://…'])
const urnId = string([(x: string) => /^urn:uuid:./.test(x), "must be a UUID URN ('urn:uuid:…')"])
export const dateTime = string([(x: string) => ISO_TIMESTAMP_REGEX.test(x), 'must be an ISO 8601 date-time, e.g. 2025-01-31T12:00:00.000Z'])
const extensions = typed(isPlainObject, 'must be an object')
const iriOrEntity = typed((x) => typeof x === 'string' || isPlainObject(x), 'must be an IRI string or an object')
const nonEmpty = string([(x: string) => x.length > 0, 'must not be empty'])
const optionalString = string()
const literal = (x: string) => oneOf([x], `must be '${x}'`)
const finite: Rule = [Number.isFinite, 'must be a finite number']

const eventContext = {
  '@context?': iri, 'edApp?': iriOrEntity, 'target?': iriOrEntity, 'referrer?': iriOrEntity, 'group?': iriOrEntity,
  'membership?': iriOrEntity, 'session?': iriOrEntity, 'federatedSession?': iriOrEntity, 'extensions?': extensions,
}
const namedRef = object({ name: nonEmpty, 'id?': iri, 'extensions?': extensions })
const user = object({
  id: iri, type: literal('TimebackUser'), email: string([(x: string) => EMAIL_REGEX.test(x), 'must be an email address']),
  'name?': optionalString, 'role?': oneOf(USER_ROLES, `must be one of ${list(USER_ROLES)}`), 'extensions?': extensions,
}, true)
const activityContext = object({
  id: iri, type: literal('TimebackActivityContext'), subject: oneOf(SUBJECTS, `must be one of ${list(SUBJECTS)}`),
  app: namedRef, 'course?': namedRef, 'activity?': namedRef, 'process?': typed((x) => typeof x === 'boolean', 'must be a boolean'),
})
const metrics = (item: Check) => items(item, 'must be an array', 'must hold at least one metric')
const activityMetrics = object({
  id: iri, type: literal('TimebackActivityMetricsCollection'),
  items: metrics(object({
    type: oneOf(ACTIVITY_METRIC_TYPES, `must be one of ${list(ACTIVITY_METRIC_TYPES)}`),
    value: number(finite, [(x: number) => x >= 0, 'must be >= 0']), 'extensions?': extensions,
  })),
  'attempt?': number([Number.isInteger, 'must be an integer'], [(x: number) => x >= 1, 'must be >= 1']), 'extensions?': extensions,
})
const timeSpentMetrics = object({
  id: iri, type: literal('TimebackTimeSpentMetricsCollection'),
  items: metrics(object({
    type: oneOf(TIME_SPENT_METRIC_TYPES, `must be one of ${list(TIME_SPENT_METRIC_TYPES)}`),
    value: number(finite, [(x: number) => x >= 0, 'must be >= 0 seconds'], [(x: number) => x <= MAX_TIME_SPENT_SECONDS, `must be <= ${MAX_TIME_SPENT_SECONDS} seconds (one day)`]),
    'subType?': optionalString, 'startDate?': dateTime, 'endDate?': dateTime, 'extensions?': extensions,
  })),
  'extensions?': extensions,
})
const timebackEvent = (action: string, type: string, generated: Check) => object({
  ...eventContext, id: urnId, type: literal(type), action: oneOf([action], `must be '${action}' for ${type}`),
  profile: literal('TimebackProfile'), actor: user, object: activityContext, eventTime: dateTime, generated,
}, true)

/** The checks of an envelope item, chosen as `itemIssues` chooses: by `type`, then event or entity. */
export const ITEM_CHECKS = {
  ActivityEvent: /* @__PURE__ */ timebackEvent('Completed', 'ActivityEvent', activityMetrics),
  TimeSpentEvent: /* @__PURE__ */ timebackEvent('SpentTime', 'TimeSpentEvent', timeSpentMetrics),
  event: /* @__PURE__ */ object({
    ...eventContext, id: urnId, type: nonEmpty, action: nonEmpty,
    'profile?': oneOf(PROFILES, 'is not a Caliper profile Timeback supports'),
    actor: iriOrEntity, object: iriOrEntity, eventTime: dateTime, 'generated?': iriOrEntity,
  }, true),
  entity: /* @__PURE__ */ object({
    '@context?': iri, id: iri, type: nonEmpty, 'name?': optionalString, 'description?': optionalString,
    'dateCreated?': dateTime, 'dateModified?': dateTime, 'extensions?': extensions,
    'otherIdentifiers?': items(iriOrEntity, 'must be an array'),
  }, true),
}

/** An envelope's own fields; its items are checked one by one (`itemIssues`), for precise paths. */
export const checkEnvelopeFields: Check = /* @__PURE__ */ object({
  sensor: iri, sendTime: dateTime, dataVersion: literal(CALIPER_CONTEXT),
  data: items(() => undefined, 'must be an array of events', 'must hold at least one event'),
}, true)
