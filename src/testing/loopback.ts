// Loopback host names, shared by the served emulator's Host check (DNS rebinding), the bin's bind check and the
// webhook delivery policy (SSRF). Hosts are compared after the URL parser has canonicalised them, so `127.1`,
// `0x7f000001` and `LOCALHOST` are all seen as what they are.

/**
 * True for `localhost`, any `127.x.y.z` and `::1` (with or without brackets), in any case.
 *
 * @example
 * isLoopbackHostname('127.0.0.1') // true
 * isLoopbackHostname('localhost.evil.example') // false
 */
export function isLoopbackHostname(hostname: string): boolean {
  const host = hostname.toLowerCase()
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
}

/**
 * The host name of a `Host` header value (`name`, `name:port`, `[v6]:port`) in canonical form, or undefined
 * when it is not a valid authority (a path, userinfo or a bad port all fail).
 *
 * @example
 * hostnameOfHostHeader('LOCALHOST:4010') // 'localhost'
 * hostnameOfHostHeader('evil.example:4010') // 'evil.example'
 */
export function hostnameOfHostHeader(value: string): string | undefined {
  if (value === '' || /[\s/\\?#@]/.test(value)) return undefined
  try {
    return new URL(`http://${value}`).hostname // canonical: lower case, IPv4 in dotted quads, IPv6 in brackets
  } catch {
    return undefined
  }
}
