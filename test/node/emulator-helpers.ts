// Shared helpers of the emulator's Node tests (test/node/emulator-*.test.ts): an emulator with a token and a
// small request helper, imsx assertions, the API-key exchange, and a test-only service module. Not a test file itself.
import assert from 'node:assert/strict'
import { Buffer } from 'node:buffer'
import { BUILT_IN_SERVICES, createEmulator, HttpError, json, route } from '../../src/testing/index.ts'
import type { EmulatedService, EmulatedServiceModule, Emulator, EmulatorOptions } from '../../src/testing/index.ts'
import { Store } from '../../src/testing/store.ts'

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

/** `POST {services.masterytrack}/authorizer` with the given key header and JSON body (defaults: the emulator's own). */
export function exchangeApiKey(emu: Emulator, body: unknown = { email: emu.apiKeyCredentials.email }, headers: Record<string, string> = { 'x-api-key': emu.apiKeyCredentials.apiKey }): Promise<Response> {
  return emu.fetch(`${emu.services.masterytrack}/authorizer`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

export async function mintJwt(emu: Emulator): Promise<string> {
  const res = await exchangeApiKey(emu)
  assert.equal(res.status, 200)
  return ((await res.json()) as Json).jwt as string
}

/** The decoded JSON of one base64url JWT segment. */
export const jwtPart = (jwt: string, index: 0 | 1): Json => JSON.parse(Buffer.from(jwt.split('.')[index]!, 'base64url').toString('utf8'))

export interface Note { id: string; text: string }
/** What the test-only `notes` module adds to an emulator (`emulator.notes`). */
export interface NotesControls { store: Store<Note>; published: unknown[]; quirk: () => boolean }

/**
 * A test-only service module, written only against the kernel's module contract (no kernel change): a base URL
 * under its own prefix, its own error body, an OAuth CRUD pair, a public route, an API-key (X-Auth-Token) route,
 * counters, controls, a quirk switch, seed and reset, and a subscription to Caliper's stored events.
 */
export const notesModule: EmulatedServiceModule = {
  name: 'notes',
  create(env): EmulatedService {
    const store = new Store<Note>((n) => n.id)
    const counts = env.counters('notes', ['created'])
    const published: unknown[] = []
    let quirk = false
    env.subscribe('caliper.events-stored', (message) => published.push(message))
    return {
      prefix: '/notes-host',
      paths: ['/v1/'],
      error: (status, message, headers = {}, extra = {}) => json({ problem: message, code: extra.code ?? null, details: extra.details ?? null }, status, headers),
      routes: () => [
        route('GET', '/v1/discovery', 'getDiscovery', () => json({ service: 'notes' }), 'public'),
        route('GET', '/v1/notes', 'listNotes', () => json({ notes: store.list('notes') })),
        route('POST', '/v1/notes', 'createNote', async (ctx) => {
          const body = (await ctx.body()) as { text?: unknown } | undefined
          if (typeof body?.text !== 'string') throw new HttpError(422, 'text is required')
          const note = store.put('notes', { id: ctx.env.newId(), text: body.text })
          counts.created++
          return json(note, 201)
        }),
        route('GET', '/v1/notes/{id}', 'getNote', (ctx) => {
          const note = store.get('notes', ctx.params.id!)
          if (!note) throw new HttpError(404, `Note '${ctx.params.id}' not found`)
          return json(note)
        }),
        route('GET', '/v1/secure', 'getSecure', () => json({ ok: true }), 'api-key'),
      ],
      controls: { notes: { store, published, quirk: () => quirk } satisfies NotesControls },
      faults: { notesQuirk: (on: boolean = true) => { quirk = on } },
      clearFaults: () => { quirk = false },
      reset: () => store.clear(),
      seed: () => { store.put('notes', { id: 'seed-note-1', text: 'hello' }) },
    }
  },
}

/** An emulator with the built-in services plus `notes`, typed with its controls. */
export function withNotes(options: EmulatorOptions = {}): Emulator & { notes: NotesControls } {
  return createEmulator({ ...options, services: [...BUILT_IN_SERVICES, notesModule] }) as Emulator & { notes: NotesControls }
}
