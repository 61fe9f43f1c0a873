// Contract test: the CASE client and emulator against the vendor's OpenAPI document (case-api.json). Every client
// method is called against a recording fetch: each request must be a spec operation (method and path), send only
// the spec's parameters (the list routes declare none; the spec's own description names the standard list
// parameters, which are what the client sends) and every parameter the spec declares must be sent at least once.
// A package built from the spec's upload schema (every property filled) must pass the client's checks and be sent
// as a body valid against that schema; removing any required field, or giving any typed field a value of another
// type, must be refused before the request with that field named. Last, the emulator's answers must be valid
// against the spec's response schemas. Node only; reads $TIMEBACK_SPECS (default ../shared/specs): without the
// spec the test skips, or fails under CI=true.

import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { isInputValidationError } from '../../src/errors.ts'
import { CaseClient } from '../../src/services/case/index.ts'
import { createEmulator } from '../../src/testing/index.ts'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const SPEC = resolve(ROOT, process.env.TIMEBACK_SPECS ?? '../shared/specs', 'case-api.json')
const BASE = 'http://localhost:9'
const ID = '6f1d2c3b-4a59-4e68-9d7c-0b1a2c3d4e5f'

type Json = Record<string, any>
interface SpecOp { path: Set<string>; query: Set<string>; body?: Json; answer: Json; status: string }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The few JSON Schema keywords the spec uses: type (with null), required, properties, additionalProperties, items, enum, format. */
function validate(schema: Json | undefined, value: unknown, at: string, errors: string[]): void {
  if (!schema || Object.keys(schema).length === 0) return
  const types: string[] = [schema.type ?? []].flat()
  const is = (t: string) => t === 'null' ? value === null : t === 'array' ? Array.isArray(value) : t === 'integer' ? Number.isInteger(value)
    : t === 'object' ? !!value && typeof value === 'object' && !Array.isArray(value) : typeof value === t
  if (types.length && !types.some(is)) return void errors.push(`${at}: expected ${types.join('|')}, got ${JSON.stringify(value)?.slice(0, 80)}`)
  if (value === null) return
  if (schema.enum && !schema.enum.includes(value)) errors.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`)
  if (typeof value === 'string') {
    const ok = schema.format === 'uuid' ? UUID.test(value) : schema.format === 'date' ? /^\d{4}-\d\d-\d\d$/.test(value)
      : schema.format === 'date-time' ? !Number.isNaN(Date.parse(value)) && value.includes('T') : schema.format === 'uri' ? URL.canParse(value) : true
    if (!ok) errors.push(`${at}: ${JSON.stringify(value)} is not a ${schema.format}`)
  }
  if (Array.isArray(value)) value.forEach((v, i) => validate(schema.items, v, `${at}[${i}]`, errors))
  else if (typeof value === 'object') {
    const record = value as Json
    for (const key of schema.required ?? []) if (!(key in record)) errors.push(`${at}.${key}: required`)
    for (const [key, v] of Object.entries(record)) {
      const child = schema.properties?.[key] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined)
      validate(child, v, `${at}.${key}`, errors)
    }
  }
}

function readSpec(spec: Json): Map<string, SpecOp> {
  const ops = new Map<string, SpecOp>()
  for (const [path, item] of Object.entries(spec.paths as Json)) {
    for (const [method, op] of Object.entries(item as Json)) {
      const params: Json[] = op.parameters ?? []
      const status = Object.keys(op.responses).find((s) => s.startsWith('2'))!
      ops.set(`${method.toUpperCase()} ${path}`, {
        path: new Set(params.filter((p) => p.in === 'path').map((p) => p.name)),
        query: new Set(params.filter((p) => p.in === 'query').map((p) => p.name)),
        body: op.requestBody?.content?.['application/json']?.schema,
        answer: op.responses[status].content['application/json'].schema,
        status,
      })
    }
  }
  return ops
}

/** A value for every property of `schema`, shaped to pass the client's stricter rules (UUIDs, date-times, URIs). */
function sample(schema: Json, key = ''): unknown {
  if (schema.type === 'object' || schema.properties) {
    return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, s]) => [k, sample(s as Json, k)]))
  }
  if (schema.type === 'array') return [sample(schema.items ?? {}, key)]
  if (schema.type === 'number' || schema.type === 'integer') return 1
  if (schema.type !== 'string') return {} // untyped (`{}`): extensions, CFItemTypeURI…
  if (schema.format === 'uuid') return crypto.randomUUID()
  if (key === 'lastChangeDateTime') return '2026-02-01T12:00:00Z'
  if (/Date$/.test(key)) return '2026-02-01'
  if (/ur[il]$/i.test(key)) return `https://case.example/${crypto.randomUUID()}`
  if (key === 'associationType') return 'isChildOf'
  if (key === 'caseVersion') return '1.1'
  return `text of ${key}`
}

/** Every typed leaf of `schema` (path in the client's notation, with its type), for the required/type probes. */
function leaves(schema: Json, at: string, out: { path: string[]; label: string; type: string; required: boolean }[] = [], path: string[] = [], required = true) {
  for (const [key, s] of Object.entries((schema.properties ?? {}) as Json)) {
    const p = [...path, key]
    const isArray = s.type === 'array'
    const label = `${at}${at ? '.' : ''}${key}`
    const req = (schema.required ?? []).includes(key)
    if (s.type) out.push({ path: p, label, type: s.type, required: req && required })
    if (s.properties) leaves(s, label, out, p, req && required)
    if (isArray && s.items?.properties) leaves(s.items, `${label}[0]`, out, [...p, "0"], req && required)
  }
  return out
}

describe('CASE client against case-api.json', () => {
  if (!existsSync(SPEC)) {
    const message = `spec not found at ${SPEC} (set TIMEBACK_SPECS)`
    if (process.env.CI === 'true') it('has the spec (required under CI=true)', () => assert.fail(message))
    else it('contract (skipped)', (t) => t.skip(message))
    return
  }
  const spec = JSON.parse(readFileSync(SPEC, 'utf8')) as Json
  const ops = readSpec(spec)
  const uploadSchema = ops.get('POST /ims/case/v1p1/CFPackages')!.body!

  const seen: { method: string; path: string; query: string[]; body?: Json }[] = []
  const recorder: typeof fetch = async (input, init) => {
    const request = new Request(input, init)
    const url = new URL(request.url)
    if (url.pathname === '/token') return Response.json({ access_token: 't', expires_in: 3600 })
    const text = await request.text()
    seen.push({ method: request.method, path: url.pathname, query: [...url.searchParams.keys()], body: text ? JSON.parse(text) : undefined })
    const key = { CFDocuments: 'CFDocuments', CFItems: 'CFItems' }[url.pathname.split('/').pop()!]
    if (key) return Response.json({ [key]: [] })
    const single = url.pathname.endsWith('/groups') ? 'CFPackageWithGroups' : url.pathname.split('/')[4]!.replace(/s$/, '')
    return Response.json({ [single]: { sourcedId: ID }, success: true }, { status: request.method === 'POST' ? 201 : 200 })
  }
  const client = new CaseClient({ baseUrl: BASE, auth: { clientId: 'a', clientSecret: 'b', authUrl: `${BASE}/token` }, fetch: recorder, maxRetries: 0 })
  const listParams = { limit: 5, offset: 0, filter: "title='x'", sort: 'title', orderBy: 'asc', fields: ['title', 'uri'] } as const
  const reached = new Set<string>()

  /** The spec operation a recorded request is, with its path parameter filled by ID. */
  function operationOf(sent: (typeof seen)[number]): [string, SpecOp] {
    for (const [key, op] of ops) {
      const [method, template] = key.split(' ') as [string, string]
      if (method === sent.method && template.replace(/\{(\w+)\}/g, ID) === sent.path) return [key, op]
    }
    assert.fail(`${sent.method} ${sent.path} is not a spec operation`)
  }

  it('every method is a spec operation, sending only the spec\'s parameters and every one of them', async () => {
    const fullPackage = sample(uploadSchema) as never
    const calls: [string, () => Promise<unknown>][] = [
      ['documents.list', () => client.documents.list(listParams)],
      ['documents.listAll', () => client.documents.listAll(listParams)],
      ['documents.get', () => client.documents.get(ID, { fields: ['title'] })],
      ['items.list', () => client.items.list(listParams)],
      ['items.stream', async () => { for await (const _ of client.items.stream(listParams)) void _ }],
      ['items.get', () => client.items.get(ID, { fields: 'fullStatement' })],
      ['associations.get', () => client.associations.get(ID)],
      ['packages.create', () => client.packages.create(fullPackage)],
      ['packages.get', () => client.packages.get(ID, { fields: ['CFDocument'] })],
      ['packages.groups', () => client.packages.groups(ID, { fields: ['structuredContent'] })],
    ]
    // The list routes declare no parameters; the spec's description lists the standard ones ("OneRoster 1.2 Standard Parameters").
    const standard = /Standard Parameters\n\n[^\n]*\n\n([\s\S]*?)\n\n/.exec(spec.info.description)![1]!
    const listNames = new Set([...standard.matchAll(/^- `(\w+)`/gm)].map((m) => m[1]!))
    assert.deepEqual([...listNames].sort(), ['fields', 'filter', 'limit', 'offset', 'orderBy', 'sort'])
    const sentNames = new Map<string, Set<string>>()
    for (const [name, call] of calls) {
      const before = seen.length
      await call()
      assert.equal(seen.length, before + 1, `${name} made one request`)
      const sent = seen.at(-1)!
      const [key, op] = operationOf(sent)
      reached.add(key)
      const allowed = op.path.size === 0 && sent.method === 'GET' ? listNames : op.query
      for (const q of sent.query) assert.ok(allowed.has(q), `${name}: query parameter ${q} is not in the spec for ${key}`)
      const names = sentNames.get(key) ?? new Set()
      for (const q of sent.query) names.add(q)
      sentNames.set(key, names)
      if (op.body) {
        const errors: string[] = []
        validate(op.body, sent.body, 'body', errors)
        assert.deepEqual(errors, [], `${name}: the body is valid against the spec`)
        assert.deepEqual(leaves(op.body, '').filter((l) => !hasPath(sent.body!, l.path)).map((l) => l.label), [], `${name}: every property was sent`)
      } else assert.equal(sent.body, undefined, `${name} sends no body`)
    }
    for (const [key, op] of ops) {
      const wanted = op.path.size === 0 && key.startsWith('GET') ? listNames : op.query
      for (const q of wanted) assert.ok(sentNames.get(key)?.has(q), `${key}: parameter ${q} is never sent`)
    }
    assert.deepEqual([...ops.keys()].filter((k) => !reached.has(k)), [])
    assert.equal(ops.size, 8)
  })

  it('refuses an upload missing any field the spec requires, naming it, before any request', async () => {
    const required = leaves(uploadSchema, '').filter((l) => l.required)
    assert.ok(required.length >= 20, `required fields found: ${required.length}`)
    const before = seen.length
    for (const leaf of required) {
      const pkg = sample(uploadSchema) as Json
      removePath(pkg, leaf.path)
      const error = await client.packages.create(pkg as never).then(() => undefined, (e: unknown) => e)
      assert.ok(isInputValidationError(error), `${leaf.label}: expected a refusal`)
      assert.ok(error.issues.some((i) => i.path === leaf.label), `${leaf.label} is named in: ${error.message}`)
    }
    assert.equal(seen.length, before)
  })

  it('refuses a value of the wrong type for every typed field of the upload schema, naming it', async () => {
    const typed = leaves(uploadSchema, '')
    const before = seen.length
    for (const leaf of typed) {
      const pkg = sample(uploadSchema) as Json
      setPath(pkg, leaf.path, leaf.type === 'string' ? 42 : 'not-a-' + leaf.type)
      const error = await client.packages.create(pkg as never).then(() => undefined, (e: unknown) => e)
      assert.ok(isInputValidationError(error), `${leaf.label} (${leaf.type}): expected a refusal`)
      assert.ok(error.issues.some((i) => i.path === leaf.label), `${leaf.label} is named in: ${error.message}`)
    }
    assert.equal(seen.length, before)
  })
})

describe('CASE emulator answers against case-api.json', { skip: existsSync(SPEC) ? false : 'spec not found' }, () => {
  it('every 2xx answer, for the seed and for a package with every field, is valid against the spec\'s schema', async () => {
    const ops = readSpec(JSON.parse(readFileSync(SPEC, 'utf8')))
    const emu = createEmulator()
    const client = new CaseClient({ baseUrl: emu.services.case, auth: { ...emu.credentials, authUrl: emu.tokenUrl }, fetch: emu.fetch, maxRetries: 0 })
    const full = sample(ops.get('POST /ims/case/v1p1/CFPackages')!.body!) as Json
    // The full sample's one association links its one item to the document, so the tree has a root and a child list.
    full.CFAssociations[0].originNodeURI.identifier = full.CFItems[0].identifier
    full.CFAssociations[0].destinationNodeURI.identifier = full.CFDocument.identifier
    await client.packages.create(full as never)
    const documents = await client.documents.listAll()
    const items = await client.items.listAll()
    assert.equal(documents.length, 2)
    const token = await emu.fetch(emu.tokenUrl, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: emu.credentials.clientId, client_secret: emu.credentials.clientSecret }) })
    const { access_token } = await token.json() as Json
    const checked = new Set<string>()
    const check = async (key: string, path: string, init: RequestInit = {}) => {
      const op = ops.get(key)!
      const res = await emu.fetch(`${emu.origin}${path}`, { ...init, headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' } })
      assert.equal(String(res.status), op.status, `${key} → ${res.status}`)
      const errors: string[] = []
      validate(op.answer, await res.json(), key, errors)
      assert.deepEqual(errors, [], key)
      checked.add(key)
    }
    const V = '/ims/case/v1p1'
    await check('GET /ims/case/v1p1/CFDocuments', `${V}/CFDocuments`)
    await check('GET /ims/case/v1p1/CFItems', `${V}/CFItems`)
    for (const d of documents) {
      await check('GET /ims/case/v1p1/CFDocuments/{sourcedId}', `${V}/CFDocuments/${d.sourcedId}`)
      await check('GET /ims/case/v1p1/CFPackages/{sourcedId}', `${V}/CFPackages/${d.sourcedId}`)
      await check('GET /ims/case/v1p1/CFPackages/{sourcedId}/groups', `${V}/CFPackages/${d.sourcedId}/groups`)
      for (const a of (await client.packages.get(d.sourcedId)).CFAssociations ?? []) await check('GET /ims/case/v1p1/CFAssociations/{sourcedId}', `${V}/CFAssociations/${a.sourcedId}`)
    }
    for (const i of items) await check('GET /ims/case/v1p1/CFItems/{sourcedId}', `${V}/CFItems/${i.sourcedId}`)
    await check('POST /ims/case/v1p1/CFPackages', `${V}/CFPackages`, { method: 'POST', body: JSON.stringify(full) })
    assert.equal(checked.size, 8)
  })
})

function hasPath(value: Json, path: string[]): boolean {
  let v: any = value
  for (const p of path) {
    if (v === null || typeof v !== 'object' || !(p in v)) return false
    v = v[p]
  }
  return true
}
function removePath(value: Json, path: string[]): void {
  const parent = path.slice(0, -1).reduce((v: any, p) => v[p], value)
  delete parent[path.at(-1)!]
}
function setPath(value: Json, path: string[], to: unknown): void {
  const parent = path.slice(0, -1).reduce((v: any, p) => v[p], value)
  parent[path.at(-1)!] = to
}
