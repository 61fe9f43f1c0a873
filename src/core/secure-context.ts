// crypto.subtle exists only in secure contexts: a page served over plain http from anything but localhost has
// none. Where the SDK must hash or sign (the token cache key is a SHA-256 of the client secret, and must never
// fall back to the secret itself), it asks here, so such a page gets an error that says what to change instead
// of "Cannot read properties of undefined (reading 'digest')".

import { ConfigurationError } from './errors.js'

/**
 * `crypto.subtle`, or a ConfigurationError that starts with `purpose` when the runtime has none (an insecure page).
 * @example const digest = await subtleCrypto('Hashing the token cache key').digest('SHA-256', bytes)
 */
export function subtleCrypto(purpose: string): SubtleCrypto {
  const subtle = globalThis.crypto?.subtle
  if (subtle) return subtle
  throw new ConfigurationError(`${purpose}: this page is not a secure context (crypto.subtle is missing): serve it over https or from localhost.`)
}
