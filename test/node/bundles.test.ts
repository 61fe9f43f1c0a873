// Each entry point bundled alone (from the built dist/, as a user's bundler would see it) carries only its
// own code: another entry's markers must not leak in. The entries are package.json `exports` and each one's
// markers come from its own source (`// @bundleMarkers …`, see tools/entries.mjs), so a new service is
// checked without touching this file. Run after `npm run build` (npm test builds first).

import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { describe, it } from 'node:test'
import { build } from 'esbuild'
import { packageEntries, ROOT } from '../../tools/entries.mjs'

const entries = packageEntries()

async function bundle(code: string): Promise<string> {
  const out = await build({
    stdin: { contents: code, resolveDir: ROOT, loader: 'js' },
    bundle: true, minify: true, format: 'esm', platform: 'neutral', write: false, external: ['valibot'],
  })
  return out.outputFiles[0]!.text
}

// Without a build the check skips locally; under CI=true it runs (and fails loudly) so it cannot be skipped silently.
const built = entries.every((e) => existsSync(`${ROOT}${e.dist}`)) || process.env.CI === 'true'
describe('entry points bundled alone', { skip: built ? false : 'run npm run build first' }, () => {
  it('every service entry names its markers (the check below would otherwise pass vacuously)', () => {
    const services = entries.filter((e) => e.service)
    assert.ok(services.length >= 3, `services found: ${services.map((e) => e.name).join(', ')}`)
    for (const e of services) assert.ok(e.markers.length > 0, `${e.source} has no // @bundleMarkers line`)
  })

  for (const entry of entries) {
    it(`${entry.name} carries no other entry's code`, async () => {
      const text = await bundle(`export * from './${entry.dist}'`)
      for (const other of entries) {
        if (other === entry || entry.mayContain.includes('*') || entry.mayContain.includes(other.name)) continue
        for (const marker of other.markers) assert.ok(!text.includes(marker), `${entry.name} contains ${other.name}'s ${marker}`)
      }
      // The check can fail: an entry's own markers are there.
      if (entry.markers.length) assert.ok(entry.markers.some((m) => text.includes(m)), `${entry.name} lacks its own code (${entry.markers.join(', ')})`)
    })
  }
})
