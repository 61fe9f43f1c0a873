// The emulator kernel without any one service: the generic store, mounting service modules (a test-only `notes`
// module written against the module contract alone), public routes, per-service error bodies and counters, the
// hub between modules, and the refusals that keep modules from clashing.
// Run: node --import tsx --test test/node/emulator-kernel.test.ts
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { BUILT_IN_SERVICES, createEmulator, json } from '../../src/testing/index.ts'
import type { EmulatedServiceModule, Emulator } from '../../src/testing/index.ts'
import { Store } from '../../src/testing/store.ts'
import { R, assertImsx, mintToken, notesModule, withNotes, type Json } from './emulator-helpers.ts'

const call = async (emu: Emulator, url: string, init: RequestInit = {}) => {
  const res = await emu.fetch(url, init)
  const text = await res.text()
  return { status: res.status, res, body: (text === '' ? undefined : JSON.parse(text)) as Json }
}

describe('kernel store', () => {
  it('keeps records by the id its owner names, in insertion order; replacing keeps the slot, removing re-indexes', () => {
    const store = new Store<{ key: string; v: number }>((r) => r.key)
    for (const key of ['a', 'b', 'c']) store.put('things', { key, v: 1 })
    store.put('things', { key: 'a', v: 2 })
    assert.deepEqual(store.list('things').map((r) => `${r.key}${r.v}`), ['a2', 'b1', 'c1'])
    assert.equal(store.remove('things', 'a'), true)
    assert.equal(store.get('things', 'c')?.key, 'c') // found through the re-indexed slot
    assert.equal(store.remove('things', 'a'), false)
    assert.equal(store.count('things'), 2)
    assert.equal(store.has('others', 'b'), false)
    assert.deepEqual(store.list('others'), [])
    store.clear()
    assert.equal(store.count('things'), 0)
  })
})

describe('service modules', () => {
  it('a new module plugs in with no kernel change: base URL, routes, its error body, counters, controls, quirk switch, seed, reset', async () => {
    const emu = withNotes()
    const base = `${emu.origin}/notes-host`
    assert.equal(emu.services.notes, base)
    assert.deepEqual({ ...emu.services }, {
      oneroster: emu.origin, caliper: `${emu.origin}/caliper-host`, webhooks: `${emu.origin}/caliper-host`, masterytrack: `${emu.origin}/masterytrack`,
      powerpath: emu.origin, edubridge: emu.origin, qti: `${emu.origin}/qti-host`, case: emu.origin, clr: emu.origin, openbadges: emu.origin, oidc: `${emu.origin}/oidc-host`, notes: base,
    })
    const anonymous = await call(emu, `${base}/v1/notes`)
    assert.equal(anonymous.status, 401)
    assert.deepEqual(anonymous.body, { problem: 'Missing bearer token in the Authorization header.', code: null, details: null })
    assert.equal(anonymous.res.headers.get('www-authenticate'), 'Bearer error="invalid_token"')

    const auth = { authorization: `Bearer ${await mintToken(emu)}` }
    assert.deepEqual((await call(emu, `${base}/v1/notes`, { headers: auth })).body, { notes: [{ id: 'seed-note-1', text: 'hello' }] })
    const created = await call(emu, `${base}/v1/notes`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"text":"hi"}' })
    assert.equal(created.status, 201)
    assert.equal(emu.notes.store.get('notes', created.body.id)?.text, 'hi')
    const invalid = await call(emu, `${base}/v1/notes`, { method: 'POST', headers: auth, body: '{}' })
    assert.deepEqual([invalid.status, invalid.body.problem], [422, 'text is required'])
    const broken = await call(emu, `${base}/v1/notes`, { method: 'POST', headers: auth, body: '{' })
    assert.equal(broken.status, 400)
    assert.match(broken.body.problem, /^Invalid JSON body/)
    const missing = await call(emu, `${base}/v1/notes/nope`, { headers: auth })
    assert.deepEqual([missing.status, missing.body.problem], [404, "Note 'nope' not found"])
    const unknown = await call(emu, `${base}/v1/nothing`, { headers: auth })
    assert.deepEqual([unknown.status, unknown.body.problem], [404, 'Unknown route: GET /notes-host/v1/nothing'])
    const wrong = await call(emu, `${base}/v1/notes`, { method: 'DELETE', headers: auth })
    assert.deepEqual([wrong.status, wrong.res.headers.get('allow'), typeof wrong.body.problem], [405, 'GET, HEAD, POST', 'string'])
    const injected = emu.faults.add({ path: '/notes-host/', status: 503 })
    assert.deepEqual((await call(emu, `${base}/v1/notes`, { headers: auth })).body.problem, 'Injected fault: HTTP 503.')
    assert.equal(injected.hits, 1)
    assert.equal((await call(emu, `${emu.origin}${R}/users/?limit=1`, { headers: auth })).status, 200) // the built-ins still answer

    const stats = emu.stats() as ReturnType<typeof emu.stats> & { notes: { created: number } }
    assert.deepEqual(stats.notes, { created: 1 })
    assert.equal(stats.requests.byService.notes, 9)

    ;(emu.faults as unknown as { notesQuirk(on?: boolean): void }).notesQuirk()
    assert.equal(emu.notes.quirk(), true)
    emu.faults.clear()
    assert.equal(emu.notes.quirk(), false)

    emu.reset()
    assert.deepEqual(emu.notes.store.list('notes').map((n) => n.id), ['seed-note-1'])
    assert.deepEqual((emu.stats() as typeof stats).notes, { created: 0 })
    assert.equal(withNotes({ seed: false }).notes.store.count('notes'), 0)
  })

  it('public routes answer without credentials (and ignore bad ones); the route scheme wins over the service default', async () => {
    const emu = withNotes()
    const discovery = `${emu.services.notes}/v1/discovery`
    assert.deepEqual(await call(emu, discovery).then((r) => [r.status, r.body]), [200, { service: 'notes' }])
    const junk = await call(emu, discovery, { headers: { authorization: 'Bearer junk', 'x-auth-token': 'junk' } })
    assert.equal(junk.status, 200)
    assert.equal((await call(emu, `${emu.services.notes}/v1/notes`)).status, 401) // same service, oauth by default
    assert.equal((await call(emu, discovery, { method: 'HEAD' })).status, 200)
    emu.faults.add({ path: '/v1/discovery', status: 500 })
    assert.equal((await call(emu, discovery)).status, 500) // faults apply to public routes too
  })

  it('services replaces the built-in list: a service left out answers 404 and its controls are absent', async () => {
    const emu = createEmulator({ services: [notesModule] })
    assert.deepEqual({ ...emu.services }, { notes: `${emu.origin}/notes-host` })
    assert.equal(emu.state, undefined)
    assert.equal(emu.caliper, undefined)
    const token = await mintToken(emu) // the token endpoint belongs to the kernel
    const users = await call(emu, `${emu.origin}${R}/users/`, { headers: { authorization: `Bearer ${token}` } })
    assert.equal(users.status, 404)
    assertImsx(users.body, 'unknownobject', /Unknown route/)
    assert.deepEqual(emu.stats().requests.byService, { auth: 1, other: 1 })
    assert.equal(emu.stats().webhooks, undefined)
  })

  it('refuses module lists that would clash: duplicates, reserved names, taken properties or fault names, bad paths', () => {
    const make = (name: string, service: Record<string, unknown>): EmulatedServiceModule =>
      ({ name, create: () => ({ prefix: '/x', routes: () => [], reset: () => undefined, ...service }) }) as EmulatedServiceModule
    const throwsWith = (services: EmulatedServiceModule[], pattern: RegExp) => assert.throws(() => createEmulator({ services }), pattern)
    throwsWith([notesModule, notesModule], /service 'notes' is listed twice/)
    throwsWith([make('auth', {})], /not 'auth' or 'other'/)
    throwsWith([make('has space', {})], /named like 'qti'/)
    throwsWith([make('x', { controls: { fetch: 1 } })], /service 'x' adds the emulator property 'fetch', which is already taken/)
    throwsWith([...BUILT_IN_SERVICES, make('x', { controls: { state: 1 } })], /property 'state', which is already taken/)
    throwsWith([make('x', { faults: { clear: () => undefined } })], /faults method 'clear'/)
    throwsWith([...BUILT_IN_SERVICES, make('x', { faults: { shortPages: () => undefined } })], /faults method 'shortPages'/)
    throwsWith([make('x', { prefix: 'x' })], /prefix must start with '\/'/)
    throwsWith([make('x', { paths: ['v1'] })], /paths\[\] must start with '\/'/)
    throwsWith([make('x', { routes: () => [{ method: 'GET', path: 'v1', op: 'op', handle: () => json({}) }] })], /route path of op must start/)
    const counters = (section: string): EmulatedServiceModule => ({ name: 'x', create: (env) => (env.counters(section, ['n']), { prefix: '/x', routes: () => [], reset: () => undefined }) })
    assert.throws(() => createEmulator({ services: [counters('tokens')] }), /stats section 'tokens' is taken/)
    assert.throws(() => createEmulator({ services: [counters('requests')] }), /stats section 'requests' is taken/)
  })

  it('the hub: Caliper publishes what it stored, Webhooks and any other module subscribe; a throwing subscriber breaks nothing', async () => {
    const delivered: string[] = []
    const thrower: EmulatedServiceModule = {
      name: 'thrower',
      create: (env) => {
        env.subscribe('caliper.events-stored', () => { throw new Error('subscriber bug') })
        return { prefix: '/thrower', routes: () => [], reset: () => undefined }
      },
    }
    const emu = createEmulator({ services: [...BUILT_IN_SERVICES, thrower, notesModule], deliver: (request) => { delivered.push(request.headers.get('x-caliper-event-type')!); return new Response(null, { status: 204 }) } }) as ReturnType<typeof withNotes>
    const auth = { authorization: `Bearer ${await mintToken(emu)}`, 'content-type': 'application/json' }
    const hook = await call(emu, `${emu.services.webhooks}/webhooks/`, { method: 'POST', headers: auth, body: JSON.stringify({ name: 'h', description: null, targetUrl: 'http://127.0.0.1:9/in', secret: 's', active: true }) })
    assert.equal(hook.status, 201)
    const now = new Date().toISOString()
    const envelope = { sensor: 'https://app.example/s', sendTime: now, dataVersion: 'http://purl.imsglobal.org/ctx/caliper/v1p2',
      data: [{ id: `urn:uuid:${crypto.randomUUID()}`, type: 'Event', action: 'Completed', actor: 'https://app.example/u/1', object: 'https://app.example/l/1', eventTime: now }] }
    const sent = await call(emu, `${emu.services.caliper}/caliper/event`, { method: 'POST', headers: auth, body: JSON.stringify(envelope) })
    assert.deepEqual(sent.body.eventsAccepted, 1)
    await emu.webhooks.idle()
    assert.deepEqual(delivered, ['Event'])
    assert.equal(emu.notes.published.length, 1)
    const [message] = emu.notes.published as { events: { externalId: string }[]; envelope: unknown }[]
    assert.equal(message!.events[0]!.externalId, envelope.data[0]!.id)
    assert.deepEqual(message!.envelope, envelope)
  })
})
