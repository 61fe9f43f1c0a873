// `timeback api`: calls against an in-process emulator (--emulator) and a served one (--emulator-url on
// 127.0.0.1), JSON and NDJSON output, and the exit codes (2 usage, 3 API error, 4 network).
// Run: node --import tsx --test test/node/cli-api.test.ts
import assert from 'node:assert/strict'
import net from 'node:net'
import { once } from 'node:events'
import { after, before, describe, it } from 'node:test'
import { serveEmulator, type EmulatorServer } from '../../src/testing/index.ts'
import { spawn } from 'node:child_process'
import process from 'node:process'
import { bins, cleanEnv, ROOT, run } from './cli-run.ts'

type Json = Record<string, any>

for (const bin of bins()) {
  describe(`timeback api (${bin.name}) with --emulator`, () => {
    it('lists one user as one compact JSON line when piped, and pretty with --pretty', async () => {
      const res = await run(['api', 'oneroster', 'users', 'list', '--limit', '1', '--emulator'], { bin })
      assert.equal(res.code, 0, res.stderr)
      assert.equal(res.stdout.trimEnd().split('\n').length, 1)
      const page = JSON.parse(res.stdout) as Json
      assert.equal(page.data.length, 1)
      assert.equal(page.hasMore, true)
      const pretty = await run(['api', 'oneroster', 'users', 'list', '--limit', '1', '--emulator', '--pretty'], { bin })
      assert.equal(pretty.code, 0, pretty.stderr)
      assert.match(pretty.stdout, /^\{\n {2}"data": \[/)
      assert.deepEqual(JSON.parse(pretty.stdout), page)
    })

    it('passes words after the operation as arguments and --fields as an option', async () => {
      const res = await run(['api', 'oneroster', 'users', 'get', 'seed-student-1', '--fields', 'sourcedId,email', '--emulator'], { bin })
      assert.equal(res.code, 0, res.stderr)
      assert.deepEqual(JSON.parse(res.stdout), { sourcedId: 'seed-student-1', email: 'seed-student-1@seed.example' })
    })

    it('--scope ID calls an operation of one item (users(id).classes, classes(id).students with --all)', async () => {
      const classes = await run(['api', 'oneroster', 'users', 'classes', '--scope', 'seed-student-1', '--fields', 'sourcedId', '--emulator'], { bin })
      assert.equal(classes.code, 0, classes.stderr)
      assert.deepEqual(JSON.parse(classes.stdout).data, [{ sourcedId: 'seed-class-1' }])
      const students = await run(['api', 'oneroster', 'classes', 'students', '--scope', 'seed-class-1', '--all', '--fields', 'sourcedId', '--emulator'], { bin })
      assert.equal(students.code, 0, students.stderr)
      assert.deepEqual(students.stdout.trimEnd().split('\n').map((l) => JSON.parse(l).sourcedId), ['seed-student-1', 'seed-student-2', 'seed-student-3', 'seed-student-4'])
      const unscopable = await run(['api', 'oneroster', 'orgs', 'list', '--scope', 'x', '--emulator'], { bin })
      assert.equal(unscopable.code, 2)
      assert.match(unscopable.stderr, /orgs has no scoped operations/)
    })

    it('an API error exits 3 with its status and code on stderr, nothing on stdout', async () => {
      const res = await run(['api', 'oneroster', 'users', 'get', 'no-such-user', '--emulator'], { bin })
      assert.equal(res.code, 3)
      assert.match(res.stderr, /API error 404 not_found/)
      assert.equal(res.stdout, '')
    })
  })
}

describe('timeback api against a served emulator (--emulator-url)', () => {
  let server: EmulatorServer
  before(async () => {
    server = await serveEmulator({ port: 0, host: '127.0.0.1' })
  })
  after(() => server.close())

  it('--all streams every matching user as NDJSON across pages, with a count on stderr', async () => {
    const expected = server.emulator.state.list('users')
      .filter((u: Json) => u.roles.some((r: Json) => r.role === 'student'))
      .map((u) => u.sourcedId).sort()
    assert.ok(expected.length > 3, 'the seed has students on several pages of 3')
    const res = await run(['api', 'oneroster', 'users', 'list', '--all', '--limit', '3', '--where', '{"roles.role":"student"}', '--emulator-url', server.url])
    assert.equal(res.code, 0, res.stderr)
    const lines = res.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Json)
    assert.deepEqual(lines.map((u) => u.sourcedId).sort(), expected)
    assert.match(res.stderr, new RegExp(`timeback: ${expected.length} items\\n$`))
    const pages = server.emulator.requests.filter((r) => r.method === 'GET' && /\/users\/?$/.test(r.path))
    assert.ok(pages.length >= Math.ceil(expected.length / 3), `paged with limit 3 (${pages.length} requests)`)
  })

  it('--all stops paging when the reader goes away (| head) and exits 0 without a stack trace', async () => {
    server.emulator.state.seedUsers(3000) // after the NDJSON test, which counts the seed's students
    server.emulator.clearRequests()
    const child = spawn(process.execPath, [...bins()[0]!.argv, 'api', 'oneroster', 'users', 'list', '--all', '--limit', '10', '--emulator-url', server.url],
      { cwd: ROOT, env: cleanEnv() })
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c))
    child.stdout.once('data', () => child.stdout.destroy())
    const code = child.exitCode ?? (await once(child, 'exit'))[0]
    assert.equal(code, 0, stderr)
    assert.doesNotMatch(stderr, /EPIPE|Error/)
    const pages = server.emulator.requests.filter((r) => r.method === 'GET' && /\/users\/?$/.test(r.path)).length
    assert.ok(pages < 100, `stopped early: ${pages} of 300 pages`)
  })

  it('--data sends a body (inline and from stdin) that lands in the store', async () => {
    const inline = await run(['api', 'oneroster', 'categories', 'create', '--data', '{"sourcedId":"cli-cat","status":"active","title":"From the CLI"}', '--emulator-url', server.url])
    assert.equal(inline.code, 0, inline.stderr)
    assert.equal(server.emulator.state.get('categories', 'cli-cat')?.title, 'From the CLI')
    const piped = await run(['api', 'oneroster', 'categories', 'update', 'cli-cat', '--data', '-', '--emulator-url', server.url],
      { input: '{"sourcedId":"cli-cat","status":"active","title":"Piped"}' })
    assert.equal(piped.code, 0, piped.stderr)
    assert.equal(server.emulator.state.get('categories', 'cli-cat')?.title, 'Piped')
  })

  it('usage errors exit 2, say what to fix, and send nothing', async () => {
    server.emulator.clearRequests()
    const cases: [string[], RegExp][] = [
      [['api', 'nosuch', 'users', 'list'], /unknown service 'nosuch'/],
      [['api', 'oneroster', 'nosuch', 'list'], /oneroster has no resource 'nosuch'/],
      [['api', 'oneroster', 'users', 'lst'], /no operation 'lst'; one of: list, /],
      [['api', 'oneroster', 'users', 'list', '--limit', '0'], /--limit must be a whole number from 1 to 3000, got '0'/],
      [['api', 'oneroster', 'users', 'list', '--where', '{status:active}'], /--where is not JSON/],
      [['api', 'oneroster', 'users', 'list', '--where', '[1]'], /--where must be a JSON object/],
      [['api', 'oneroster', 'users', 'list', '--limit', '1', '--limit', '2'], /--limit is given twice/],
      [['api', 'oneroster', 'users', 'create', '--data', '{"givenName":""}'], /invalid_input: .*givenName/],
      [['api', 'caliper', 'jobs', 'getStatus', '--all'], /--all needs a listing that streams/],
      [['api', 'oneroster', 'users', 'list', '--emulator-url', 'http://example.com'], /--emulator-url must be a loopback origin/],
      [['api', 'oneroster', 'users', 'list', '--emulator', '--env', 'staging'], /name different targets/],
    ]
    for (const [args, message] of cases) {
      const withTarget = args.some((a) => a.startsWith('--emulator')) ? args : [...args, '--emulator-url', server.url]
      const res = await run(withTarget)
      assert.equal(res.code, 2, `${args.join(' ')}: ${res.stderr}`)
      assert.match(res.stderr, message)
      assert.equal(res.stdout, '')
    }
    assert.equal(server.emulator.requests.length, 0)
  })
})

describe('timeback api on a terminal', () => {
  // util-linux `script` gives the child a pseudo-terminal; the output comes back with the terminal's \r\n.
  it('prints pretty JSON when stdout is a TTY (no --pretty)', async () => {
    const command = [process.execPath, ...bins()[0]!.argv, 'api', 'oneroster', 'users', 'get', 'seed-student-1', '--fields', 'sourcedId', '--emulator']
      .map((w) => `'${w.replace(/'/g, "'\\''")}'`).join(' ')
    const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: ROOT, env: cleanEnv() })
    let out = ''
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c))
    child.stdin.end()
    const code = child.exitCode ?? (await once(child, 'exit'))[0]
    assert.equal(code, 0, out)
    assert.equal(out.replace(/\r\n/g, '\n'), '{\n  "sourcedId": "seed-student-1"\n}\n')
  })
})

describe('timeback api: network errors', () => {
  it('exits 4 when nothing listens at the address', async () => {
    const probe = net.createServer().listen(0, '127.0.0.1')
    await once(probe, 'listening')
    const { port } = probe.address() as net.AddressInfo
    await new Promise((done) => probe.close(done))
    const res = await run(['api', 'oneroster', 'users', 'list', '--emulator-url', `http://127.0.0.1:${port}`, '--timeout', '5000'])
    assert.equal(res.code, 4, res.stderr)
    assert.match(res.stderr, /network error connection_error/)
  })
})
