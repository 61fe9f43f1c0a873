// dist/cdn/*.js as a page loads them from a CDN or a static host: a loopback static server (no import map, no
// bundler) and Chromium driven by Playwright. The page (./cdn-page.js) runs OneRoster calls against an in-page
// emulator, imports every entry once, and runs again on an origin that is not a secure context
// (http://insecure.test, mapped to 127.0.0.1 by Chromium's resolver: nothing leaves loopback). Here, on the Node
// side: every request the server saw, the files' imports and source maps, and what the page reported.
// Run after `npm run build`: `node scripts/test-all.js --no-build --only cdn`.

import assert from 'node:assert/strict'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Browser, CDPSession, Page } from 'playwright-core'
import { packageEntries, ROOT } from '../../tools/entries.mjs'

// scripts/chrome.mjs has no type declarations: its two exports used here, typed.
const chrome: { CHROME_ARGS: string[]; chromePath(): Promise<string> } = await import(new URL('../../scripts/chrome.mjs', import.meta.url).href)
const CDN = join(ROOT, 'dist/cdn')
const PAGE_SCRIPT = join(ROOT, 'test/browser/cdn-page.js')
const INSECURE_HOST = 'insecure.test'
const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
// No import map: a bare `import 'valibot'` left in a file would fail the page at load time.
const HTML = '<!doctype html><meta charset="utf-8"><title>CDN bundles</title><script type="module" src="./cdn-page.js"></script>'

const entries = packageEntries().map((e) => e.name)

/** Every file under dist/cdn, as paths relative to it with '/' separators. */
function cdnFiles(dir = CDN): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? cdnFiles(join(dir, d.name)) : [relative(CDN, join(dir, d.name)).split(sep).join('/')],
  )
}

interface Served {
  host: string
  path: string
  status: number
}

/** A static server for the page, its script and dist/cdn (as /cdn/), recording every request it answers. */
function staticServer(served: Served[]): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://placeholder')
    const answer = (status: number, type: string, body: string | Buffer) => {
      served.push({ host: req.headers.host ?? '', path: url.pathname, status })
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body)
    }
    if (url.pathname === '/') return answer(200, 'text/html; charset=utf-8', HTML)
    if (url.pathname === '/cdn-page.js') return answer(200, 'text/javascript; charset=utf-8', readFileSync(PAGE_SCRIPT))
    if (url.pathname.startsWith('/cdn/')) {
      const file = resolve(CDN, `.${decodeURIComponent(url.pathname.slice('/cdn'.length))}`)
      if (file.startsWith(CDN + sep) && existsSync(file)) {
        const type = file.endsWith('.map') ? 'application/json' : 'text/javascript; charset=utf-8'
        return answer(200, type, readFileSync(file))
      }
    }
    answer(404, 'text/plain', 'not found')
  })
}

/** Each file of dist/cdn (relative to it) with the specifiers it imports as written, read by esbuild's parser. */
async function importGraph(): Promise<Map<string, { written: string; file?: string }[]>> {
  const { build } = await import('esbuild')
  const js = cdnFiles().filter((f) => f.endsWith('.js'))
  // Bundling only to get the metafile: every import, static or dynamic, as written and as resolved. A bare
  // specifier stays external (packages: 'external') and shows up as written.
  const { metafile } = await build({
    entryPoints: js.map((f) => join(CDN, f)), absWorkingDir: ROOT, bundle: true, write: false, metafile: true,
    format: 'esm', splitting: true, outdir: join(ROOT, 'dist/.cdn-graph'), packages: 'external', external: ['node:*'], logLevel: 'silent',
  })
  const graph = new Map<string, { written: string; file?: string }[]>()
  for (const [input, { imports }] of Object.entries(metafile.inputs)) {
    const rel = (p: string) => relative(CDN, join(ROOT, p)).split(sep).join('/')
    graph.set(rel(input), imports.map((i) => ({ written: i.original ?? i.path, file: i.external ? undefined : rel(i.path) })))
  }
  return graph
}

/** A file and every chunk it imports, transitively (paths relative to dist/cdn). */
function closure(graph: Map<string, { file?: string }[]>, file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen
  seen.add(file)
  for (const i of graph.get(file) ?? []) if (i.file) closure(graph, i.file, seen)
  return seen
}

interface SourceMap {
  version: number
  sources: string[]
  sourcesContent?: (string | null)[]
  mappings: string
}
const mapOf = (file: string): SourceMap => JSON.parse(readFileSync(join(CDN, `${file}.map`), 'utf8'))
/** A map's sources as paths from the repository root. */
const sourcesOf = (file: string) => mapOf(file).sources.map((s) => relative(ROOT, resolve(CDN, dirname(file), s)).split(sep).join('/'))

describe('CDN bundles (dist/cdn) in Chromium, no import map', { skip: existsSync(CDN) || process.env.CI === 'true' ? false : 'run npm run build first' }, () => {
  const served: Served[] = []
  const scripts: { url: string; sourceMapURL: string }[] = []
  let server: Server
  let port: number
  let browser: Browser
  const pageErrors: string[] = []
  let graph: Map<string, { written: string; file?: string }[]>

  before(async () => {
    graph = await importGraph()
    server = staticServer(served)
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
    port = (server.address() as AddressInfo).port
    const { chromium } = await import('playwright-core')
    // scripts/chrome.mjs's flags plus one resolver rule, so that http://insecure.test reaches this server on
    // 127.0.0.1 and is, for the page, an ordinary plain-http origin: not a secure context.
    browser = await chromium.launch({ executablePath: await chrome.chromePath(), headless: true, args: [...chrome.CHROME_ARGS, `--host-resolver-rules=MAP ${INSECURE_HOST} 127.0.0.1`] })
  })

  after(async () => {
    await browser?.close()
    await new Promise((done) => server?.close(done))
  })

  /** Opens the page at `origin` and waits (with a deadline) until its script has set up `window.cdn`. */
  async function open(origin: string): Promise<{ page: Page; cdp: CDPSession }> {
    const page = await browser.newPage()
    page.on('pageerror', (error) => pageErrors.push(`${origin}: ${error.message}`))
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`${origin}: console: ${message.text()}`)
    })
    // The debugger reports each script as it is parsed, with the source map URL Chromium found in it.
    const cdp = await page.context().newCDPSession(page)
    cdp.on('Debugger.scriptParsed', (event: { url: string; sourceMapURL?: string }) => {
      if (event.url.includes('/cdn/')) scripts.push({ url: event.url, sourceMapURL: event.sourceMapURL ?? '' })
    })
    await cdp.send('Debugger.enable')
    await page.goto(`${origin}/`)
    await page.waitForFunction('window.cdnReady === true', undefined, { timeout: 15_000 })
    return { page, cdp }
  }

  it('OneRoster calls against an in-page emulator: list, get, and a 404 that is a NotFoundError from cdn/errors.js', async () => {
    const { page } = await open(`http://127.0.0.1:${port}`)
    const result = await page.evaluate('window.cdn.oneRoster()') as any
    await page.close()
    assert.deepEqual(result.page, { isSecureContext: true, randomUUID: 'function', subtle: 'object' }, 'a loopback page is a secure context')
    assert.equal(result.listed.length, 2)
    assert.ok(result.listed.every((id: string) => /^seed-/.test(id)), `seeded users listed: ${result.listed}`)
    // The emulator's seed: student 1 is Ada Lovelace.
    assert.deepEqual(result.one, { sourcedId: 'seed-student-1', givenName: 'Ada', familyName: 'Lovelace' })
    const { message, ...missing } = result.missing.error
    assert.deepEqual(missing, { name: 'NotFoundError', status: 404, isNotFoundError: true, isConfigurationError: false, isTimebackError: true, guard: true },
      'the client in cdn/oneroster.js throws the class that cdn/errors.js exports')
    assert.match(message, /no-such-user/)
    assert.deepEqual(result.sent.map((s: { method: string; path: string }) => `${s.method} ${s.path}`), [
      'POST /auth/oauth2/token',
      'GET /ims/oneroster/rostering/v1p2/users/',
      'GET /ims/oneroster/rostering/v1p2/users/seed-student-1',
      'GET /ims/oneroster/rostering/v1p2/users/no-such-user',
    ])
    for (const s of result.sent.slice(1)) assert.match(s.requestId, V4)
  })

  it('every entry loads once in the page; names exported by several entries are one object (one core, one token cache)', async () => {
    const { page } = await open(`http://127.0.0.1:${port}`)
    const result = await page.evaluate(`window.cdn.importAll(${JSON.stringify(entries)})`) as any
    await page.close()
    assert.deepEqual(result.failed, {}, 'no entry failed to load')
    // The same names as the package's own entries (dist/<entry>.js, loaded by Node with valibot and jose from node_modules).
    for (const name of entries) {
      const own = Object.keys(await import(join(ROOT, `dist/${name}.js`))).sort()
      assert.deepEqual(result.exports[name], own, `cdn/${name}.js exports what dist/${name}.js does`)
    }
    assert.deepEqual(result.different, [], 'a name exported by two entries is the same object in both')
    assert.ok((result.shared.clearTokenCache ?? []).length >= 2, 'the token cache is one across entries that export it')
  })

  it('on a plain-http origin (not a secure context): no randomUUID, no subtle; ids fall back, public routes work, OAuth fails saying why', async () => {
    const { page } = await open(`http://${INSECURE_HOST}:${port}`)
    const result = await page.evaluate('window.cdn.insecure()') as any
    await page.close()
    assert.deepEqual(result.page, { isSecureContext: false, randomUUID: 'undefined', subtle: 'undefined' })
    assert.equal(result.token.status, 200)
    assert.match(result.token.accessToken, /^emu_[0-9a-f]{64}$/, 'the emulator made a token from two fallback UUIDs')
    assert.equal(result.clr.openapi, '3.0.1')
    assert.deepEqual(result.clr.sent.map((s: { path: string }) => s.path), ['/ims/clr/v2p0/discovery/'])
    assert.match(result.clr.sent[0].requestId, V4, 'the request id came from the getRandomValues fallback')
    assert.deepEqual(result.refused.error, {
      name: 'ConfigurationError',
      message: 'Hashing the token cache key: this page is not a secure context (crypto.subtle is missing): serve it over https or from localhost.',
      status: undefined, isNotFoundError: false, isConfigurationError: true, isTimebackError: true, guard: false,
    })
    assert.equal(result.oauthRequests, 0, 'refused before any request, the token request included')
    assert.ok(served.some((s) => s.host === `${INSECURE_HOST}:${port}` && s.path === '/cdn/oneroster.js'), 'the page really came from insecure.test')
  })

  it('no request failed: every module and map the pages asked for was served (no bare specifier reached the server)', () => {
    assert.deepEqual(pageErrors, [], 'no page error or console error')
    assert.deepEqual(served.filter((s) => s.status !== 200), [], 'nothing answered 404')
    assert.ok(!served.some((s) => /^\/(valibot|jose)\b/.test(s.path) || (s.path.startsWith('/cdn/') && !s.path.endsWith('.js') && !s.path.endsWith('.map'))))
    const js = cdnFiles().filter((f) => f.endsWith('.js'))
    const fetched = new Set(served.map((s) => s.path.slice('/cdn/'.length)))
    assert.deepEqual(js.filter((f) => !fetched.has(f)), [], 'every file in dist/cdn was loaded (so parsed) by the page')
  })

  it('the files import only each other, by relative path', async () => {
    const js = cdnFiles().filter((f) => f.endsWith('.js'))
    assert.deepEqual(entries.filter((e) => !js.includes(`${e}.js`)), [], 'one file per package entry')
    assert.deepEqual([...graph.keys()].sort(), [...js].sort(), 'the parser read every file')
    const imports = [...graph].flatMap(([file, list]) => list.map((i) => ({ from: file, ...i })))
    assert.ok(imports.length > js.length, `${imports.length} imports read`)
    assert.deepEqual(imports.filter((i) => !/^\.\.?\//.test(i.written) || !i.file || !js.includes(i.file)), [], 'relative imports of files in dist/cdn, nothing else')
    // The class identity above depends on this: the errors live in one chunk that both entries import.
    const both = [...closure(graph, 'errors.js')].filter((f) => closure(graph, 'oneroster.js').has(f) && f.startsWith('chunks/'))
    assert.ok(both.length > 0, 'cdn/errors.js and cdn/oneroster.js share a chunk')
  })

  it('source maps: every file links one, Chromium found it, and it carries its sources (under src/, or valibot and jose, whose licenses ship alongside)', () => {
    const js = cdnFiles().filter((f) => f.endsWith('.js'))
    for (const file of js) {
      const code = readFileSync(join(CDN, file), 'utf8')
      const name = file.split('/').pop()
      assert.ok(code.trimEnd().endsWith(`//# sourceMappingURL=${name}.map`), `${file} links ${name}.map`)
      const map = mapOf(file)
      assert.equal(map.version, 3)
      assert.equal(map.sourcesContent?.length, map.sources.length, `${file}.map carries every source's text`)
      sourcesOf(file).forEach((source, i) => {
        assert.match(source, /^(src\/|node_modules\/(valibot|jose)\/)/, `${file}.map: ${source}`)
        // Relative paths that resolve from the map's folder to the real file, whose text the map carries.
        assert.equal(map.sourcesContent![i], readFileSync(join(ROOT, source), 'utf8'), `${file}.map: text of ${source}`)
      })
    }
    // Each entry, with the chunks it loads, maps back to the modules its source file exports from.
    for (const { name, source } of packageEntries()) {
      assert.ok(source, `${name} has a source file`)
      const sources = new Set([...closure(graph, `${name}.js`)].flatMap(sourcesOf))
      const exported = [...readFileSync(join(ROOT, source), 'utf8').matchAll(/^export .* from '(\.[^']+)\.js'/gm)]
        .map((m) => join(dirname(source), `${m[1]}.ts`).split(sep).join('/'))
      assert.ok(exported.length > 0, `${source} exports from its modules`)
      const found = exported.filter((file) => sources.has(file))
      assert.ok(found.length > 0, `${name}: the maps it loads list one of ${exported.join(', ')}`)
    }
    // Every package whose code the maps show inside carries its license text in THIRD_PARTY_LICENSES.md.
    const packages = new Set(js.flatMap(sourcesOf).flatMap((s) => s.match(/^node_modules\/([^/]+)\//)?.[1] ?? []))
    assert.deepEqual([...packages].sort(), ['jose', 'valibot'], 'the bundled dependencies')
    const notices = readFileSync(join(CDN, 'THIRD_PARTY_LICENSES.md'), 'utf8')
    for (const name of packages) {
      assert.match(notices, new RegExp(`^## ${name} \\d`, 'm'), `${name} has a section`)
      assert.ok(notices.includes(readFileSync(join(ROOT, 'node_modules', name, 'LICENSE.md'), 'utf8').trim()), `${name}'s license text is copied`)
    }
    // Chromium read the link in every file it parsed.
    assert.ok(scripts.length >= js.length, `the pages parsed ${scripts.length} CDN scripts`)
    for (const s of scripts) assert.equal(s.sourceMapURL, `${s.url.split('/').pop()}.map`, `${s.url} has a source map for Chromium`)
  })
})
