// Envelope checks of the emulated Caliper host, written from the spec independently of the SDK's client
// schemas (so the emulator can catch a client that sends what the service would refuse). Each problem is
// reported as `{ path, message }` in the `errors` of a `{ status: 'error' }` body.

export interface CaliperProblem {
  path: string
  message: string
}

export const DATA_VERSION = 'http://purl.imsglobal.org/ctx/caliper/v1p2'

const PROFILES = new Set([
  'AnnotationProfile', 'AssessmentProfile', 'ToolUseProfile', 'GeneralProfile', 'FeedbackProfile', 'MediaProfile',
  'SurveyProfile', 'ResourceManagementProfile', 'ForumProfile', 'AssignableProfile', 'GradingProfile',
  'ReadingProfile', 'SessionProfile', 'SearchProfile', 'ToolLaunchProfile', 'TimebackProfile',
])
// The spec's six subjects plus the four newer ones the official SDKs send.
const SUBJECTS = new Set(['Science', 'Math', 'Reading', 'Language', 'Social Studies', 'None', 'Vocabulary', 'Writing', 'FastMath', 'Other'])
const ROLES = new Set(['student', 'teacher', 'admin', 'guide'])
const EVENT_FIELDS = new Set([
  '@context', 'id', 'type', 'actor', 'action', 'object', 'eventTime', 'profile', 'edApp', 'generated', 'target',
  'referrer', 'group', 'membership', 'session', 'federatedSession', 'extensions',
])
const ENTITY_FIELDS = new Set(['@context', 'id', 'type', 'name', 'description', 'dateCreated', 'dateModified', 'extensions', 'otherIdentifiers'])
const USER_FIELDS = new Set(['id', 'type', 'email', 'name', 'role', 'extensions'])
const TIMEBACK: Record<string, { action: string; collection: string; metrics: Set<string> }> = {
  ActivityEvent: {
    action: 'Completed',
    collection: 'TimebackActivityMetricsCollection',
    metrics: new Set(['xpEarned', 'totalQuestions', 'correctQuestions', 'masteredUnits']),
  },
  TimeSpentEvent: {
    action: 'SpentTime',
    collection: 'TimebackTimeSpentMetricsCollection',
    metrics: new Set(['active', 'inactive', 'waste', 'unknown', 'anti-pattern']),
  },
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/
const IRI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/

export const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x)
const isString = (x: unknown): x is string => typeof x === 'string' && x !== ''

class Checker {
  readonly problems: CaliperProblem[] = []
  add(path: string, message: string): void {
    this.problems.push({ path, message })
  }
  iri(value: unknown, path: string): void {
    if (!isString(value) || !IRI.test(value)) this.add(path, 'must be a URI')
  }
  dateTime(value: unknown, path: string, optional = false): void {
    if (optional && value === undefined) return
    if (!isString(value) || !DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) this.add(path, 'must be an ISO 8601 date-time')
  }
  stringOrObject(value: unknown, path: string, optional = true): void {
    if (optional && value === undefined) return
    if (!isString(value) && !isRecord(value)) this.add(path, 'must be a string or an object')
  }
  only(value: Record<string, unknown>, allowed: Set<string>, path: string): void {
    for (const key of Object.keys(value)) if (!allowed.has(key)) this.add(`${path}.${key}`, 'is not an allowed property')
  }
}

function checkTimeback(c: Checker, e: Record<string, unknown>, at: string): void {
  const rule = TIMEBACK[e.type as string]!
  if (e.action !== rule.action) c.add(`${at}.action`, `must be '${rule.action}'`)
  if (e.profile !== 'TimebackProfile') c.add(`${at}.profile`, "must be 'TimebackProfile'")
  const actor = e.actor
  if (!isRecord(actor)) c.add(`${at}.actor`, 'must be a TimebackUser object')
  else {
    c.iri(actor.id, `${at}.actor.id`)
    if (actor.type !== 'TimebackUser') c.add(`${at}.actor.type`, "must be 'TimebackUser'")
    if (!isString(actor.email) || !actor.email.includes('@')) c.add(`${at}.actor.email`, 'must be an email address')
    if (actor.role !== undefined && !ROLES.has(actor.role as string)) c.add(`${at}.actor.role`, 'is not a TimebackUser role')
    c.only(actor, USER_FIELDS, `${at}.actor`)
  }
  const object = e.object
  if (!isRecord(object)) c.add(`${at}.object`, 'must be a TimebackActivityContext object')
  else {
    c.iri(object.id, `${at}.object.id`)
    if (object.type !== 'TimebackActivityContext') c.add(`${at}.object.type`, "must be 'TimebackActivityContext'")
    if (!SUBJECTS.has(object.subject as string)) c.add(`${at}.object.subject`, 'is not a supported subject')
    if (!isRecord(object.app) || !isString(object.app.name)) c.add(`${at}.object.app.name`, 'is required')
  }
  const generated = e.generated
  if (!isRecord(generated)) {
    c.add(`${at}.generated`, `must be a ${rule.collection}`)
    return
  }
  c.iri(generated.id, `${at}.generated.id`)
  if (generated.type !== rule.collection) c.add(`${at}.generated.type`, `must be '${rule.collection}'`)
  if (!Array.isArray(generated.items)) {
    c.add(`${at}.generated.items`, 'must be an array')
    return
  }
  generated.items.forEach((item, i) => {
    const p = `${at}.generated.items[${i}]`
    if (!isRecord(item)) return c.add(p, 'must be an object')
    if (!rule.metrics.has(item.type as string)) c.add(`${p}.type`, 'is not a metric type of this collection')
    if (typeof item.value !== 'number' || !Number.isFinite(item.value)) c.add(`${p}.value`, 'must be a number')
  })
}

function checkItem(c: Checker, item: unknown, at: string): void {
  if (!isRecord(item)) return c.add(at, 'must be an Event or Entity object')
  if (!('action' in item || 'actor' in item || 'eventTime' in item)) {
    c.iri(item.id, `${at}.id`)
    if (!isString(item.type)) c.add(`${at}.type`, 'is required')
    return c.only(item, ENTITY_FIELDS, at)
  }
  if (!isString(item.id) || !item.id.startsWith('urn:uuid:')) c.add(`${at}.id`, "must match ^urn:uuid:")
  if (!isString(item.type)) c.add(`${at}.type`, 'is required')
  if (!isString(item.action)) c.add(`${at}.action`, 'is required')
  c.stringOrObject(item.actor, `${at}.actor`, false)
  c.stringOrObject(item.object, `${at}.object`, false)
  c.dateTime(item.eventTime, `${at}.eventTime`)
  if (item.profile !== undefined && !PROFILES.has(item.profile as string)) c.add(`${at}.profile`, 'is not a supported profile')
  for (const key of ['edApp', 'generated', 'target', 'referrer', 'group', 'membership', 'session', 'federatedSession']) {
    c.stringOrObject(item[key], `${at}.${key}`)
  }
  if (item.extensions !== undefined && !isRecord(item.extensions)) c.add(`${at}.extensions`, 'must be an object')
  c.only(item, EVENT_FIELDS, at)
  if (TIMEBACK[item.type as string]) checkTimeback(c, item, at)
}

/** Problems of an envelope (empty when it is valid). */
export function checkEnvelope(body: unknown): CaliperProblem[] {
  const c = new Checker()
  if (!isRecord(body)) {
    c.add('(body)', 'must be a Caliper envelope object')
    return c.problems
  }
  c.iri(body.sensor, 'sensor')
  c.dateTime(body.sendTime, 'sendTime')
  if (body.dataVersion !== DATA_VERSION) c.add('dataVersion', `must be '${DATA_VERSION}'`)
  if (!Array.isArray(body.data)) c.add('data', 'must be an array')
  else if (body.data.length === 0) c.add('data', 'must contain at least 1 item')
  else body.data.forEach((item, i) => checkItem(c, item, `data[${i}]`))
  return c.problems
}

/** True for data items that are events (stored), as opposed to entities (context only). */
export function isEvent(item: Record<string, unknown>): boolean {
  return 'action' in item || 'actor' in item || 'eventTime' in item
}
