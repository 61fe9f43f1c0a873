// OneRoster's input and record schemas are built with src/core/schema.ts (valibot's names, paths and messages
// in a tenth of its bytes) instead of valibot. This test builds every schema of src/services/oneroster twice
// from the same source text, once on core/schema.ts and once on valibot 1.x, and holds the two to the same
// answers over inputs generated from the valibot tree (mostly well-formed, with one odd value in about one
// field of six): the same issues (kind, path, message, whether the value was missing) and the same output,
// key order included.
// The Webhooks client checks its inputs with core/schema.ts too (resources/*.ts, `Webhook…Check`), while the
// entry exports the same rules as valibot schemas (schemas.ts, `Webhook…Schema`): the second test holds each
// exported schema and the check the client runs to the same answers.

import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { fileURLToPath, pathToFileURL } from 'node:url'
import * as webhookChecks from '../../src/services/webhooks/resources/webhooks.ts'
import * as filterChecks from '../../src/services/webhooks/resources/filters.ts'
import * as webhookSchemas from '../../src/services/webhooks/schemas.ts'

const SRC = fileURLToPath(new URL('../../src/', import.meta.url))
const ONEROSTER = join(SRC, 'services/oneroster/')
const FILES = ['base.ts', ...readdirSync(join(ONEROSTER, 'resources')).map((f) => `resources/${f}`)]
const dir = mkdtempSync(join(tmpdir(), 'schema-twins-'))
after(() => rmSync(dir, { recursive: true, force: true }))

/** Writes the OneRoster schema files into `twin/`, their schema import pointing at `schemaModule`. */
function twin(name: string, schemaModule: string): string {
  for (const file of FILES) {
    const from = join(ONEROSTER, file)
    const text = readFileSync(from, 'utf8')
      .replace(/^const (\w+Schema) =/gm, 'export const $1 =')
      .replace(/from '(\.[^']+)\.js'/g, (whole, rel: string) => {
        const target = join(from, '..', `${rel}.ts`)
        if (target === join(SRC, 'core/schema.ts')) return `from '${schemaModule}'`
        return FILES.some((f) => join(ONEROSTER, f) === target) ? whole : `from '${pathToFileURL(target).href}'`
      })
    mkdirSync(join(dir, name, 'resources'), { recursive: true })
    writeFileSync(join(dir, name, file), text)
  }
  return join(dir, name)
}

type Any = Record<string, any>
async function load(root: string): Promise<Map<string, Any>> {
  const out = new Map<string, Any>()
  for (const file of FILES) {
    const mod = (await import(pathToFileURL(join(root, file)).href)) as Any
    for (const [key, value] of Object.entries(mod)) if (value && typeof value === 'object' && '~run' in value) out.set(`${file}:${key}`, value)
  }
  return out
}

// ---- inputs from the valibot tree ----
let seed = 7
const random = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff)
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!
const STRINGS = [
  '', 'x', '2026-01-01', '2026-1-1', 'ada@example.com', 'ADA@EXAMPLE.COM', 'a.b+c@d-e.io', 'ada@', 'a@b.c', 'true', 'false', '5', 'active', 'tobedeleted',
  // webhook URLs and filter values (lists, patterns, numbers in text)
  'https://app.example/hook', 'http://127.0.0.1:8080/h', 'ftp://app.example/', '/hooks', 'https://', '1,2', 'a,b', ' 3 ', '[', '^a.*b$', '1e3',
]
const URLS = ['https://app.example/hook', 'http://127.0.0.1:8080/h', 'HTTPS://APP.EXAMPLE', 'ftp://app.example/', 'https://', 'javascript:alert(1)']
const ODD: unknown[] = [undefined, null, '', 'x', 0, 1.5, NaN, Infinity, -Infinity, true, [], [1], [Infinity], {}, { sourcedId: '' }, new Date(0), 'true', '13', '-2']

function generate(schema: Any, depth = 0): unknown {
  if (random() < 0.16 || depth > 4) return pick(ODD)
  switch (schema.type) {
    case 'string': return pick([...STRINGS, ...STRINGS.slice(2)])
    case 'number': return pick([0, 1, 2.5, -1, 2026, Infinity])
    case 'boolean': return random() < 0.5
    case 'unknown': return pick(ODD)
    case 'picklist': return pick(schema.options)
    case 'union': return generate(pick(schema.options), depth + 1)
    case 'optional': return random() < 0.3 ? undefined : generate(schema.wrapped, depth)
    case 'nullable': return random() < 0.2 ? null : generate(schema.wrapped, depth)
    case 'array': return Array.from({ length: Math.floor(random() * 3) }, () => generate(schema.item, depth + 1))
    case 'record': return Object.fromEntries(Array.from({ length: Math.floor(random() * 3) }, (_, i) => [`k${i}`, generate(schema.value, depth + 1)]))
    case 'object': case 'loose_object': {
      const out: Any = {}
      for (const [key, entry] of Object.entries(schema.entries as Any)) {
        // a webhook's URL is mostly a URL, so that whole inputs pass often enough to compare outputs
        if (random() < 0.93) out[key] = key === 'targetUrl' && random() < 0.6 ? pick(URLS) : generate(entry, depth + 1)
      }
      if (random() < 0.2) out.extra = pick(ODD)
      if (random() < 0.05) Object.defineProperty(out, '__proto__', { value: { polluted: true }, enumerable: true })
      return out
    }
    default: throw new Error(`no generator for ${schema.type}`)
  }
}

const answer = (schema: Any, value: unknown) => {
  const d = schema['~run']({ value }, {}) as { value: unknown; issues?: Any[] }
  if (!d.issues) return { output: JSON.stringify(d.value, (_, x: unknown) => (x === undefined ? '<undefined>' : x)), issues: [] }
  return {
    output: null,
    issues: d.issues.map((i) => ({
      kind: i.kind, message: i.message, missing: i.input === undefined,
      path: i.path ? (i.path as Any[]).map((p) => p.key).join('.') : null,
    })),
  }
}

describe('core/schema.ts answers as valibot does for every OneRoster schema', () => {
  it('same issues and outputs over generated inputs', async () => {
    const ours = await load(twin('ours', pathToFileURL(join(SRC, 'core/schema.ts')).href))
    const theirs = await load(twin('valibot', import.meta.resolve('valibot')))
    assert.ok(theirs.size >= 50, `found ${theirs.size} schemas`)
    assert.deepEqual([...ours.keys()].sort(), [...theirs.keys()].sort())
    let passed = 0
    let failed = 0
    for (const [name, reference] of theirs) {
      for (let n = 0; n < 400; n++) {
        const input = generate(reference)
        const expected = answer(reference, input)
        assert.deepEqual(answer(ours.get(name)!, input), expected, `${name} on ${JSON.stringify(input)}`)
        if (expected.issues.length) failed++
        else passed++
      }
    }
    // The corpus exercises both sides: inputs that pass (outputs compared) and inputs that fail (issues compared).
    assert.ok(passed > 2000 && failed > 2000, `passed ${passed}, failed ${failed}`)
  })
})

describe('core/schema.ts answers as valibot does for the Webhooks schemas (the client checks = the exported schemas)', () => {
  it('same issues and outputs over generated inputs', () => {
    const checks: Any = { ...webhookChecks, ...filterChecks }
    const pairs = Object.entries(webhookSchemas as Any).filter(([, value]) => value && typeof value === 'object' && '~run' in value)
    assert.deepEqual(pairs.map(([name]) => name).sort(), ['WebhookCreateSchema', 'WebhookFilterCreateSchema', 'WebhookFilterUpdateSchema', 'WebhookUpdateSchema'])
    const seen = new Map<string, number>()
    const count = (what: string) => seen.set(what, (seen.get(what) ?? 0) + 1)
    for (const [name, reference] of pairs) {
      const ours = checks[name.replace(/Schema$/, 'Check')]
      assert.ok(ours && '~run' in ours, `no core/schema.ts check for ${name}`)
      assert.notEqual(ours, reference)
      for (let n = 0; n < 3000; n++) {
        const input = generate(reference)
        const expected = answer(reference, input)
        assert.deepEqual(answer(ours, input), expected, `${name} on ${JSON.stringify(input)}`)
        count(`${name} ${expected.issues.length ? 'failed' : 'passed'}`)
        for (const issue of expected.issues) count(issue.kind === 'transformation' ? 'transformation' : issue.message.replace(/ Received .*|: Expected .*/, ''))
      }
    }
    // The corpus reaches every rule the two implement separately: each schema both passes and fails, the
    // filter's cross-field rule (a raw transformation), a number that is not finite inside the union, the URL check.
    for (const [name] of pairs) assert.ok((seen.get(`${name} passed`) ?? 0) > 100 && (seen.get(`${name} failed`) ?? 0) > 100, `${name}: ${[...seen]}`)
    for (const what of ['transformation', 'Invalid finite:', 'must be an absolute http(s) URL', 'must be a string, number or boolean (or a list of them for in/notIn)']) {
      assert.ok((seen.get(what) ?? 0) > 10, `${what} seen ${seen.get(what) ?? 0} times: ${[...seen]}`)
    }
  })
})
