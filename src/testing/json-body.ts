// Request bodies as JSON, with a nesting limit checked before parsing: a body such as `[[[[…]]]]` 100,000 levels
// deep must answer 400, not exhaust a recursive parser's stack or the store's later copies (structuredClone,
// JSON.stringify of list pages) in whichever runtime hosts the emulator.
import { HttpError } from './http.js'

/** Deepest object/array nesting a stored body may have. OneRoster records need about 6. */
export const MAX_JSON_DEPTH = 64

/**
 * True when `text` nests objects/arrays deeper than `limit`. One pass, no recursion; brackets inside strings
 * (escapes included) do not count. The text need not be valid JSON: JSON.parse judges that afterwards.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c) i++ // backslash: skip the escaped character
      else if (c === 0x22) inString = false
    } else if (c === 0x22) {
      inString = true
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true
    } else if (c === 0x7d || c === 0x5d) {
      depth--
    }
  }
  return false
}

/** Parse a request body: `undefined` when blank, a 400 HttpError when too deep or not JSON. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return undefined
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
    throw new HttpError(400, `Invalid JSON body: nested deeper than ${MAX_JSON_DEPTH} levels of objects and arrays.`)
  }
  try {
    return JSON.parse(text) as unknown
  } catch (err) {
    throw new HttpError(400, `Invalid JSON body: ${(err as Error).message}`)
  }
}
