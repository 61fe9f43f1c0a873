// HS256 JSON Web Tokens signed with crypto.subtle, for the API-key exchange. The emulator checks a presented JWT
// by looking its exact text up in the table of issued tokens, so the signature is never needed to accept one;
// it is there so clients see a real, decodable JWT (the service answers no `expires_in`: a client learns the
// lifetime from the `exp` claim) and so an edited token cannot pass for an issued one.

/** base64url without padding (RFC 7515 §2). */
export function base64url(bytes: Uint8Array): string {
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** A signer with a fresh random key (one per emulator; the key never leaves it). */
export function createJwtSigner(): (claims: Record<string, unknown>) => Promise<string> {
  const encoder = new TextEncoder()
  const header = base64url(encoder.encode(JSON.stringify({ alg: 'HS256', typ: 'JWT' })))
  let key: Promise<CryptoKey> | undefined
  return async (claims) => {
    key ??= crypto.subtle.importKey('raw', crypto.getRandomValues(new Uint8Array(32)), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
    const signingInput = `${header}.${base64url(encoder.encode(JSON.stringify(claims)))}`
    const mac = await crypto.subtle.sign('HMAC', await key, encoder.encode(signingInput))
    return `${signingInput}.${base64url(new Uint8Array(mac))}`
  }
}
