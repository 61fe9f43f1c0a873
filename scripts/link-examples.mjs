#!/usr/bin/env node
// Links each example's `node_modules/@timeback/sdk` to this repository, which is what `npm install` does for the
// examples' `"@timeback/sdk": "file:../.."` dependency, without installing the examples' other tools (wrangler,
// …): the examples' tests use this repository's devDependencies. Idempotent. Run by scripts/test-all.js.
import { existsSync, lstatSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs'
import { join, relative } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const examples = join(root, 'examples')
for (const name of readdirSync(examples)) {
  const dir = join(examples, name)
  if (!existsSync(join(dir, 'package.json'))) continue
  const scope = join(dir, 'node_modules/@timeback')
  const link = join(scope, 'sdk')
  mkdirSync(scope, { recursive: true })
  try {
    if (lstatSync(link)) rmSync(link, { recursive: true, force: true })
  } catch {}
  symlinkSync(relative(scope, root), link, 'dir')
  console.log(`linked ${relative(root, link)} -> ${relative(scope, root)}`)
}
