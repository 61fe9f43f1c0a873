// The body of a Caliper event on a Cloudflare Queue, and the Queue's size limits. One event per message, so that
// each event gets its own ack or retry and its own attempts count (the Queue's dead-letter queue then holds
// exactly the events that could not be delivered, nothing else).
//
// The body is text (contentType 'text'), not an object: `{"timebackCaliper":1,"event":<the event's JSON>}`. The
// event's JSON is the text the producer validated, embedded as is, so the consumer can slice it out and send it
// byte for byte; a 'json' or 'v8' body would be re-serialized by the platform (and a JSON string inside JSON
// would grow by its escapes). It is still one JSON document, readable by pull consumers and in the dashboard.

/** Version of the message format; a consumer refuses (retries, then dead-letters) any other. */
export const CALIPER_MESSAGE_VERSION = 1

const HEAD = `{"timebackCaliper":${CALIPER_MESSAGE_VERSION},"event":`
const TAIL = '}'

/**
 * Cloudflare counts about 100 bytes of internal metadata into each message's size; 128 keeps a margin. Sizes
 * are decimal (128 KB = 128,000 bytes), as Miniflare checks them.
 */
export const MESSAGE_METADATA_BYTES = 128
/** Most bytes of one message (`send`), metadata included. */
export const MAX_MESSAGE_BYTES = 128_000
/** Most messages in one `sendBatch`. */
export const MAX_SEND_BATCH_MESSAGES = 100
/** Most bytes of one `sendBatch`, every message's metadata included. */
export const MAX_SEND_BATCH_BYTES = 256_000
/** Bytes the format adds around an event's JSON. */
export const MESSAGE_FRAME_BYTES = HEAD.length + TAIL.length

/** The message body carrying an event's JSON text. */
export function messageBody(eventJson: string): string {
  return HEAD + eventJson + TAIL
}

/**
 * The event's JSON text out of a message body, exactly as the producer put it, with the parsed event; or why
 * the body is not one of ours (a message from another producer, or another format version).
 */
export function readMessageBody(body: unknown): { text: string; event: Record<string, unknown> } | { problem: string } {
  if (typeof body !== 'string') {
    return { problem: `has type ${body === null ? 'null' : typeof body}: it is not the text of a Timeback Caliper message (send events with createCaliperQueueProducer)` }
  }
  if (!body.startsWith(HEAD) || !body.endsWith(TAIL) || body.length < HEAD.length + 2) {
    const version = /^\{"timebackCaliper":(\d+),/.exec(body)?.[1]
    return {
      problem: version !== undefined && Number(version) !== CALIPER_MESSAGE_VERSION
        ? `is a Timeback Caliper message of format version ${version}; this consumer reads version ${CALIPER_MESSAGE_VERSION} (deploy the same SDK version in producer and consumer)`
        : 'is not a Timeback Caliper message ({"timebackCaliper":1,"event":{…}}): send events with createCaliperQueueProducer',
    }
  }
  const text = body.slice(HEAD.length, body.length - TAIL.length)
  let event: unknown
  try {
    event = JSON.parse(text)
  } catch {
    return { problem: 'holds an event that is not valid JSON' }
  }
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return { problem: 'holds an event that is not a JSON object' }
  return { text, event: event as Record<string, unknown> }
}
