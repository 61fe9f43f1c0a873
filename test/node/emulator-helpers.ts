// Shared helpers of the emulator's Node tests (test/node/emulator-*.test.ts): an emulator with a token and a
// small request helper, and imsx assertions. Not a test file itself.
import assert from 'node:assert/strict'
import { createEmulator } from '../../src/testing/index.ts'
import type { Emulator, EmulatorOptions } from '../../src/testing/index.ts'

export const R = '/ims/oneroster/rostering/v1p2'
export const G = '/ims/oneroster/gradebook/v1p2'
export const RS = '/ims/oneroster/resources/v1p2'
export const enc = encodeURIComponent

export type Json = Record<string, any>

export function tokenRequest(emu: Emulator, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return emu.fetch(emu.tokenUrl, { method: 'POST', headers, body: new URLSearchParams(fields) })
}

export async function mintToken(emu: Emulator): Promise<string> {
  const { clientId, clientSecret } = emu.credentials
  const res = await tokenRequest(emu, { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret })
  assert.equal(res.status, 200)
  return ((await res.json()) as Json).access_token as string
}

/** An emulator plus a token and a small request helper answering `{ status, body, res }`. */
export async function connect(options?: EmulatorOptions) {
  const emu = createEmulator(options)
  const token = await mintToken(emu)
  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await emu.fetch(`${emu.origin}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    })
    const text = await res.text()
    let parsed: any = text
    try { parsed = text === '' ? undefined : JSON.parse(text) } catch { /* left as text */ }
    return { status: res.status, body: parsed as Json, res, text }
  }
  const get = (path: string) => call('GET', path)
  return { emu, token, call, get }
}

export const ids = (list: Json[]): string[] => list.map((e) => e.sourcedId)
export const ref = (sourcedId: string) => ({ sourcedId })

export function assertImsx(body: Json, minor: string, description?: RegExp): void {
  assert.equal(body.imsx_codeMajor, 'failure')
  assert.equal(body.imsx_severity, 'error')
  assert.equal(body.imsx_CodeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldName, 'TargetEndSystem')
  assert.equal(body.imsx_CodeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue, minor)
  if (description) assert.match(body.imsx_description, description)
}

/** The seeded record a spec route's `{sourcedId}` names, by the collection segment before it. */
export const COLLECTION_IDS: Record<string, string> = {
  users: 'seed-student-1', students: 'seed-student-1', teachers: 'seed-teacher-1', schools: 'seed-school-1', orgs: 'seed-district-1',
  classes: 'seed-class-1', courses: 'seed-course-1', enrollments: 'seed-enrollment-s1', academicSessions: 'seed-term-1', terms: 'seed-term-1',
  gradingPeriods: 'seed-grading-period-1', demographics: 'seed-student-1', lineItems: 'seed-line-item-1', results: 'seed-result-1',
  categories: 'seed-category-1', scoreScales: 'seed-score-scale-1', assessmentLineItems: 'seed-assessment-line-item-1',
  assessmentResults: 'seed-assessment-result-1', resources: 'seed-resource-1', components: 'seed-component-1',
  'component-resources': 'seed-component-resource-1',
}

/** The seeded record each named path parameter of the spec stands for. */
export const PARAM_IDS: Record<string, string> = {
  schoolSourcedId: 'seed-school-1', classSourcedId: 'seed-class-1', studentSourcedId: 'seed-student-1', teacherSourcedId: 'seed-teacher-1',
  termSourcedId: 'seed-term-1', courseSourcedId: 'seed-course-1', userSourcedId: 'seed-student-1', userId: 'seed-student-1',
  lineItemSourcedId: 'seed-line-item-1', academicSessionSourcedId: 'seed-term-1', agentSourcedId: 'seed-teacher-1', sourceId: 'seed-resource-1',
}
