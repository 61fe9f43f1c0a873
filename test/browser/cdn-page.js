// The page of test/browser/cdn.test.ts, in Chromium: a plain module script with no import map, loading the
// SDK the way a page loads it from a CDN (relative URLs to dist/cdn, served as /cdn/). It answers the test
// through `window.cdn`: each scenario returns plain data, and the Node side judges it against known values.
import { ClrClient } from './cdn/clr.js'
import { ConfigurationError, NotFoundError, TimebackError, isNotFoundError } from './cdn/errors.js'
import { OneRosterClient } from './cdn/oneroster.js'
import { createEmulator } from './cdn/testing.js'

/** A OneRoster client against an in-page emulator, as the README shows: the emulator's fetch is the client's. */
function oneRoster(emulator) {
  return new OneRosterClient({ baseUrl: emulator.services.oneroster, auth: { ...emulator.credentials, authUrl: emulator.tokenUrl }, fetch: emulator.fetch, maxRetries: 0 })
}

const page = () => ({
  isSecureContext: globalThis.isSecureContext,
  randomUUID: typeof globalThis.crypto.randomUUID,
  subtle: typeof globalThis.crypto.subtle,
})

/** A failure as data (what the test compares), with the class checks made here, where the classes are. */
const failure = (error) => ({
  name: error?.name,
  message: error?.message,
  status: error?.status,
  isNotFoundError: error instanceof NotFoundError,
  isConfigurationError: error instanceof ConfigurationError,
  isTimebackError: error instanceof TimebackError,
  guard: isNotFoundError(error),
})

async function outcome(work) {
  try {
    return { value: await work() }
  } catch (error) {
    return { error: failure(error) }
  }
}

window.cdn = {
  /** Real OneRoster calls: list, get one, and a 404 caught as NotFoundError from another CDN file (errors.js). */
  async oneRoster() {
    const emulator = createEmulator()
    const client = oneRoster(emulator)
    const listed = await client.users.list({ limit: 2 })
    const one = await client.users.get('seed-student-1')
    const missing = await outcome(() => client.users.get('no-such-user'))
    return {
      page: page(),
      listed: listed.data.map((u) => u.sourcedId),
      one: { sourcedId: one.sourcedId, givenName: one.givenName, familyName: one.familyName },
      missing,
      sent: emulator.requests.map((r) => ({ method: r.method, path: r.path, requestId: r.headers['x-request-id'] })),
    }
  },

  /** On an origin that is not a secure context: what the page lacks, and what still works. */
  async insecure() {
    // The emulator makes its ids and tokens without crypto.randomUUID: a token request straight to it.
    const emulator = createEmulator()
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: emulator.credentials.clientId, client_secret: emulator.credentials.clientSecret })
    const tokenAnswer = await emulator.fetch(emulator.tokenUrl, { method: 'POST', body: form })
    const token = { status: tokenAnswer.status, accessToken: (await tokenAnswer.json()).access_token }

    // A public route needs neither randomUUID nor subtle: the request id comes from the getRandomValues fallback.
    const clrEmulator = createEmulator()
    const discovery = await new ClrClient({ baseUrl: clrEmulator.services.clr, fetch: clrEmulator.fetch, maxRetries: 0 }).discovery()
    const clr = { openapi: discovery.openapi, sent: clrEmulator.requests.map((r) => ({ path: r.path, requestId: r.headers['x-request-id'] })) }

    // An OAuth call needs crypto.subtle for its token cache key: it must fail before any request, saying why.
    const oauthEmulator = createEmulator()
    const refused = await outcome(() => oneRoster(oauthEmulator).users.list({ limit: 1 }))
    return { page: page(), token, clr, refused, oauthRequests: oauthEmulator.requests.length }
  },

  /** Imports every entry once; per entry its export names, and whether names shared by entries are one object. */
  async importAll(names) {
    const modules = {}
    const failed = {}
    for (const name of names) {
      try {
        modules[name] = await import(`./cdn/${name}.js`)
      } catch (error) {
        failed[name] = String(error)
      }
    }
    const exports = Object.fromEntries(Object.entries(modules).map(([name, m]) => [name, Object.keys(m).sort()]))
    const holders = {}
    for (const [name, m] of Object.entries(modules)) for (const key of Object.keys(m)) (holders[key] ??= []).push(name)
    const shared = {}
    const different = []
    for (const [key, entries] of Object.entries(holders)) {
      if (entries.length < 2) continue
      shared[key] = entries
      if (entries.some((e) => modules[e][key] !== modules[entries[0]][key])) different.push(key)
    }
    return { exports, failed, shared, different }
  },
}
window.cdnReady = true
