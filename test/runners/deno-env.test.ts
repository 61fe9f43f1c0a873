// Deno-only: env access refused by Deno's permissions is reported as that permission, not as a missing setting.
// Each test narrows the permissions of the run (which has --allow-env) with Deno.test's `permissions`, so the
// SDK's reads of TIMEBACK_* throw NotCapable exactly as they would in `deno run` without --allow-env.
// Run: deno test --allow-net --allow-read --allow-env --unstable-kv test/runners/deno-env.test.ts (after npm run build).

import { MasteryTrackClient } from '../../dist/masterytrack.js'
import { OneRosterClient } from '../../dist/oneroster.js'
import { isConfigurationError } from '../../dist/errors.js'
import { createEmulator } from '../../dist/testing.js'
import { assert } from '../harness/assert.ts'

type Permissions = { env?: boolean | string[]; net?: boolean; read?: boolean; write?: boolean; run?: boolean; ffi?: boolean; sys?: boolean; import?: boolean }
declare const Deno: {
  test(definition: { name: string; permissions: Permissions; fn: () => Promise<void> | void }): void
  env: { set(name: string, value: string): void; delete(name: string): void; get(name: string): string | undefined }
}

/** Removes `names` from the environment, returning the values they had. */
function withoutVars(names: readonly string[]): Map<string, string> {
  const saved = new Map<string, string>()
  for (const name of names) {
    const value = Deno.env.get(name)
    if (value !== undefined) saved.set(name, value)
    Deno.env.delete(name)
  }
  return saved
}

function restoreVars(saved: Map<string, string>): void {
  for (const [name, value] of saved) Deno.env.set(name, value)
}

/** The message of what `fn` throws (it must throw a ConfigurationError). */
function configurationMessage(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    assert.ok(isConfigurationError(error), `expected a ConfigurationError, got ${String(error)}`)
    return (error as Error).message
  }
  throw new Error('expected a ConfigurationError, nothing was thrown')
}

Deno.test({
  name: 'deno-env: without --allow-env, a client with no options names the refused variables and the flag',
  permissions: { env: false, net: false, read: false },
  fn() {
    const message = configurationMessage(() => new OneRosterClient())
    assert.ok(message.startsWith('No oneroster host: pass env'), message)
    assert.ok(
      message.endsWith(
        ' Deno denied reading TIMEBACK_ENV, ONEROSTER_BASE_URL, TIMEBACK_BASE_URL: run with --allow-env ' +
          '(or --allow-env=TIMEBACK_ENV,TIMEBACK_BASE_URL), or pass env or baseUrl.',
      ),
      message,
    )
  },
})

Deno.test({
  name: 'deno-env: with env allowed and nothing set, the host error stays the plain one (no permission blamed)',
  permissions: { env: true, net: false, read: false },
  fn() {
    // A developer's own settings are put aside for the test and put back after it.
    const saved = withoutVars(['TIMEBACK_ENV', 'ONEROSTER_BASE_URL', 'TIMEBACK_BASE_URL'])
    try {
      const message = configurationMessage(() => new OneRosterClient())
      assert.equal(message, "No oneroster host: pass env ('staging' | 'production') or baseUrl, or set TIMEBACK_ENV or ONEROSTER_BASE_URL.")
    } finally {
      restoreVars(saved)
    }
  },
})

Deno.test({
  name: 'deno-env: vars given, the runtime is not asked at all (no permission needed, none blamed)',
  permissions: { env: false, net: false, read: false },
  fn() {
    const message = configurationMessage(() => new OneRosterClient({ vars: {} }))
    assert.ok(!message.includes('Deno denied'), message)
  },
})

Deno.test({
  name: 'deno-env: a setting whose general name is allowed but whose specific name is refused suggests the specific one',
  permissions: { env: ['TIMEBACK_ENV', 'TIMEBACK_BASE_URL'], net: false, read: false },
  fn() {
    // TIMEBACK_ENV and TIMEBACK_BASE_URL are readable here, and unset for the test (a developer's values put back).
    const saved = withoutVars(['TIMEBACK_ENV', 'TIMEBACK_BASE_URL'])
    let message: string
    try {
      message = configurationMessage(() => new OneRosterClient())
    } finally {
      restoreVars(saved)
    }
    assert.ok(message.endsWith(' Deno denied reading ONEROSTER_BASE_URL: run with --allow-env (or --allow-env=ONEROSTER_BASE_URL), or pass env or baseUrl.'), message)
  },
})

Deno.test({
  name: 'deno-env: without --allow-env, missing credentials name the refused variables, the flag and the options',
  permissions: { env: false, net: false, read: false },
  fn() {
    const message = configurationMessage(() => new OneRosterClient({ env: 'staging' }))
    assert.equal(
      message,
      'Missing oneroster credentials: auth.clientId (env ONEROSTER_CLIENT_ID or TIMEBACK_CLIENT_ID) and auth.clientSecret ' +
        '(env ONEROSTER_CLIENT_SECRET or TIMEBACK_CLIENT_SECRET). Deno denied reading ONEROSTER_CLIENT_ID, TIMEBACK_CLIENT_ID, ' +
        'ONEROSTER_CLIENT_SECRET, TIMEBACK_CLIENT_SECRET: run with --allow-env (or --allow-env=TIMEBACK_CLIENT_ID,TIMEBACK_CLIENT_SECRET), ' +
        'or pass auth.clientId and auth.clientSecret.',
    )
    const onlySecret = configurationMessage(() => new OneRosterClient({ env: 'staging', auth: { clientId: 'given' } }))
    assert.ok(onlySecret.endsWith(' Deno denied reading ONEROSTER_CLIENT_SECRET, TIMEBACK_CLIENT_SECRET: run with --allow-env (or --allow-env=TIMEBACK_CLIENT_SECRET), or pass auth.clientId and auth.clientSecret.'), onlySecret)
  },
})

Deno.test({
  name: "deno-env: MasteryTrack's API key and email, refused, are reported the same way",
  permissions: { env: false, net: false, read: false },
  fn() {
    const message = configurationMessage(() => new MasteryTrackClient({ env: 'staging' }))
    assert.ok(message.startsWith('Missing masterytrack credentials: '), message)
    assert.ok(message.endsWith(' Deno denied reading MASTERYTRACK_API_KEY, MASTERYTRACK_EMAIL: run with --allow-env (or --allow-env=MASTERYTRACK_API_KEY,MASTERYTRACK_EMAIL), or pass auth.apiKey and auth.email.'), message)
  },
})

// The narrow form the message suggests works: the SDK also probes ONEROSTER_* names, which Deno refuses; those
// read as unset and TIMEBACK_* supplies the credentials. Permissions hold for a whole test, so the variables are
// set by the test before it (with env allowed) and removed by the one after (which runs even if it fails).
const emulator = createEmulator()
const CREDENTIALS = ['TIMEBACK_CLIENT_ID', 'TIMEBACK_CLIENT_SECRET']
let savedCredentials = new Map<string, string>()

Deno.test({
  name: 'deno-env: (setup) TIMEBACK_CLIENT_ID and TIMEBACK_CLIENT_SECRET set for the narrow test',
  permissions: { env: true, net: false, read: false },
  fn() {
    savedCredentials = withoutVars([...CREDENTIALS, 'ONEROSTER_CLIENT_ID', 'ONEROSTER_CLIENT_SECRET'])
    Deno.env.set('TIMEBACK_CLIENT_ID', emulator.credentials.clientId)
    Deno.env.set('TIMEBACK_CLIENT_SECRET', emulator.credentials.clientSecret)
    assert.equal(Deno.env.get('TIMEBACK_CLIENT_ID'), emulator.credentials.clientId)
  },
})

Deno.test({
  name: 'deno-env: --allow-env=TIMEBACK_CLIENT_ID,TIMEBACK_CLIENT_SECRET is enough for a client given its hosts',
  permissions: { env: CREDENTIALS, net: false, read: false },
  async fn() {
    // ONEROSTER_CLIENT_ID really is refused under this permission (the case the SDK must read as unset).
    assert.throws(() => Deno.env.get('ONEROSTER_CLIENT_ID'), (error: Error) => error.name === 'NotCapable')
    const before = emulator.stats().tokens.issued
    const client = new OneRosterClient({ baseUrl: emulator.services.oneroster, auth: { authUrl: emulator.tokenUrl }, fetch: emulator.fetch })
    const page = await client.users.list({ limit: 2 })
    assert.equal(page.data.length, 2)
    assert.equal(emulator.stats().tokens.issued, before + 1)
  },
})

Deno.test({
  name: 'deno-env: (cleanup) the credentials set above are removed',
  permissions: { env: true, net: false, read: false },
  fn() {
    for (const name of CREDENTIALS) Deno.env.delete(name)
    for (const name of CREDENTIALS) assert.equal(Deno.env.get(name), undefined)
    restoreVars(savedCredentials)
  },
})
