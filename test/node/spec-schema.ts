// Test helper (not a test file): reads the vendor's OneRoster OpenAPI document and checks values against its
// schemas, and builds request bodies holding only what a request schema requires. It covers the subset of JSON
// Schema the document uses: $ref, type (arrays of types too), nullable, required, properties,
// additionalProperties, items, enum, const, allOf/anyOf/oneOf, minLength/minItems, and the formats date,
// date-time, email and uri, checked loosely. No dependency: the point is to judge the emulator, not to trust
// a library's reading of the spec.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export type Json = Record<string, any>

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
/** Where the spec is read from: $TIMEBACK_SPECS (default ../shared/specs, from the repo root). */
export const SPEC_FILE = resolve(ROOT, process.env.TIMEBACK_SPECS ?? '../shared/specs', 'oneroster-api.2025-12.json')

export function loadSpec(): Json | undefined {
  return existsSync(SPEC_FILE) ? (JSON.parse(readFileSync(SPEC_FILE, 'utf8')) as Json) : undefined
}

/** Follow `$ref`s (`#/components/schemas/X`) until a schema without one. */
export function deref(spec: Json, node: any): any {
  let out = node
  for (let i = 0; out && typeof out === 'object' && typeof out.$ref === 'string'; i++) {
    if (i > 32) throw new Error(`$ref loop at ${node.$ref}`)
    out = out.$ref.slice(2).split('/').reduce((o: Json | undefined, k: string) => o?.[k], spec)
    if (out === undefined) throw new Error(`unresolved $ref ${node.$ref}`)
  }
  return out
}

const kindOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v)

function typeHolds(type: string, v: unknown): boolean {
  switch (type) {
    case 'null': return v === null
    case 'string': return typeof v === 'string'
    case 'boolean': return typeof v === 'boolean'
    case 'number': return typeof v === 'number' && Number.isFinite(v)
    case 'integer': return Number.isInteger(v)
    case 'array': return Array.isArray(v)
    case 'object': return typeof v === 'object' && v !== null && !Array.isArray(v)
    default: return true
  }
}

const FORMATS: Record<string, (s: string) => boolean> = {
  // Loose on purpose: the spec's examples mix dates and date-times; what matters is a parseable ISO shape.
  'date-time': (s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s) && !Number.isNaN(Date.parse(s)),
  date: (s) => /^\d{4}-\d{2}-\d{2}/.test(s) && !Number.isNaN(Date.parse(s.slice(0, 10))),
  email: (s) => /^[^\s@]+@[^\s@]+$/.test(s),
  uri: (s) => URL.canParse(s),
}

/**
 * Problems of `value` against `schema`, each as `path: what`; empty when it conforms.
 *
 * @example
 * check(spec, { type: 'object', required: ['a'] }, {}, '$') // ["$: missing required key 'a'"]
 */
export function check(spec: Json, raw: any, value: unknown, at = '$'): string[] {
  const schema = deref(spec, raw)
  if (!schema || typeof schema !== 'object') return []
  if (value === null && schema.nullable === true) return []
  const problems: string[] = []
  for (const part of schema.allOf ?? []) problems.push(...check(spec, part, value, at))
  if (schema.anyOf && !schema.anyOf.some((s: any) => check(spec, s, value, at).length === 0)) {
    problems.push(`${at}: matches none of anyOf (${kindOf(value)} ${JSON.stringify(value)?.slice(0, 80)})`)
  }
  if (schema.oneOf) {
    const fits = schema.oneOf.filter((s: any) => check(spec, s, value, at).length === 0).length
    if (fits !== 1) problems.push(`${at}: matches ${fits} of oneOf, not exactly 1 (${JSON.stringify(value)?.slice(0, 80)})`)
  }
  if (schema.type !== undefined) {
    const types: string[] = Array.isArray(schema.type) ? schema.type : [schema.type]
    if (!types.some((t) => typeHolds(t, value))) {
      problems.push(`${at}: expected ${types.join(' | ')}, got ${kindOf(value)} ${JSON.stringify(value)?.slice(0, 80)}`)
      return problems
    }
  }
  if ('const' in schema && value !== schema.const) problems.push(`${at}: expected ${JSON.stringify(schema.const)}, got ${JSON.stringify(value)}`)
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) {
    problems.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`)
  }
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) problems.push(`${at}: shorter than ${schema.minLength}`)
    const format = FORMATS[schema.format as string]
    if (format && !format(value)) problems.push(`${at}: ${JSON.stringify(value)} is not a ${schema.format}`)
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) problems.push(`${at}: fewer than ${schema.minItems} items`)
    if (schema.items) value.forEach((item, i) => problems.push(...check(spec, schema.items, item, `${at}[${i}]`)))
  } else if (typeHolds('object', value)) {
    const object = value as Json
    for (const key of schema.required ?? []) if (object[key] === undefined) problems.push(`${at}: missing required key '${key}'`)
    const properties: Json = schema.properties ?? {}
    for (const [key, v] of Object.entries(object)) {
      if (key in properties) problems.push(...check(spec, properties[key], v, `${at}.${key}`))
      else if (schema.additionalProperties === false) problems.push(`${at}: unexpected key '${key}'`)
      else if (typeof schema.additionalProperties === 'object') problems.push(...check(spec, schema.additionalProperties, v, `${at}.${key}`))
    }
  }
  return problems
}

/** What fills a required leaf of a request body; the test supplies references to records that exist. */
export interface Filler {
  /** A string for a required key (the schema has no enum, const or format that decides it). */
  text(key: string, path: string): string
  /** The sourcedId a `{ sourcedId }` reference under `key` should point at. */
  ref(key: string, path: string): string
  /** A unique email address. */
  email(): string
}

/**
 * The smallest value `schema` accepts: only required keys, one item in required arrays, the first enum
 * value, the first alternative of anyOf/oneOf. Derived from the spec, never written by hand.
 *
 * @example
 * minimal(spec, createUserBody, filler) // { user: { enabledUser: true, givenName: '…', roles: [ … ], email: '…' } }
 */
export function minimal(spec: Json, raw: any, fill: Filler, key = '', path = '$'): unknown {
  const schema = deref(spec, raw)
  if (!schema || typeof schema !== 'object') return null
  const alternatives = schema.oneOf ?? schema.anyOf
  if (alternatives) return minimal(spec, alternatives[0], fill, key, path)
  if (schema.allOf) return minimal(spec, Object.assign({}, ...schema.allOf.map((s: any) => deref(spec, s))), fill, key, path)
  if ('const' in schema) return schema.const
  if (Array.isArray(schema.enum)) return schema.enum.find((v: unknown) => v !== null)
  const types: string[] = Array.isArray(schema.type) ? schema.type : [schema.type ?? (schema.properties ? 'object' : 'string')]
  const type = types.find((t) => t !== 'null') ?? 'null'
  if (type === 'object') {
    const properties: Json = schema.properties ?? {}
    const required: string[] = schema.required ?? []
    // A reference: `{ sourcedId }` and nothing else required.
    if (required.length === 1 && required[0] === 'sourcedId' && path !== '$' && Object.keys(properties).length <= 3) {
      return { sourcedId: fill.ref(key, path) }
    }
    const out: Json = {}
    for (const k of required) out[k] = minimal(spec, properties[k] ?? {}, fill, k, `${path}.${k}`)
    return out
  }
  if (type === 'array') return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => minimal(spec, schema.items ?? {}, fill, key, `${path}[]`))
  if (type === 'boolean') return true
  if (type === 'number' || type === 'integer') return 1
  if (type === 'null') return null
  if (schema.format === 'email') return fill.email()
  if (schema.format === 'date-time') return '2026-01-15T08:00:00.000Z'
  if (schema.format === 'date') return '2026-01-15'
  if (schema.format === 'uri') return 'https://example.org/conformance'
  return fill.text(key, path)
}
