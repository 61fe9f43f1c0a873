// `npm run build`, second pass: dist/cdn/<entry>.js for every package entry, for pages that import the SDK from
// a CDN or a static host with no bundler and no import map. dist/<entry>.js import `valibot` and `jose` by bare
// name, which a browser cannot resolve; these files bundle them in. Code shared by several entries (core, the
// error classes, valibot) goes to dist/cdn/chunks/, imported by relative path, so a page that loads two entries
// runs one copy of core: `instanceof NotFoundError` with the class from cdn/errors.js holds for an error thrown
// by a client from cdn/oneroster.js. Minified, with source maps that carry the sources (a CDN has no src/).
// Plain Node ESM; esbuild is a dev dependency. Run alone: `node scripts/build-cdn.mjs` (after or without rollup).

import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'
import { packageEntries, ROOT } from '../tools/entries.mjs'

const OUT = join(ROOT, 'dist/cdn')

/** { oneroster: '<root>/src/services/oneroster/index.ts', … }: one output file per package.json export. */
const entryPoints = Object.fromEntries(packageEntries().map((e) => [e.name, join(ROOT, e.source)]))

rmSync(OUT, { recursive: true, force: true })
const result = await build({
  entryPoints,
  outdir: OUT,
  bundle: true,
  // One copy of each shared module across entries (class identity), loaded by relative import.
  splitting: true,
  format: 'esm',
  // The browser builds of the dependencies (jose's `browser` export condition); never a node: built-in.
  platform: 'browser',
  target: 'es2022',
  minify: true,
  sourcemap: 'linked',
  sourcesContent: true,
  chunkNames: 'chunks/[name]-[hash]',
  entryNames: '[name]',
  tsconfig: join(ROOT, 'tsconfig.json'),
  // The SDK's modules have no import-time effects (package.json sideEffects: false), so unused exports drop out.
  treeShaking: true,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
})

// A bare specifier left in an output file would make the page fail at load time: refuse to ship such a build.
const bare = []
for (const [file, output] of Object.entries(result.metafile.outputs)) {
  for (const imported of output.imports) {
    if (!imported.external) continue
    bare.push(`${file} imports ${imported.path}`)
  }
}
if (bare.length) throw new Error(`dist/cdn must import only its own files, but:\n${bare.join('\n')}`)

// valibot and jose are MIT: copies of them carry their notices. Their sources have no license comments to keep,
// so their LICENSE files go next to the bundles, one file for every package that ended up inside.
const bundled = new Set(Object.keys(result.metafile.inputs).flatMap((input) => input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//)?.[1] ?? []))
const notices = [...bundled].sort().map((name) => {
  const dir = join(ROOT, 'node_modules', name)
  const { version, license } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  const file = ['LICENSE.md', 'LICENSE', 'LICENSE.txt'].map((f) => join(dir, f)).find(existsSync)
  if (!file) throw new Error(`dist/cdn bundles ${name}, which ships no LICENSE file to copy`)
  return `## ${name} ${version} (${license})\n\n${readFileSync(file, 'utf8').trim()}\n`
})
writeFileSync(join(OUT, 'THIRD_PARTY_LICENSES.md'), `# Third-party code bundled in dist/cdn\n\n${notices.join('\n')}`)

const files = Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.js'))
console.log(`dist/cdn: ${Object.keys(entryPoints).length} entries, ${files.length - Object.keys(entryPoints).length} shared chunks, bundling ${[...bundled].sort().join(', ')}`)
