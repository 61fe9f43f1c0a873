// A fake REST API for the core block suites (operations, pagers): a fetch written here, behind the SDK's own
// Transport, that records every request and answers what the test says, lies included. These blocks have no
// emulator service yet (QTI pages by number, CASE by short pages), and a fetch of our own can lie in ways a
// faithful emulator never would. The blocks come from src/ in every runner: they are not a public entry.

import type { ServiceContext } from '../../../src/core/resource/context.ts'
import { Transport } from '../../../src/core/transport/http.ts'

/** More requests than any test needs: past it the fetch fails, so a pager that spins fails instead of hanging. */
const GUARD = 60
export const ORIGIN = 'http://localhost:41999'

export interface Sent {
  method: string
  url: URL
  headers: Headers
  body: unknown
  signal: AbortSignal | undefined
}

export type Answer = (req: Sent, call: number) => Response | Promise<Response>

/** A client context over a fetch that records each request in `sent` and answers with `answer`. */
export function fakeApi(answer: Answer): { ctx: ServiceContext; sent: Sent[] } {
  const sent: Sent[] = []
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init)
    const text = await request.text()
    const req = {
      method: request.method, url: new URL(request.url), headers: request.headers,
      body: text ? JSON.parse(text) : undefined, signal: init?.signal ?? undefined,
    }
    sent.push(req)
    if (sent.length > GUARD) throw new Error(`the client kept requesting (${sent.length} requests)`)
    return answer(req, sent.length - 1)
  }
  const transport = new Transport({ baseUrl: ORIGIN, fetch: fetch as typeof globalThis.fetch, maxRetries: 0 })
  return { ctx: { transport, validateResponses: false }, sent }
}

export const json = (body: unknown, status = 200): Response =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

/** An answer that never comes: it fails only when the request's signal aborts (a hung server). */
export const hang = (req: Sent): Promise<Response> =>
  new Promise((_, reject) => req.signal?.addEventListener('abort', () => reject(req.signal!.reason), { once: true }))

/** A record as list answers carry them. */
export interface Rec {
  identifier: string
  n: number
}

/** `n` records r000, r001, … in storage order. */
export const records = (n: number, prefix = 'r'): Rec[] =>
  Array.from({ length: n }, (_, i) => ({ identifier: `${prefix}${String(i).padStart(3, '0')}`, n: i }))

export const ids = (items: readonly Rec[]): string[] => items.map((r) => r.identifier)

/** A query parameter of every request, as sent. */
export const param = (sent: readonly Sent[], name: string): (string | null)[] => sent.map((s) => s.url.searchParams.get(name))

/** Drains a stream into its ids. */
export async function drain(stream: AsyncIterable<Rec>): Promise<string[]> {
  const out: string[] = []
  for await (const r of stream) out.push(r.identifier)
  return out
}
