// Core serves any service and names none: no import from services/ or edge/, and no service name in its code
// (doc comments may use them as examples). Host families in environments.ts are host names, not services.

import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const CORE = join(ROOT, 'src/core')
const SERVICES = ['oneroster', 'edubridge', 'caliper', 'qti', 'powerpath', 'case', 'clr', 'openbadges', 'masterytrack', 'webhooks', 'identity']

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : []
  })
}
/** The code without comments (block and line), so doc examples do not count. */
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1')

describe('core boundaries', () => {
  it('src/core imports nothing from src/services or src/edge', () => {
    const offenders = files(CORE).filter((f) => /from '\.\.\/(\.\.\/)*(services|edge)\//.test(readFileSync(f, 'utf8')))
    assert.deepEqual(offenders.map((f) => relative(ROOT, f)), [])
  })

  it('src/core code names no service (outside the host-family table)', () => {
    const pattern = new RegExp(`['"\`](${SERVICES.join('|')})['"\`]|\\b(${SERVICES.join('|')})\\s*:`, 'i')
    const found = files(CORE)
      .filter((f) => !f.endsWith('environments.ts'))
      .flatMap((f) => code(readFileSync(f, 'utf8')).split('\n').filter((line) => pattern.test(line)).map((line) => `${relative(ROOT, f)}: ${line.trim()}`))
    assert.deepEqual(found, [])
  })

  it('every service folder has a descriptor', () => {
    const folders = readdirSync(join(ROOT, 'src/services')).filter((n) => statSync(join(ROOT, 'src/services', n)).isDirectory())
    for (const folder of folders) {
      const text = readFileSync(join(ROOT, 'src/services', folder, 'service.ts'), 'utf8')
      assert.match(text, new RegExp(`name: '${folder}'`), `${folder}/service.ts names its service`)
    }
  })
})
