// `timeback credentials`: a 0600 file in a 0700 folder under $TIMEBACK_HOME, the secret read from stdin only and
// never printed, hostile or loose files reported; `timeback api` picks the profile and refuses a mismatch.
// Run: node --import tsx --test test/node/cli-credentials.test.ts
import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm, stat, writeFile, chmod } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { cleanEnv, run } from './cli-run.ts'

const SECRET = 'sEcReT-value-4242'

describe('timeback credentials', () => {
  let home: string
  let env: Record<string, string>
  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'timeback-cli-'))
    env = cleanEnv({ TIMEBACK_HOME: join(home, 'tb') })
  })
  after(() => rm(home, { recursive: true, force: true }))

  it('add stores the stdin secret owner-only; list shows the profile but never the secret', async () => {
    const added = await run(['credentials', 'add', '--env', 'staging', '--client-id', 'client-abc'], { env, input: `${SECRET}\n` })
    assert.equal(added.code, 0, added.stderr)
    assert.ok(!(added.stdout + added.stderr).includes(SECRET))
    const file = join(home, 'tb', 'credentials.json')
    assert.equal((await stat(file)).mode & 0o777, 0o600)
    assert.equal((await stat(join(home, 'tb'))).mode & 0o777, 0o700)
    const stored = JSON.parse(await readFile(file, 'utf8'))
    assert.deepEqual(stored.profiles.staging, { env: 'staging', clientId: 'client-abc', clientSecret: SECRET })
    const listed = await run(['credentials', 'list'], { env })
    assert.equal(listed.code, 0, listed.stderr)
    assert.ok(!(listed.stdout + listed.stderr).includes(SECRET))
    assert.deepEqual(JSON.parse(listed.stdout), [{ name: 'staging', env: 'staging', clientId: 'client-abc', clientSecret: 'set (hidden)' }])
  })

  it('refuses a secret on the command line and an empty stdin, and writes nothing', async () => {
    const other = cleanEnv({ TIMEBACK_HOME: join(home, 'refused') })
    const flag = await run(['credentials', 'add', '--env', 'staging', '--client-id', 'x', '--client-secret', SECRET], { env: other })
    assert.equal(flag.code, 2)
    assert.match(flag.stderr, /--client-secret is refused/)
    assert.ok(!flag.stderr.includes(SECRET))
    const empty = await run(['credentials', 'add', '--env', 'staging', '--client-id', 'x'], { env: other, input: '' })
    assert.equal(empty.code, 2)
    assert.match(empty.stderr, /no client secret on stdin/)
    await assert.rejects(stat(join(home, 'refused', 'credentials.json')), { code: 'ENOENT' })
  })

  it('remove deletes a profile; removing a missing one exits 2', async () => {
    const envRm = cleanEnv({ TIMEBACK_HOME: join(home, 'rm') })
    assert.equal((await run(['credentials', 'add', 'ci', '--env', 'production', '--client-id', 'p'], { env: envRm, input: 'sec' })).code, 0)
    const removed = await run(['credentials', 'remove', 'ci'], { env: envRm })
    assert.equal(removed.code, 0, removed.stderr)
    assert.deepEqual(JSON.parse(await readFile(join(home, 'rm', 'credentials.json'), 'utf8')).profiles, {})
    const again = await run(['credentials', 'remove', 'ci'], { env: envRm })
    assert.equal(again.code, 2)
    assert.match(again.stderr, /no profile 'ci'/)
  })

  it('a corrupt file exits 2 naming it; a file others can read is reported', async () => {
    const dir = join(home, 'bad')
    const envBad = cleanEnv({ TIMEBACK_HOME: dir })
    await run(['credentials', 'add', '--env', 'staging', '--client-id', 'c'], { env: envBad, input: 'sec' })
    const file = join(dir, 'credentials.json')
    await chmod(file, 0o644)
    const loose = await run(['credentials', 'list'], { env: envBad })
    assert.equal(loose.code, 0, loose.stderr)
    assert.match(loose.stderr, /readable by other users; run: chmod 600/)
    await writeFile(file, '{"profiles": {"__proto__": {"env": "staging"}}}')
    const hostile = await run(['credentials', 'list'], { env: envBad })
    assert.equal(hostile.code, 2)
    assert.match(hostile.stderr, /profile '__proto__' is not/)
    await writeFile(file, 'not json')
    const corrupt = await run(['credentials', 'list'], { env: envBad })
    assert.equal(corrupt.code, 2)
    assert.match(corrupt.stderr, /credentials\.json is not JSON/)
  })

  it('api uses the profile for --env and refuses a profile of another env or a missing one, before any request', async () => {
    const wrongEnv = await run(['api', 'oneroster', 'users', 'list', '--env', 'production', '--profile', 'staging'], { env })
    assert.equal(wrongEnv.code, 2)
    assert.match(wrongEnv.stderr, /profile 'staging' is for staging, not production/)
    const missing = await run(['api', 'oneroster', 'users', 'list', '--profile', 'nope'], { env })
    assert.equal(missing.code, 2)
    assert.match(missing.stderr, /no profile 'nope'/)
    // No profile and no env vars: the client's own configuration error, exit 2.
    const none = await run(['api', 'oneroster', 'users', 'list', '--env', 'production'], { env })
    assert.equal(none.code, 2)
    assert.match(none.stderr, /configuration_error: .*CLIENT_ID/)
  })
})
