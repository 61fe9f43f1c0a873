/**
 * @module core/redaction — which names hold secrets, and a bounded, non-mutating copy of a body with those fields hidden: what hooks
 * and logs get when the user turns `logBodies` on, and what input errors print for a secret field. Kept out
 * of the error classes, so a program that only receives webhooks or catches errors does not carry it.
 */

/** Field names (compared lower-cased, without `_`/`-`) whose values are credentials. */
const SECRET_FIELD = /password|passwd|passphrase|secret|token|apikey|authorization|signature|privatekey|cookie|sessionid|credential/
const SECRET_EXACT = new Set(['auth', 'pwd', 'pin'])

/**
 * True when a field or parameter name suggests a credential: `password`, `client_secret`, `access_token`,
 * `apiKey`, `authorization`, `signature`…
 * @example isSecretName('client_secret') // true
 */
export function isSecretName(name: string): boolean {
  const flat = name.toLowerCase().replace(/[^a-z0-9]/g, '')
  return SECRET_FIELD.test(flat) || SECRET_EXACT.has(flat)
}

/** Bounds that keep a huge or cyclic body from hanging the logger: nesting, objects and keys, array items,
 * characters per string and characters of all strings together. */
export const BODY_LIMITS = { depth: 10, nodes: 1000, items: 100, chars: 1000, totalChars: 50_000 } as const

export const REDACTED = '[redacted]'

// What an issue message says it received: `… but received "x"`, `…, got 'x'`, to the end of the message.
const RECEIVED = /\b(received|got)\b[\s\S]*$/i
const QUOTED = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g

/**
 * The issues, with the received value hidden in the message of each one on a secret-named field
 * (`auth.clientSecret`, `user.password`): for checks whose messages echo what they got (valibot's).
 * @example hideSecretValues([{ path: 'user.password', message: 'Invalid type: Expected string but received 1234' }])
 * // [{ path: 'user.password', message: 'Invalid type: Expected string but received [redacted]' }]
 */
export function hideSecretValues<I extends { path: string; message: string }>(issues: I[]): I[] {
  return issues.map((issue) => {
    if (!issue.path.split('.').some(isSecretName)) return issue
    const message = issue.message.replace(RECEIVED, `$1 ${REDACTED}`).replace(QUOTED, REDACTED)
    return message === issue.message ? issue : { ...issue, message }
  })
}

interface Walk {
  nodes: number
  chars: number
  readonly ancestors: Set<object>
}

/**
 * A copy of `body` for logs: secret-named fields become `[redacted]` at any depth, cycles become
 * `[circular]`, and depth, node count, array length and string length are bounded. Never mutates `body`
 * and never throws (a getter or `toJSON` that throws shows as `[unreadable]`).
 * @example redactBody({ user: { password: 'x', name: 'Ada' } }) // { user: { password: '[redacted]', name: 'Ada' } }
 */
export function redactBody(body: unknown): unknown {
  try {
    return copy(body, 0, { nodes: BODY_LIMITS.nodes, chars: BODY_LIMITS.totalChars, ancestors: new Set() })
  } catch {
    return '[unreadable]'
  }
}

/** A pre-serialized JSON body, parsed for redaction; text that is not JSON is shown by length only. */
export function redactJsonText(json: string): unknown {
  try {
    return redactBody(JSON.parse(json))
  } catch {
    return `[${json.length} chars, not JSON]`
  }
}

function copy(value: unknown, depth: number, walk: Walk): unknown {
  if (typeof value === 'string') {
    const room = Math.min(BODY_LIMITS.chars, walk.chars)
    walk.chars -= Math.min(value.length, room)
    if (value.length <= room) return value
    return room > 0 ? `${value.slice(0, room)}…[${value.length} chars]` : `[${value.length} chars]`
  }
  if (typeof value === 'bigint') return `${value}n`
  if (typeof value === 'function' || typeof value === 'symbol') return `[${typeof value}]`
  if (value === null || typeof value !== 'object') return value
  if (--walk.nodes < 0) return '[truncated]'
  if (walk.ancestors.has(value)) return '[circular]'
  if (depth >= BODY_LIMITS.depth) return Array.isArray(value) ? '[array]' : '[object]'
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return `[${value.byteLength} bytes]`
  const toJSON = (value as { toJSON?: unknown }).toJSON
  if (typeof toJSON === 'function') {
    // Dates and URLs show as JSON would print them; a chain of toJSON objects is cut by the depth bound.
    let json: unknown
    try {
      json = toJSON.call(value)
    } catch {
      return '[unreadable]'
    }
    return copy(json, depth + 1, walk)
  }
  walk.ancestors.add(value)
  try {
    return Array.isArray(value) ? copyArray(value, depth, walk) : copyObject(value as Record<string, unknown>, depth, walk)
  } finally {
    walk.ancestors.delete(value)
  }
}

function copyArray(value: readonly unknown[], depth: number, walk: Walk): unknown[] {
  const shown = Math.min(value.length, BODY_LIMITS.items)
  const out: unknown[] = []
  for (let i = 0; i < shown; i++) out.push(copy(value[i], depth + 1, walk))
  if (value.length > shown) out.push(`…${value.length - shown} more`)
  return out
}

function copyObject(value: Record<string, unknown>, depth: number, walk: Walk): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue
    // Every key costs a node, so an object with millions of fields stops early too.
    if (--walk.nodes < 0) {
      out['…'] = '[truncated]'
      break
    }
    let field: unknown
    if (isSecretName(key)) field = REDACTED
    else {
      try {
        field = copy(value[key], depth + 1, walk)
      } catch {
        field = '[unreadable]'
      }
    }
    // A plain assignment to `__proto__` would set the copy's prototype instead of a field.
    Object.defineProperty(out, key, { value: field, enumerable: true, writable: true, configurable: true })
  }
  return out
}
