// Shared pieces of the Cloudflare Queue suites: an in-memory Queue producer binding that records its sendBatch
// calls, and a MessageBatch whose messages record every ack() and retry() they get, so a test can check that
// each message ended with exactly one of them.

export const HEAD = '{"timebackCaliper":1,"event":'

/** The body the format promises for an event's JSON text (written here, not taken from the SDK). */
export const bodyOf = (eventJson: string) => `${HEAD}${eventJson}}`

export interface SentMessage {
  body: unknown
  contentType?: string
  delaySeconds?: number
}

/** A Queue producer binding in memory; `failOn` makes that sendBatch call (0-based) reject. */
export function fakeProducer(failOn?: number) {
  const batches: SentMessage[][] = []
  const options: unknown[] = []
  let calls = 0
  return {
    batches,
    options,
    /** Every message sent, in order. */
    get messages() {
      return batches.flat()
    },
    async send(body: unknown, opts?: { contentType?: 'text' | 'bytes' | 'json' | 'v8'; delaySeconds?: number }) {
      batches.push([{ body, ...opts }])
    },
    async sendBatch(messages: Iterable<SentMessage>, opts?: { delaySeconds?: number }) {
      if (calls++ === failOn) throw new Error('Queue send failed: 10001 internal error')
      batches.push([...messages])
      options.push(opts)
    },
  }
}

export type Outcome = { kind: 'ack' } | { kind: 'retry'; delaySeconds?: number }

/** A consumer batch over these bodies; `outcomes[i]` lists every call message i got. */
export function fakeBatch(bodies: readonly unknown[], attempts = 1, queue = 'caliper-events') {
  const outcomes: Outcome[][] = bodies.map(() => [])
  const messages = bodies.map((body, i) => ({
    id: `msg-${i}`,
    body,
    attempts,
    timestamp: new Date(0),
    ack() {
      outcomes[i]!.push({ kind: 'ack' })
    },
    retry(options?: { delaySeconds?: number }) {
      outcomes[i]!.push(options?.delaySeconds === undefined ? { kind: 'retry' } : { kind: 'retry', delaySeconds: options.delaySeconds })
    },
  }))
  const indexes = (kind: Outcome['kind']) => outcomes.flatMap((o, i) => (o.length === 1 && o[0]!.kind === kind ? [i] : []))
  return {
    batch: { queue, messages },
    outcomes,
    /** Indexes of the messages acked (once, and nothing else). */
    acked: () => indexes('ack'),
    /** Indexes of the messages retried (once, and nothing else). */
    retried: () => indexes('retry'),
    /** True when every message got exactly one call. */
    allSettledOnce: () => outcomes.every((o) => o.length === 1),
  }
}

/** Bodies of the envelope POSTs a client sent through this fetch. */
export function postBodies(base: typeof fetch | undefined, bodies: string[]): typeof fetch {
  return async (input, init) => {
    const url = String(input instanceof Request ? input.url : input)
    if (url.endsWith('/caliper/event') && typeof init?.body === 'string') bodies.push(init.body)
    // Looked up per call: in 'global' mode it is the fetch msw patched.
    return (base ?? globalThis.fetch)(input, init)
  }
}
