// `timeback --help` and `timeback api … --help` are generated from the clients: every service folder, every
// resource getter and every operation appears; `timeback emulator` serves the emulator the api command can use.
// Run: node --import tsx --test test/node/cli-help.test.ts
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, it } from 'node:test'
import { OneRosterClient } from '../../src/services/oneroster/index.ts'
import { PowerPathClient } from '../../src/services/powerpath/index.ts'
import { bins, cleanEnv, ROOT, run } from './cli-run.ts'

const offline = { baseUrl: 'http://127.0.0.1:9', auth: { clientId: 'a', clientSecret: 'b', authUrl: 'http://127.0.0.1:9/t' } }

/** The test's own reading of a client: getter name → the names of the functions on what it returns. */
function getters(client: object): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const [name, d] of Object.entries(Object.getOwnPropertyDescriptors(Object.getPrototypeOf(client)))) {
    if (!d.get || name === 'baseUrl') continue
    const resource = (client as Record<string, any>)[name]
    out.set(name, Object.keys(resource).filter((k) => typeof resource[k] === 'function'))
  }
  return out
}

/** `  name   op op op` lines of a service's help, as a map. */
function helpTable(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const line of text.split('\n')) {
    const m = /^ {2}(\w+) +(\S.*)$/.exec(line)
    if (m) out.set(m[1]!, m[2]!.split(' '))
  }
  return out
}

for (const bin of bins()) {
  describe(`timeback help (${bin.name})`, () => {
    it('timeback --help names the commands and the exit codes', async () => {
      const res = await run(['--help'], { bin })
      assert.equal(res.code, 0)
      for (const word of ['api <service>', 'credentials add|list|remove', 'emulator', '2 usage', '3 API error', '4 network error']) assert.ok(res.stdout.includes(word), word)
    })

    it('--version prints the package version', async () => {
      const res = await run(['--version'], { bin })
      assert.equal(res.code, 0, res.stderr)
      assert.equal(res.stdout, `timeback ${JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')).version}\n`)
    })

    it('timeback api --help lists every service folder but identity', async () => {
      const res = await run(['api', '--help'], { bin })
      assert.equal(res.code, 0)
      const folders = readdirSync(resolve(ROOT, 'src/services')).filter((f) => f !== 'identity')
      assert.ok(folders.length >= 10)
      for (const folder of folders) assert.match(res.stdout, new RegExp(`^ {2}${folder} +\\w`, 'm'), folder)
    })

    it('timeback api oneroster --help lists every resource and every method of the client', async () => {
      const res = await run(['api', 'oneroster', '--help'], { bin })
      assert.equal(res.code, 0)
      const table = helpTable(res.stdout)
      const expected = getters(new OneRosterClient(offline))
      assert.equal(expected.size, 21)
      for (const [resource, operations] of expected) {
        assert.ok(table.has(resource), resource)
        for (const op of operations) assert.ok(table.get(resource)!.includes(op), `${resource}.${op}`)
      }
      assert.ok(table.get('courses')!.includes('createStructure'))
      assert.ok(table.get('resources')!.includes('exportCommonCartridge'))
    })

    it('nested operations appear dotted and client methods are listed', async () => {
      const pp = await run(['api', 'powerpath', 'testAssignments', '--help'], { bin })
      assert.equal(pp.code, 0)
      assert.ok(Object.keys(new PowerPathClient(offline).testAssignments.admin).length > 0)
      assert.match(pp.stdout, /^ {2}admin\.list$/m)
      const users = await run(['api', 'oneroster', 'users', '--help'], { bin })
      assert.match(users.stdout, /Operations on one item \(--scope ID\):\n(?: {2}\S+\n)*? {2}agents\.list\n/)
      const qti = await run(['api', 'qti', '--help'], { bin })
      assert.match(qti.stdout, /Client methods[^\n]*\n(?: {2}\w+\n)*? {2}processResponse\n/)
    })

    it('api without a resource is a usage error that shows the help', async () => {
      const res = await run(['api', 'oneroster'], { bin })
      assert.equal(res.code, 2)
      assert.match(res.stderr, /which resource of oneroster\?/)
      assert.match(res.stderr, /^ {2}users +list /m)
    })
  })
}

describe('timeback emulator', () => {
  it('--help shows the emulator flags; an unknown command exits 2', async () => {
    const help = await run(['emulator', '--help'])
    assert.equal(help.code, 0)
    assert.match(help.stdout, /--token-ttl S/)
    const unknown = await run(['emulate'])
    assert.equal(unknown.code, 2)
    assert.match(unknown.stderr, /unknown command 'emulate'/)
  })

  it('serves on 127.0.0.1, answers timeback api --emulator-url, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [...bins()[0]!.argv, 'emulator', '--port', '0'], { cwd: ROOT, env: cleanEnv() })
    try {
      let out = ''
      child.stdout.setEncoding('utf8')
      for await (const chunk of child.stdout) if ((out += chunk).includes('Press Ctrl+C')) break
      const url = /Timeback emulator at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!
      const res = await run(['api', 'oneroster', 'users', 'get', 'seed-teacher-1', '--fields', 'givenName', '--emulator-url', url])
      assert.equal(res.code, 0, res.stderr)
      assert.deepEqual(JSON.parse(res.stdout), { givenName: 'Maria' })
    } finally {
      child.kill('SIGTERM')
    }
    const code = child.exitCode ?? (await once(child, 'exit'))[0]
    assert.equal(code, 0)
  })
})
