// The one list of entry points: package.json `exports` (and `bin` for the Node programs). The build
// (rollup.config.mjs), tools/check-exports.mjs, the bundle-isolation and size tests, the bench and
// scripts/readme-snippets.mjs all read it from here, so a new service is its folder plus one `exports` line.
//
// Where an entry's source is, by convention (the first that exists):
//   "./<name>" → src/services/<name>/index.ts, src/<name>/index.ts, src/<name>.ts;   "." → src/index.ts
// Each entry's bundle markers are read from its own source file, in a comment line:
//   // @bundleMarkers <string> <string> …    strings only this entry's code contains (checked by bundles.test.ts)
//   // @bundleMayContain <entry> … | *       entries whose code it legitimately carries (the emulator serves all)
// Plain Node ESM without dependencies, so rollup, tsx and scripts can all import it.

import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../', import.meta.url))

/**
 * @typedef {object} Entry
 * @property {string} name     rollup input name and dist file stem: 'oneroster' ('index' for ".")
 * @property {string} subpath  the `exports` key: './oneroster'
 * @property {string} specifier what users import: '@timeback/sdk/oneroster'
 * @property {string} source   'src/services/oneroster/index.ts'
 * @property {string} dist     'dist/oneroster.js' (the `exports` default target)
 * @property {string} types    'dist/oneroster.d.ts'
 * @property {boolean} service true when the source is a src/services/<name>/ folder
 * @property {string[]} markers strings only this entry's code contains
 * @property {string[]} mayContain entry names whose markers this entry may carry ('*' for any)
 */

function readJson(root, file) {
  return JSON.parse(readFileSync(join(root, file), 'utf8'))
}

/** Candidate sources for an entry name, in the order the convention tries them. */
export function sourceCandidates(name) {
  return name === 'index' ? ['src/index.ts'] : [`src/services/${name}/index.ts`, `src/${name}/index.ts`, `src/${name}.ts`]
}

/** The whitespace-separated words after `@<tag>` on a comment line of `text`. */
function tagWords(text, tag) {
  const line = text.split('\n').find((l) => new RegExp(`^\\s*(//|\\*)\\s*@${tag}\\s`).test(l))
  return line ? line.replace(new RegExp(`^.*@${tag}\\s+`), '').trim().split(/\s+/) : []
}

/** Every module entry of package.json `exports` (not ./package.json), in the map's order. */
export function packageEntries(root = ROOT) {
  const { name: pkg, exports } = readJson(root, 'package.json')
  const entries = []
  for (const [subpath, target] of Object.entries(exports)) {
    if (subpath === './package.json') continue
    const name = subpath === '.' ? 'index' : subpath.slice(2)
    const dist = typeof target === 'string' ? target : target.default
    const types = typeof target === 'string' ? undefined : target.types
    const found = sourceCandidates(name).filter((file) => existsSync(join(root, file)))
    const source = found[0]
    const text = source ? readFileSync(join(root, source), 'utf8') : ''
    entries.push({
      name,
      subpath,
      specifier: subpath === '.' ? pkg : `${pkg}/${name}`,
      source,
      sources: found,
      dist: dist?.replace(/^\.\//, ''),
      types: types?.replace(/^\.\//, ''),
      service: source?.startsWith('src/services/') ?? false,
      markers: tagWords(text, 'bundleMarkers'),
      mayContain: tagWords(text, 'bundleMayContain'),
    })
  }
  return entries
}

/** The Node programs of package.json `bin`: { 'bin/timeback-emulator': 'src/bin/timeback-emulator.ts' }. */
export function programs(root = ROOT) {
  const { bin = {} } = readJson(root, 'package.json')
  const out = {}
  for (const target of Object.values(typeof bin === 'string' ? { main: bin } : bin)) {
    const stem = target.replace(/^\.\/dist\//, '').replace(/\.js$/, '')
    out[stem] = `src/${stem}.ts`
  }
  return out
}

/** The folders under src/services/ (each one is a service, hence an entry). */
export function serviceFolders(root = ROOT) {
  const dir = join(root, 'src/services')
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()
}

/** rollup `input` for the module entries: { oneroster: 'src/services/oneroster/index.ts', … }. */
export function rollupInputs(root = ROOT) {
  return Object.fromEntries(packageEntries(root).map((e) => [e.name, e.source]))
}
