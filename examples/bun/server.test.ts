// The proxy served by Bun.serve on a free loopback port, in front of the emulator served on another: real HTTP
// both ways. Expected rosters come from the emulator's own store, never from the proxy or the SDK.
import { afterAll, beforeAll, expect, test } from 'bun:test'
import { serveEmulator, type EmulatorServer } from '@timeback/sdk/testing'
import { createProxy } from './server.ts'

declare const Bun: {
  serve(options: { port: number; hostname: string; fetch(request: Request): Promise<Response> }): { port: number; stop(force?: boolean): void }
  spawn(cmd: string[], options: { cwd: string; env: Record<string, string>; stdout: 'pipe'; stderr: 'inherit' }): {
    stdout: ReadableStream<Uint8Array>; kill(): void; exited: Promise<number>
  }
}

let upstream: EmulatorServer
let proxy: { port: number; stop(force?: boolean): void }
let base: string
/** What the proxy reported to its operator. */
const logged: string[] = []

beforeAll(async () => {
  upstream = await serveEmulator({ host: '127.0.0.1', port: 0 })
  const emulator = upstream.emulator
  // Settings as env vars (the way `bun run server.ts` reads them), pointed at the loopback emulator.
  const vars = {
    ONEROSTER_BASE_URL: emulator.services.oneroster,
    TIMEBACK_TOKEN_URL: emulator.tokenUrl,
    TIMEBACK_CLIENT_ID: emulator.credentials.clientId,
    TIMEBACK_CLIENT_SECRET: emulator.credentials.clientSecret,
  }
  proxy = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: createProxy({ vars, allowOrigin: 'http://app.localhost:5173', logError: (message) => logged.push(message) }) })
  base = `http://127.0.0.1:${proxy.port}`
})

afterAll(async () => {
  proxy.stop(true)
  await upstream.close()
})

/** Active student enrollments of a class, read from the emulator's store. */
function studentIdsOf(classId: string): string[] {
  return upstream.emulator.state.list('enrollments')
    .filter((e) => e.status === 'active' && e.role === 'student' && (e.class as { sourcedId: string }).sourcedId === classId)
    .map((e) => (e.user as { sourcedId: string }).sourcedId)
    .sort()
}

const oneRosterRequests = () => upstream.emulator.stats().requests.byService.oneroster ?? 0

test('a class roster: the students the emulator has enrolled, as narrow views, with CORS for the one page origin', async () => {
  const expected = studentIdsOf('seed-class-1')
  expect(expected.length).toBeGreaterThan(1)
  const response = await fetch(`${base}/classes/seed-class-1/students`)
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8')
  expect(response.headers.get('access-control-allow-origin')).toBe('http://app.localhost:5173')
  const body = await response.json()
  expect(body.classId).toBe('seed-class-1')
  expect(body.truncated).toBe(false)
  expect(body.students.map((s: { sourcedId: string }) => s.sourcedId).sort()).toEqual(expected)
  const stored = upstream.emulator.state.get('users', expected[0]!)!
  const view = body.students.find((s: { sourcedId: string }) => s.sourcedId === expected[0])
  expect(view).toEqual({
    sourcedId: expected[0], givenName: stored.givenName, familyName: stored.familyName, preferredFirstName: stored.preferredFirstName ?? null,
    email: stored.email, roles: ['student'], grades: stored.grades ?? [],
  })
})

test('a user and a class: only the chosen fields leave the server', async () => {
  upstream.emulator.state.insert('users', {
    ...upstream.emulator.state.get('users', 'seed-student-1'), sourcedId: 'proxy-user-1', email: 'proxy-user-1@school.example',
    metadata: { secretNote: 'not for browsers' }, phone: '+1 555 0100',
  })
  const user = await (await fetch(`${base}/users/proxy-user-1`)).json()
  expect(user.sourcedId).toBe('proxy-user-1')
  expect(user.email).toBe('proxy-user-1@school.example')
  expect(Object.keys(user).sort()).toEqual(['email', 'familyName', 'givenName', 'grades', 'preferredFirstName', 'roles', 'sourcedId'])
  const storedClass = upstream.emulator.state.get('classes', 'seed-class-2')!
  const item = await (await fetch(`${base}/classes/seed-class-2`)).json()
  expect(item).toEqual({ sourcedId: 'seed-class-2', title: storedClass.title, classCode: storedClass.classCode ?? null, status: 'active' })
})

test('the token is fetched once and reused from memory across requests', async () => {
  const issuedBefore = upstream.emulator.stats().tokens.issued
  for (const path of ['/users/seed-student-2', '/users/seed-student-3', '/classes/seed-class-3/students']) {
    expect((await fetch(base + path)).status).toBe(200)
  }
  // The earlier tests already obtained this process's one token; none more was needed.
  expect(upstream.emulator.stats().tokens.issued).toBe(issuedBefore)
  expect(issuedBefore).toBe(1)
})

test('unknown records are 404 not_found; unknown routes are 404 unknown_route', async () => {
  for (const path of ['/users/no-such-user', '/classes/no-such-class', '/classes/no-such-class/students']) {
    const response = await fetch(base + path)
    expect(response.status).toBe(404)
    expect(await response.json()).toEqual({ error: 'not_found' })
  }
  // `%2e%2e` is a dot segment to the URL parser: `/users/%2e%2e` is `/`, which is no route.
  for (const path of ['/', '/users/%2e%2e', '/users/%2e%2e/%2e%2e/admin', '/admin', '/users', '/users/seed-student-1/classes', '/classes/seed-class-1/teachers', '/ims/oneroster/rostering/v1p2/users']) {
    const response = await fetch(base + path)
    expect(response.status).toBe(404)
    expect(await response.json()).toEqual({ error: 'unknown_route' })
  }
})

test('hostile input is refused before any upstream request', async () => {
  const before = oneRosterRequests()
  const badIds = [
    '/users/..%2F..%2Fclasses', '/users/%2E%2E%2Fadmin', '/users/a%2Fb', '/users/%zz', '/users/a%00b',
    '/classes/%2e%2e%2fusers/students', `/users/${'a'.repeat(129)}`, '/users/-leading-dash', '/users/a..b', '/users/%20',
  ]
  for (const path of badIds) {
    const response = await fetch(base + path)
    expect({ path, status: response.status }).toEqual({ path, status: 400 })
    expect(await response.json()).toEqual({ error: 'invalid_id' })
  }
  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
    const response = await fetch(`${base}/users/seed-student-1`, { method, body: method === 'DELETE' ? undefined : '{}' })
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('GET')
  }
  expect(oneRosterRequests()).toBe(before)
  // The user is still there (nothing was forwarded as a write).
  expect(upstream.emulator.state.get('users', 'seed-student-1')?.status).toBe('active')
})

test('upstream failures map to clear statuses without the upstream message', async () => {
  const fault = upstream.emulator.faults.add({ path: '/users/seed-student-4', status: 503, times: Infinity })
  try {
    const response = await fetch(`${base}/users/seed-student-4`)
    expect(response.status).toBe(502)
    expect(await response.json()).toEqual({ error: 'upstream_unavailable' })
  } finally {
    fault.remove()
  }
  expect((await fetch(`${base}/users/seed-student-4`)).status).toBe(200)
  upstream.emulator.faults.add({ path: '/users/seed-student-5', status: 429, retryAfter: 7, times: Infinity })
  const busy = await fetch(`${base}/users/seed-student-5`)
  expect(busy.status).toBe(503)
  expect(busy.headers.get('retry-after')).toBe('7')
  upstream.emulator.faults.clear()
  expect(logged).toEqual([
    'GET user seed-student-4: answered 502 upstream_unavailable',
    'GET user seed-student-5: answered 503 upstream_busy',
  ])
})

test('a proxy without credentials answers 502 proxy_misconfigured, not a crash', async () => {
  const reports: unknown[] = []
  const bare = createProxy({ vars: { ONEROSTER_BASE_URL: upstream.emulator.services.oneroster }, logError: (_, error) => reports.push(error) })
  const response = await bare(new Request('http://127.0.0.1/users/seed-student-1'))
  expect(response.status).toBe(502)
  expect(await response.json()).toEqual({ error: 'proxy_misconfigured' })
  // The operator, not the page, learns which setting is missing.
  expect(String((reports[0] as Error).message)).toContain('TIMEBACK_CLIENT_ID')
})

test('allowOrigin must be one exact page origin: *, a list, a path or a trailing slash is refused at start', () => {
  // A browser compares Access-Control-Allow-Origin with its Origin exactly: these would either open the roster to
  // every site (*) or never match (a slash, a path, a default port, capitals), so the proxy does not start with them.
  for (const origin of ['*', 'https://a.example, https://b.example', 'https://app.example/', 'https://app.example/page', 'https://app.example:443', 'https://APP.example', 'null', 'app.example', 'ftp://app.example']) {
    expect(() => createProxy({ allowOrigin: origin })).toThrow(/allowOrigin \(ALLOW_ORIGIN\) must be one page origin as the browser sends it/)
  }
  for (const origin of ['https://app.example', 'http://app.localhost:5173', 'http://127.0.0.1:8080']) expect(() => createProxy({ allowOrigin: origin })).not.toThrow()
  expect(() => createProxy({ allowOrigin: '' })).not.toThrow()
})

test('`bun run server.ts` serves the proxy with settings from the environment', async () => {
  const emulator = upstream.emulator
  const child = Bun.spawn(['bun', 'run', 'server.ts'], {
    cwd: import.meta.dir,
    env: {
      PATH: process.env.PATH ?? '', PORT: '0', ONEROSTER_BASE_URL: emulator.services.oneroster, TIMEBACK_TOKEN_URL: emulator.tokenUrl,
      TIMEBACK_CLIENT_ID: emulator.credentials.clientId, TIMEBACK_CLIENT_SECRET: emulator.credentials.clientSecret,
    },
    stdout: 'pipe',
    stderr: 'inherit',
  })
  try {
    // The first line it prints names the URL it listens on (port 0: the system picked one).
    const reader = child.stdout.getReader()
    let printed = ''
    while (!printed.includes('\n')) {
      const { value, done } = await reader.read()
      if (done) break
      printed += new TextDecoder().decode(value)
    }
    const url = /rostering proxy on (http:\/\/\S+)/.exec(printed)?.[1]
    expect(url).toBeDefined()
    const response = await fetch(new URL('users/seed-teacher-1', url))
    expect(response.status).toBe(200)
    expect((await response.json()).roles).toEqual(['teacher'])
  } finally {
    child.kill()
    await child.exited
  }
})
