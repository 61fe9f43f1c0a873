// Web-only helpers for serving an emulator from any runtime's HTTP server (Deno.serve, Bun.serve, a
// Worker's fetch handler, or serveEmulator in ./serve-node.ts). Nothing Node-specific here.
import type { Emulator } from './types.js'

/**
 * A human-readable banner for a served emulator: service base URLs, token URL, demo credentials and
 * an example `curl` session.
 *
 * @example
 * const emulator = createEmulator({ origin: 'http://127.0.0.1:4010' })
 * Deno.serve({ hostname: '127.0.0.1', port: 4010 }, (request) => emulator.fetch(request))
 * console.log(describeEmulator(emulator))
 */
export function describeEmulator(emulator: Emulator): string {
  const { clientId, clientSecret } = emulator.credentials
  const services = Object.entries(emulator.services).map(([name, url]) => `  ${name.padEnd(12)}${url}`)
  const form = `grant_type=client_credentials&client_id=${encodeURIComponent(clientId)}&client_secret=${encodeURIComponent(clientSecret)}`
  return [
    `Timeback emulator at ${emulator.origin}`,
    '',
    'Services (base URLs):',
    ...services,
    '',
    `Token URL:     ${emulator.tokenUrl}`,
    `Client id:     ${clientId}`,
    `Client secret: ${clientSecret}`,
    '',
    'Try it:',
    `  TOKEN=$(curl -s -X POST '${emulator.tokenUrl}' -H 'Content-Type: application/x-www-form-urlencoded' -d '${form}' | sed -E 's/.*"access_token":"([^"]+)".*/\\1/')`,
    `  curl -s -H "Authorization: Bearer $TOKEN" '${emulator.services.oneroster}/ims/oneroster/rostering/v1p2/users?limit=2'`,
    '',
  ].join('\n')
}
