// Shared by the Open Badges and CLR suites: credentials that pass every check (fresh objects, so a test may break
// one field), clients against a fresh emulator, and a client whose fetch records each request and answers from a
// small table (to prove bad input sends nothing, not even a token request).

import type { SuiteEnv } from '../../harness/types.ts'

export const VC = 'https://www.w3.org/ns/credentials/v2'
export const OB = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'
export const CLR = 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json'

/** An Open Badges 3.0 credential with every required field. */
export function badge(id = 'urn:uuid:0b1e5c1e-badge-0001'): Record<string, any> {
  return {
    '@context': [VC, OB],
    id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: 'https://school.example/issuer', type: ['Profile'], name: 'Example School' },
    validFrom: '2026-03-02T10:00:00Z',
    name: 'Fractions',
    credentialSubject: {
      id: 'urn:example:student-1',
      type: ['AchievementSubject'],
      achievement: {
        id: 'https://school.example/achievements/fractions', type: ['Achievement'], name: 'Fractions',
        description: 'Adds and subtracts fractions', criteria: { narrative: 'Pass the unit test' },
      },
    },
  }
}

/** A CLR 2.0 record gathering `badges` (default: one badge). */
export function clrRecord(badges: Record<string, any>[] = [badge()], id = 'urn:uuid:c1r-record-0001'): Record<string, any> {
  return {
    '@context': [VC, CLR, OB],
    id,
    type: ['VerifiableCredential', 'ClrCredential'],
    name: 'Ada Lovelace — grade 4 record',
    issuer: { id: 'https://school.example/issuer', type: ['Profile'] },
    validFrom: '2026-06-01T00:00:00Z',
    credentialSubject: { id: 'urn:example:student-1', type: ['ClrSubject'], verifiableCredential: badges },
  }
}

/** Client options reaching a fresh emulator the way the runner chose (injected fetch or msw). */
export function emulated(env: SuiteEnv, options: Parameters<SuiteEnv['setup']>[0] = {}) {
  const s = env.setup(options)
  return { ...s, base: { ...s.options, baseUrl: s.emulator.services.openbadges, maxRetries: 0 } }
}

/** One request as the recording fetch saw it. */
export interface Seen {
  method: string
  url: string
  path: string
  query: URLSearchParams
  headers: Headers
  body: unknown
}

/**
 * A fetch that records every request (token requests included, counted in `calls`) and answers `answer(seen)`;
 * the token endpoint answers a token. Nothing leaves the process.
 */
export function recordingFetch(answer: (seen: Seen) => Response | Promise<Response> = () => Response.json({})) {
  const seen: Seen[] = []
  const counter = { calls: 0, tokens: 0 }
  const fetch: typeof globalThis.fetch = async (input, init) => {
    counter.calls++
    const request = new Request(input, init)
    const url = new URL(request.url)
    if (url.pathname === '/token') {
      counter.tokens++
      return Response.json({ access_token: 't', token_type: 'Bearer', expires_in: 3600 })
    }
    const text = await request.text()
    const entry: Seen = { method: request.method, url: request.url, path: url.pathname, query: url.searchParams, headers: request.headers, body: text ? JSON.parse(text) : undefined }
    seen.push(entry)
    return answer(entry)
  }
  const options = { baseUrl: 'http://127.0.0.1:9', auth: { clientId: 'c', clientSecret: 's', authUrl: 'http://127.0.0.1:9/token' }, fetch, maxRetries: 0 }
  return { fetch, seen, counter, options }
}

export { rejection } from '../refusals.ts'
