// Shared setup of the EduBridge suites: a client on the emulator's origin, and a client whose fetch records
// every request and answers from a small table (for checks that must see the wire, or see nothing on it).

import type { SuiteEnv } from '../../harness/types.ts'

/** An emulator (seeded with OneRoster data) and an EduBridgeClient on its origin. */
export function ebSetup(env: SuiteEnv) {
  const s = env.setup()
  const client = new env.sdk.edubridge.EduBridgeClient({
    ...s.options, baseUrl: s.emulator.services.edubridge, ...(s.options.fetch ? { fetch: s.options.fetch } : {}),
  })
  return { ...s, client }
}

/** One request as the recording fetch saw it. */
export interface Seen {
  method: string
  path: string
  query: URLSearchParams
  body: unknown
}

/**
 * An EduBridgeClient whose fetch records every request (token requests included) and answers `answer(seen)`
 * (default: `{}` with 200), which may be slow (a promise). Nothing leaves the process.
 */
export function recordingClient(env: SuiteEnv, answer: (seen: Seen) => Response | Promise<Response> = () => Response.json({}), options: Record<string, unknown> = {}) {
  const seen: Seen[] = []
  const counter = { calls: 0 }
  const fetch: typeof globalThis.fetch = async (input, init) => {
    counter.calls++
    const request = new Request(input, init)
    const url = new URL(request.url)
    if (url.pathname === '/token') return Response.json({ access_token: 't', token_type: 'Bearer', expires_in: 3600 })
    const text = await request.text()
    const entry: Seen = { method: request.method, path: url.pathname, query: url.searchParams, body: text ? JSON.parse(text) : undefined }
    seen.push(entry)
    // A slow answer still ends when the call is aborted (its deadline passed), as a real fetch would.
    const signal = init?.signal
    return Promise.race([answer(entry), new Promise<never>((_, reject) => {
      if (signal?.aborted) reject(signal.reason)
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true })
    })])
  }
  const client = new env.sdk.edubridge.EduBridgeClient({
    baseUrl: 'http://127.0.0.1:9', auth: { clientId: 'c', clientSecret: 's', authUrl: 'http://127.0.0.1:9/token' }, fetch, maxRetries: 0, ...options,
  })
  /** `calls`: every fetch, token requests included. */
  return { client, seen, counter }
}
