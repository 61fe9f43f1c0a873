#!/usr/bin/env node
// Fails (exit 1, one line per problem) when the lists of entry points disagree: package.json `exports`, the
// rollup inputs, the src/services/* folders, and the runners' SDK module lists in test/harness. package.json
// is the list (see tools/entries.mjs); everything else is derived from it or checked against it here.
// Run by `npm run typecheck`.

import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { packageEntries, programs, ROOT, serviceFolders, sourceCandidates } from './entries.mjs'

/** Every problem found, as readable lines; empty when the lists agree. */
export async function checkExports(root = ROOT) {
  const problems = []
  const entries = packageEntries(root)

  for (const e of entries) {
    if (!e.source) problems.push(`exports "${e.subpath}": no source; expected one of ${sourceCandidates(e.name).join(', ')}`)
    else if (e.sources.length > 1) problems.push(`exports "${e.subpath}": ambiguous source, both ${e.sources.join(' and ')}`)
    // rollup writes each entry as dist/<input name>.js and .d.ts: the map must point there.
    if (e.dist !== `dist/${e.name}.js`) problems.push(`exports "${e.subpath}": default must be "./dist/${e.name}.js", not ${JSON.stringify(e.dist)}`)
    if (e.types !== `dist/${e.name}.d.ts`) problems.push(`exports "${e.subpath}": types must be "./dist/${e.name}.d.ts", not ${JSON.stringify(e.types)}`)
    if (e.service && e.markers.length === 0) problems.push(`${e.source}: no "// @bundleMarkers …" line (strings only this service's code contains; see tools/entries.mjs)`)
    const unknown = e.mayContain.filter((name) => name !== '*' && !entries.some((other) => other.name === name))
    if (unknown.length) problems.push(`${e.source}: @bundleMayContain names no entry: ${unknown.join(', ')}`)
  }

  const exported = new Set(entries.filter((e) => e.service).map((e) => e.name))
  for (const folder of serviceFolders(root)) {
    if (!exported.has(folder)) problems.push(`src/services/${folder}/ has no package.json exports entry "./${folder}"`)
  }

  for (const [stem, source] of Object.entries(programs(root))) {
    if (!existsSync(join(root, source))) problems.push(`bin dist/${stem}.js: no source ${source}`)
  }

  // The build must take exactly these inputs (it reads the list; this catches a hand-edited config).
  const [jsBuild] = (await import(pathToFileURL(join(root, 'rollup.config.mjs')).href)).default
  const want = { ...Object.fromEntries(entries.map((e) => [e.name, e.source])), ...programs(root) }
  const got = jsBuild.input
  for (const key of new Set([...Object.keys(want), ...Object.keys(got)])) {
    if (want[key] !== got[key]) problems.push(`rollup.config.mjs input "${key}": ${JSON.stringify(got[key])}, expected ${JSON.stringify(want[key])}`)
  }

  // The runners' static import lists (static so workerd and browser bundles can follow them): one line per entry.
  for (const [file, target] of [['test/harness/sdk.src.ts', (e) => `../../${e.source}`], ['test/harness/sdk.dist.ts', (e) => `../../${e.dist}`]]) {
    const path = join(root, file)
    if (!existsSync(path)) {
      problems.push(`${file} is missing`)
      continue
    }
    const imported = new Set([...readFileSync(path, 'utf8').matchAll(/^import \* as \w+ from '([^']+)'/gm)].map((m) => m[1]))
    const expected = new Set(entries.filter((e) => e.source).map(target))
    for (const spec of expected) if (!imported.has(spec)) problems.push(`${file}: no \`import * as … from '${spec}'\``)
    for (const spec of imported) if (!expected.has(spec)) problems.push(`${file}: imports '${spec}', which is no package.json export`)
  }
  return problems
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const problems = await checkExports()
  for (const p of problems) console.error(`check-exports: ${p}`)
  if (problems.length) process.exit(1)
  console.log(`check-exports: ${packageEntries().length} entries agree (package.json exports, rollup inputs, src/services, test/harness)`)
}
