#!/usr/bin/env node
// Type-checks every ```ts / ```typescript block of README.md (or of the Markdown files given) the way a reader
// pastes one: each block is its own module, compiled with the project's strict options against the package's
// own types (`@timeback/sdk/*` is src/), Web APIs only. A block may assume only the small PRELUDE below.
//
// An HTML comment on the line right before a block changes how it is treated (words may be combined):
//   <!-- snippet: fragment -->  an illustrative fragment, not standalone code: not compiled (use sparingly)
//   <!-- snippet: node -->      a Node program: Node's types are in scope too
//   <!-- snippet: run -->       also run it in Node (tsx, src/ as the package); for blocks that need only the emulator
// A block may instead be a copy of an example app's file, which that example's own tests type-check and run in CI:
//   <!-- copy of examples/deno/mirror.ts -->   the block's lines must appear, in order and contiguous, in that file
//                                              (blank lines and indentation aside); not compiled here
//
// Usage: node scripts/readme-snippets.mjs [--keep] [file.md ...]      exit 1 on any error

import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import ts from 'typescript'
import { packageEntries } from '../tools/entries.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** Where each public entry point's source lives, by specifier ('@timeback/sdk/oneroster'): package.json exports, via tools/entries.mjs. */
const ENTRIES = Object.fromEntries(packageEntries(root).map((e) => [e.specifier, e.source]))

// What blocks may use without showing it: names the README introduces in prose or in an earlier block, the
// Cloudflare types `wrangler types` generates (the subset the blocks touch, same signatures), and the reader's
// own code that a block only names. Keep it small: a block that needs more should show it.
const PRELUDE = `
// Earlier blocks and prose
declare const clientId: string
declare const clientSecret: string
/** The client of "Quick start per runtime". */
declare const client: import('@timeback/sdk/oneroster').OneRosterClient
/** The emulator of "Testing with the emulator". */
declare const emulator: import('@timeback/sdk/testing').Emulator
/** The sensor, actor, object and metrics of "Caliper: sending learning events". */
declare const sensor: string
declare const actor: import('@timeback/sdk/caliper').TimebackUserInput
declare const object: import('@timeback/sdk/caliper').ActivityContextInput
declare const metrics: import('@timeback/sdk/caliper').ActivityMetric[]

// Cloudflare Workers, as \`wrangler types\` and @cloudflare/workers-types declare them (same signatures, the
// members the blocks touch): Env is an interface, with no index signature; Queue.send resolves to a response.
interface KVNamespace {
  get(key: string, type: 'text'): Promise<string | null>
  get<ExpectedValue = unknown>(key: string, type: 'json'): Promise<ExpectedValue | null>
  put(key: string, value: string, options?: { expiration?: number; expirationTtl?: number; metadata?: any }): Promise<void>
  delete(key: string): Promise<void>
}
interface Queue<Body = unknown> {
  send(message: Body, options?: { contentType?: string; delaySeconds?: number }): Promise<{ metadata: { metrics: { backlogCount: number; backlogBytes: number } } }>
}
interface ExecutionContext {
  waitUntil(promise: Promise<any>): void
  passThroughOnException(): void
}
interface Env {
  TOKENS: KVNamespace
  DEAD_LETTERS: Queue
  TIMEBACK_ENV: 'production'
  ONEROSTER_CLIENT_ID: string
  ONEROSTER_CLIENT_SECRET: string
  CALIPER_CLIENT_ID: string
  CALIPER_CLIENT_SECRET: string
  WEBHOOK_SECRET: string
  OLD_SECRET: string
  WEBHOOK_REPLAY: KVNamespace
  COOKIE_SECRET: string
  TIMEBACK_SSO_CLIENT_ID: string
  TIMEBACK_SSO_CLIENT_SECRET: string
}
/** A Worker's env (or, outside a Worker, wherever your settings come from). */
declare const env: Env

// Deno's global, the part the blocks use
declare namespace Deno {
  function openKv(path?: string): Promise<import('@timeback/sdk/edge').DenoKvLike & import('@timeback/sdk/edge').DenoKvAtomicLike>
  function serve(handler: (request: Request) => Response | Promise<Response>): unknown
  const env: { get(name: string): string | undefined }
}

// The reader's own code, named by the blocks
declare const myFetch: typeof fetch
declare function myWebhookHandler(request: Request): Promise<Response>
declare function record(event: import('@timeback/sdk/webhooks').CaliperEvent): Promise<void>
`

const MARKER = /^<!--\s*snippet:\s*([\w\s]+?)\s*-->$/
const COPY = /^<!--\s*copy of\s+(\S+)\s*-->$/
const KNOWN = new Set(['fragment', 'node', 'run'])

/** Every ts block of `file`: its README line, code and marker words. */
function blocksOf(file) {
  const lines = readFileSync(file, 'utf8').split('\n')
  const blocks = []
  const problems = []
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*(\S*)/.exec(lines[i])
    if (!open) continue
    const fence = open[2]
    let end = i + 1
    while (end < lines.length && !lines[end].trim().startsWith(fence)) end++
    if (open[3] === 'ts' || open[3] === 'typescript') {
      let before = i - 1
      while (before >= 0 && lines[before].trim() === '') before--
      const marker = before >= 0 ? MARKER.exec(lines[before].trim()) : null
      const words = marker ? marker[1].split(/\s+/) : []
      for (const w of words) if (!KNOWN.has(w)) problems.push(`${file}:${before + 1}: unknown snippet marker '${w}' (known: ${[...KNOWN].join(', ')})`)
      const copy = before >= 0 ? COPY.exec(lines[before].trim()) : null
      const indent = open[1].length
      const code = lines.slice(i + 1, end).map((l) => l.slice(Math.min(indent, l.length - l.trimStart().length)))
      blocks.push({ file, line: i + 2, code: code.join('\n') + '\n', words: new Set(words), copyOf: copy?.[1] })
    }
    i = end
  }
  return { blocks, problems }
}

/** A block marked `<!-- copy of <path> -->` must be that file's lines, contiguous (blank lines and indentation aside). */
function copyProblems(block) {
  const at = `${relative(process.cwd(), block.file)}:${block.line - 1}`
  const source = resolve(root, block.copyOf)
  if (!source.startsWith(root + '/')) return [`${at} - copy of ${block.copyOf}: not a file of this repository`]
  let text
  try {
    text = readFileSync(source, 'utf8')
  } catch {
    return [`${at} - copy of ${block.copyOf}: no such file`]
  }
  const norm = (s) => s.split('\n').map((l) => l.trim()).filter((l) => l !== '')
  const want = norm(block.code)
  const have = norm(text)
  if (!want.length) return [`${at} - copy of ${block.copyOf}: the block is empty`]
  for (let i = 0; i + want.length <= have.length; i++) {
    if (want.every((line, j) => have[i + j] === line)) return []
  }
  const first = want.find((line) => !have.includes(line))
  return [`${at} - the block is not a copy of ${block.copyOf}: ${first ? `its line "${first}" is not in the file` : 'its lines are in the file but not together and in this order'}; copy the code again`]
}

function compilerOptions(dir, node) {
  const base = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile).config.compilerOptions
  const paths = {}
  for (const [specifier, src] of Object.entries(ENTRIES)) {
    paths[specifier] = [join(root, src)]
    paths[`npm:${specifier}`] = [join(root, src)]
  }
  const json = {
    ...base, // the project's strict settings (verbatimModuleSyntax included: type imports must say so)
    types: node ? ['node'] : [],
    moduleDetection: 'force', // every block is a module, even one without imports (top-level await)
    noUnusedLocals: false, // a block may show a value without using it
    declaration: false,
    noEmit: true,
    paths,
  }
  return ts.convertCompilerOptionsFromJson(json, dir).options
}

function format(diagnostic, where) {
  const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n    ')
  const file = diagnostic.file
  if (!file) return `error TS${diagnostic.code}: ${text}`
  const { line, character } = file.getLineAndCharacterOfPosition(diagnostic.start ?? 0)
  const block = where.get(resolve(file.fileName))
  const at = block ? `${relative(process.cwd(), block.file)}:${block.line + line}:${character + 1}` : `${relative(process.cwd(), file.fileName)}:${line + 1}:${character + 1}`
  return `${at} - error TS${diagnostic.code}: ${text}`
}

/** Type-checks `entries` ([path, block]) in one program; returns formatted errors. */
function typecheck(dir, prelude, entries, node) {
  if (!entries.length) return []
  const options = compilerOptions(dir, node)
  const where = new Map(entries.map(([path, block]) => [resolve(path), block]))
  const program = ts.createProgram({ rootNames: [prelude, ...where.keys()], options })
  const diagnostics = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()]
  for (const name of [prelude, ...where.keys()]) {
    const sf = program.getSourceFile(name)
    diagnostics.push(...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf))
  }
  return diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error).map((d) => format(d, where))
}

/** Runs a block in Node with tsx, its `@timeback/sdk/*` imports pointed at src/ (tsx maps no paths under node_modules). */
function run(dir, index, block) {
  const code = block.code.replace(/(['"])(?:npm:)?(@timeback\/sdk(?:\/[\w-]+)?)\1/g, (whole, quote, specifier) =>
    ENTRIES[specifier] ? `${quote}${pathToFileURL(join(root, ENTRIES[specifier])).href}${quote}` : whole)
  const path = join(dir, `run-${index}.ts`)
  writeFileSync(path, code)
  const result = spawnSync(process.execPath, ['--import', 'tsx', path], { cwd: root, encoding: 'utf8', timeout: 30_000 })
  if (result.status === 0) return []
  const output = `${result.stdout}${result.stderr}`.trim().split('\n').slice(0, 20).join('\n    ')
  return [`${relative(process.cwd(), block.file)}:${block.line - 1} - the block failed when run (exit ${result.status ?? result.signal}):\n    ${output}`]
}

function main() {
  const args = process.argv.slice(2)
  const keep = args.includes('--keep')
  const files = args.filter((a) => a !== '--keep').map((f) => resolve(f))
  if (!files.length) files.push(join(root, 'README.md'))
  const started = performance.now()

  // Inside the project so that blocks importing dev dependencies (msw) resolve them; unique per run.
  const cache = join(root, 'node_modules', '.cache', 'readme-snippets')
  mkdirSync(cache, { recursive: true })
  const dir = mkdtempSync(join(cache, 'run-'))
  const errors = []
  const counts = { checked: 0, fragments: 0, runs: 0, copies: 0 }
  try {
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n') // under node_modules, Node assumes CommonJS
    const prelude = join(dir, 'prelude.d.ts')
    writeFileSync(prelude, PRELUDE)
    const web = []
    const node = []
    const toRun = []
    for (const file of files) {
      const { blocks, problems } = blocksOf(file)
      errors.push(...problems)
      for (const block of blocks) {
        if (block.copyOf) { counts.copies++; errors.push(...copyProblems(block)); continue }
        if (block.words.has('fragment')) { counts.fragments++; continue }
        const path = join(dir, `block-${web.length + node.length + 1}-line-${block.line}.ts`)
        writeFileSync(path, block.code)
        ;(block.words.has('node') ? node : web).push([path, block])
        if (block.words.has('run')) toRun.push(block)
      }
    }
    counts.checked = web.length + node.length
    errors.push(...typecheck(dir, prelude, web, false), ...typecheck(dir, prelude, node, true))
    for (const block of toRun) errors.push(...run(dir, ++counts.runs, block))
  } finally {
    if (keep) console.log(`blocks kept in ${relative(process.cwd(), dir)}`)
    else rmSync(dir, { recursive: true, force: true })
  }

  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  for (const e of errors) console.error(e)
  const summary = `${counts.checked} TypeScript block(s) type-checked, ${counts.runs} run, ${counts.copies} copied from examples and found there, ${counts.fragments} fragment(s) skipped, in ${seconds} s`
  if (errors.length) {
    console.error(`\nreadme-snippets: ${errors.length} error(s); ${summary}`)
    process.exit(1)
  }
  console.log(`readme-snippets: ok; ${summary}`)
}

main()
