// Shared fixtures of the OneRoster suites: seed ids, valid inputs, a client factory and the standard
// create → get → list → update → delete round trip every writable resource goes through.

import type { Assert, Setup, SuiteEnv } from '../../harness/types.ts'
import type { OneRosterClient } from '../../../src/services/oneroster/index.ts'

export const ROSTERING = '/ims/oneroster/rostering/v1p2'
export const GRADEBOOK = '/ims/oneroster/gradebook/v1p2'
export const RESOURCES = '/ims/oneroster/resources/v1p2'

/** Ids of the emulator's deterministic seed. */
export const SEED = {
  district: 'seed-district-1',
  school: 'seed-school-1',
  school2: 'seed-school-2',
  term: 'seed-term-1',
  gradingPeriod: 'seed-grading-period-1',
  course: 'seed-course-1',
  class: 'seed-class-1',
  class3: 'seed-class-3',
  teacher: 'seed-teacher-1',
  student: 'seed-student-1',
  category: 'seed-category-1',
  lineItem: 'seed-line-item-1',
  scoreScale: 'seed-score-scale-1',
  resource: 'seed-resource-1',
  component: 'seed-component-1',
  assessmentLineItem: 'seed-assessment-line-item-1',
} as const

export const ref = (sourcedId: string) => ({ sourcedId })
export const DAY = '2026-02-02T00:00:00.000Z'

export function newUser(overrides: Record<string, unknown> = {}) {
  return {
    enabledUser: true,
    givenName: 'Test',
    familyName: 'Person',
    email: `person-${Math.random().toString(36).slice(2)}@example.org`,
    roles: [{ roleType: 'primary' as const, role: 'student' as const, org: ref(SEED.school) }],
    ...overrides,
  }
}

export function newLineItem(overrides: Record<string, unknown> = {}) {
  return { title: 'Homework', assignDate: DAY, dueDate: DAY, class: ref(SEED.class), school: ref(SEED.school), category: ref(SEED.category), ...overrides }
}

export function newResult(overrides: Record<string, unknown> = {}) {
  return { lineItem: ref(SEED.lineItem), student: ref(SEED.student), scoreStatus: 'fully graded' as const, scoreDate: DAY, score: 88, ...overrides }
}

/** A fresh seeded emulator and a client against it (no retries: faults in these suites are deliberate). */
export function connect(env: SuiteEnv): { s: Setup; client: OneRosterClient } {
  const s = env.setup()
  return { s, client: new env.sdk.oneroster.OneRosterClient({ ...s.options, maxRetries: 0 }) }
}

/** Requests the emulator saw after `from`, as `METHOD /raw/path` (token requests left out). */
export function seen(s: Setup, from = 0): string[] {
  return s.emulator.requests.slice(from).filter((r) => !r.url.startsWith(s.emulator.tokenUrl)).map((r) => `${r.method} ${r.path}`)
}

/** The resource shape the round trip needs (any OneRoster write resource). */
interface Writable {
  create(data: any): Promise<{ sourcedId: string }>
  get(id: string): Promise<any>
  exists(id: string): Promise<boolean>
  list(params?: any): Promise<{ data: any[] }>
  update(id: string, data: any): Promise<void>
  delete(id: string): Promise<void>
}

export interface RoundTrip {
  /** A valid create input whose `field` holds a value unique to this test. */
  input: Record<string, unknown>
  /** Field used for `where` and for the update (a string field such as `title` or `name`). */
  field: string
}

/** create → get → list with where → update → get → delete → get shows `tobedeleted`. Returns the id. */
export async function roundTrip(assert: Assert, r: Writable, { input, field }: RoundTrip): Promise<string> {
  const created = await r.create(input)
  const id = created.sourcedId
  assert.equal(typeof id, 'string')
  const got = await r.get(id)
  assert.equal(got.sourcedId, id)
  assert.equal(got[field], input[field], `get returns the ${field} written`)
  assert.equal(got.status, 'active')
  const found = await r.list({ where: { [field]: input[field] as string } })
  assert.deepEqual(found.data.map((x) => x.sourcedId), [id], `list where ${field}`)
  const renamed = `${String(input[field])} (renamed)`
  await r.update(id, { ...input, [field]: renamed })
  assert.equal((await r.get(id))[field], renamed, 'update replaced the field')
  assert.equal(await r.exists(id), true)
  await r.delete(id)
  assert.equal((await r.get(id)).status, 'tobedeleted', 'delete is a soft delete')
  return id
}
