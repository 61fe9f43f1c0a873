/**
 * @module core/auth/token-answer — reading a credential exchange's answer without trusting it: bounded in
 * size and time (a token answer is a few hundred bytes), and URLs shown without query or credentials.
 */

/** A token answer is a few hundred bytes; more than this is not one. */
export const MAX_ANSWER_BYTES = 64 * 1024
export const ANSWER_READ_MS = 10_000

/**
 * Reads at most `limit` bytes of text within `ms`; undefined past either (and the body is cancelled).
 * @example const text = await readLimited(response, MAX_ANSWER_BYTES, ANSWER_READ_MS)
 */
export async function readLimited(response: Response, limit: number, ms: number): Promise<string | undefined> {
  const reader = response.body?.getReader()
  if (!reader) return ''
  const chunks: Uint8Array[] = []
  let size = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  const expired = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms)
  })
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), expired])
      if (next === undefined) break
      if (next.done) {
        const bytes = new Uint8Array(size)
        let at = 0
        for (const chunk of chunks) {
          bytes.set(chunk, at)
          at += chunk.length
        }
        return new TextDecoder().decode(bytes)
      }
      size += next.value.length
      if (size > limit) break
      chunks.push(next.value)
    }
    reader.cancel().catch(() => undefined)
    return undefined
  } finally {
    clearTimeout(timer)
  }
}

/**
 * The URL's origin and path, for messages.
 * @example pathlessUrl('https://idp.example/oauth2/token?x=1') // 'https://idp.example/oauth2/token'
 */
export function pathlessUrl(url: string): string {
  try {
    const u = new URL(url)
    return `${u.origin}${u.pathname}`
  } catch {
    return '(invalid URL)'
  }
}

