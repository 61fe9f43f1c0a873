// The root entry shakes: a consumer that imports '@timeback/sdk' and uses only OneRoster carries no other
// service's code (each service's markers come from its own entry, see tools/entries.mjs), and costs little more
// than importing '@timeback/sdk/oneroster' directly; `everyService` carries them all. Bundled from src/ with
// esbuild (no build needed); sizes are printed for the README.

import assert from 'node:assert/strict'
import { gzipSync } from 'node:zlib'
import { describe, it } from 'node:test'
import { build } from 'esbuild'
import { packageEntries, ROOT } from '../../tools/entries.mjs'

async function bundle(code: string): Promise<{ text: string; gz: number }> {
  const out = await build({
    stdin: { contents: code, resolveDir: ROOT, loader: 'ts' },
    bundle: true, minify: true, format: 'esm', platform: 'neutral', target: 'es2022', write: false, external: ['valibot'],
  })
  const text = out.outputFiles[0]!.text
  return { text, gz: gzipSync(text, { level: 9 }).length }
}

const services = packageEntries().filter((e) => e.service && e.name !== 'identity')
const markersOf = (name: string) => services.find((e) => e.name === name)!.markers

describe('root entry bundles', () => {
  it('using only OneRoster through createTimeback carries no other service, and about what the oneroster entry costs', async () => {
    const one = await bundle(`import { createTimeback, oneroster } from './src/index.ts'
      const t = await createTimeback({ env: 'staging', use: { oneroster } }); console.log(await t.api.oneroster.users.list({ limit: 1 }))`)
    const direct = await bundle(`import { OneRosterClient } from './src/services/oneroster/index.ts'
      console.log(await new OneRosterClient({ env: 'staging' }).users.list({ limit: 1 }))`)
    for (const other of services) {
      if (other.name === 'oneroster') continue
      for (const marker of other.markers) assert.ok(!one.text.includes(marker), `a OneRoster-only consumer carries ${other.name}'s ${marker}`)
    }
    assert.ok(markersOf('oneroster').some((m) => one.text.includes(m)), 'OneRoster is there')
    assert.ok(!one.text.includes('Invalid Compact JWS'), 'no jose')
    assert.ok(!one.text.includes('timeback-activity:v1'), 'no activity helper without caliper')
    console.log(`root + oneroster: ${(one.gz / 1024).toFixed(2)} KB gz; @timeback/sdk/oneroster alone: ${(direct.gz / 1024).toFixed(2)} KB gz`)
    assert.ok(one.gz - direct.gz < 3 * 1024, `the unified client adds ${one.gz - direct.gz} B gz`)
  })

  it('everyService carries every service', async () => {
    const all = await bundle(`import { createTimeback, everyService } from './src/index.ts'
      const t = await createTimeback({ env: 'staging', use: everyService }); console.log(Object.keys(t.api))`)
    for (const entry of services) assert.ok(entry.markers.some((m) => all.text.includes(m)), `${entry.name} is in the everyService bundle`)
    console.log(`root + everyService: ${(all.gz / 1024).toFixed(2)} KB gz`)
  })
})
