// tools/check-exports.mjs keeps the lists of entry points in agreement. Each case copies the files it reads
// (package.json, rollup.config.mjs, tools/, the harness lists, stub sources) into a temporary root, breaks one
// thing, and expects the problem named.

import assert from 'node:assert/strict'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { after, describe, it } from 'node:test'
import { packageEntries, ROOT } from '../../tools/entries.mjs'
import { checkExports } from '../../tools/check-exports.mjs'

const roots: string[] = []
after(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })))

/** A copy of the repository's entry lists with stub sources; `change` edits it before the check runs. */
async function problemsAfter(change: (root: string) => void = () => {}): Promise<string[]> {
  const root = mkdtempSync(join(tmpdir(), 'check-exports-'))
  roots.push(root)
  for (const file of ['package.json', 'rollup.config.mjs', 'tools/entries.mjs', 'test/harness/sdk.src.ts', 'test/harness/sdk.dist.ts']) {
    mkdirSync(dirname(join(root, file)), { recursive: true })
    cpSync(join(ROOT, file), join(root, file))
  }
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'))
  for (const e of packageEntries()) {
    mkdirSync(dirname(join(root, e.source!)), { recursive: true })
    writeFileSync(join(root, e.source!), readFileSync(join(ROOT, e.source!), 'utf8').split('\n').filter((l) => /@bundle/.test(l)).join('\n'))
  }
  mkdirSync(join(root, 'src/bin'), { recursive: true })
  writeFileSync(join(root, 'src/bin/timeback-emulator.ts'), '')
  writeFileSync(join(root, 'src/bin/timeback.ts'), '')
  change(root)
  return checkExports(root)
}
const edit = (root: string, file: string, f: (text: string) => string) => writeFileSync(join(root, file), f(readFileSync(join(root, file), 'utf8')))

describe('tools/check-exports.mjs', () => {
  it('finds nothing wrong in the repository as it is', async () => {
    assert.deepEqual(await checkExports(), [])
    assert.deepEqual(await problemsAfter(), [])
  })

  it('a service folder without an exports entry', async () => {
    const problems = await problemsAfter((root) => mkdirSync(join(root, 'src/services/scorm'), { recursive: true }))
    assert.deepEqual(problems, ['src/services/scorm/ has no package.json exports entry "./scorm"'])
  })

  it('an exports entry without a source, or pointing elsewhere than the build writes', async () => {
    const problems = await problemsAfter((root) => edit(root, 'package.json', (t) => {
      const pkg = JSON.parse(t)
      pkg.exports['./lti'] = { types: './dist/lti.d.ts', default: './dist/lti.js' }
      pkg.exports['./errors'] = { types: './dist/errors.d.ts', default: './dist/errors/index.js' }
      return JSON.stringify(pkg)
    }))
    assert.deepEqual(problems, [
      'exports "./errors": default must be "./dist/errors.js", not "dist/errors/index.js"',
      'exports "./lti": no source; expected one of src/services/lti/index.ts, src/lti/index.ts, src/lti.ts',
      // The harness list follows the map, so the wrong target shows there too.
      "test/harness/sdk.dist.ts: no `import * as … from '../../dist/errors/index.js'`",
      "test/harness/sdk.dist.ts: imports '../../dist/errors.js', which is no package.json export",
    ])
  })

  it('a service without bundle markers, and a harness list missing an entry', async () => {
    const problems = await problemsAfter((root) => {
      edit(root, 'src/services/caliper/index.ts', (t) => t.replace(/@bundleMarkers/, '@nothing'))
      edit(root, 'test/harness/sdk.dist.ts', (t) => t.replace(/^import \* as edge from .*$/m, ''))
    })
    assert.deepEqual(problems, [
      'src/services/caliper/index.ts: no "// @bundleMarkers …" line (strings only this service\'s code contains; see tools/entries.mjs)',
      "test/harness/sdk.dist.ts: no `import * as … from '../../dist/edge.js'`",
    ])
  })

  it('a rollup config that stopped reading the list', async () => {
    const problems = await problemsAfter((root) => edit(root, 'rollup.config.mjs', (t) => t.replace('const entries = rollupInputs()', "const entries = { ...rollupInputs(), extra: 'src/extra.ts' }")))
    assert.deepEqual(problems, ['rollup.config.mjs input "extra": "src/extra.ts", expected undefined'])
  })
})
