// Each entry point bundled alone (from the built dist/, as a user's bundler would see it) carries only its
// own service: markers of the other services must not leak in. Run after `npm run build` (npm test builds first).

import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** Strings that only the named service's code contains. */
const MARKERS: Record<string, string[]> = {
  oneroster: ['/ims/oneroster/rostering/v1p2', 'OneRosterClient'],
  caliper: ['/caliper/event/validate', '/jobs/{jobId}/status'],
  webhooks: ['/webhook-filters/', 'WebhooksClient'],
  emulator: ['seed-school-1', 'revokeTokens'],
}
/** Each entry's own service, and what else it may contain (the emulator serves every service's routes). */
const ENTRIES: Record<string, { own?: string; mayContain?: string[] }> = {
  oneroster: { own: 'oneroster' },
  caliper: { own: 'caliper' },
  webhooks: { own: 'webhooks' },
  errors: {},
  edge: {},
  testing: { own: 'emulator', mayContain: ['oneroster', 'caliper', 'webhooks'] },
}

async function bundle(code: string): Promise<string> {
  const out = await build({
    stdin: { contents: code, resolveDir: ROOT, loader: 'js' },
    bundle: true, minify: true, format: 'esm', platform: 'neutral', write: false, external: ['valibot'],
  })
  return out.outputFiles[0]!.text
}

// Without a build the check skips locally; under CI=true it runs (and fails loudly) so it cannot be skipped silently.
const built = existsSync(`${ROOT}dist/oneroster.js`) || process.env.CI === 'true'
describe('entry points bundled alone', { skip: built ? false : 'run npm run build first' }, () => {
  for (const [entry, { own, mayContain = [] }] of Object.entries(ENTRIES)) {
    const allowed = own ? [own, ...mayContain] : mayContain
    it(`${entry} carries no other service's code`, async () => {
      const text = await bundle(`export * from './dist/${entry}.js'`)
      for (const [service, markers] of Object.entries(MARKERS)) {
        if (allowed.includes(service)) continue
        for (const marker of markers) assert.ok(!text.includes(marker), `${entry} contains ${service}'s ${marker}`)
      }
      // The check can fail: an entry's own markers are there.
      if (own) assert.ok(MARKERS[own]!.some((m) => text.includes(m)), `${entry} lacks its own ${own} code`)
    })
  }
})
