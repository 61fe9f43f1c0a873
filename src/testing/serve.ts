// Web-only helpers for serving an emulator from any runtime's HTTP server (Deno.serve, Bun.serve, a
// Worker's fetch handler, or serveEmulator in ./serve-node.ts). Nothing Node-specific here.
import type { Emulator } from './types.js'

/**
 * A human-readable banner for a served emulator: service base URLs, token URL, demo credentials (OAuth client and,
 * when MasteryTrack is mounted, the API key and email of its JWT exchange) and an example `curl` session.
 *
 * @example
 * const emulator = createEmulator({ origin: 'http://127.0.0.1:4010' })
 * Deno.serve({ hostname: '127.0.0.1', port: 4010 }, (request) => emulator.fetch(request))
 * console.log(describeEmulator(emulator))
 */
export function describeEmulator(emulator: Emulator): string {
  const { clientId, clientSecret } = emulator.credentials
  const width = Math.max(12, ...Object.keys(emulator.services).map((name) => name.length + 2))
  const services = Object.entries(emulator.services).map(([name, url]) => `  ${name.padEnd(width)}${url}`)
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
    ...(emulator.services.masterytrack === undefined ? [] : [
      `API key:       ${emulator.apiKeyCredentials.apiKey}`,
      `API email:     ${emulator.apiKeyCredentials.email}`,
      `  (MasteryTrack: POST ${emulator.services.masterytrack}/authorizer with x-api-key and {"email"}; send X-Auth-Token: Bearer <jwt>)`,
    ]),
    '',
    'Try it:',
    `  TOKEN=$(curl -s -X POST '${emulator.tokenUrl}' -H 'Content-Type: application/x-www-form-urlencoded' -d '${form}' | sed -E 's/.*"access_token":"([^"]+)".*/\\1/')`,
    ...(emulator.services.oneroster === undefined ? [] : [
      `  curl -s -H "Authorization: Bearer $TOKEN" '${emulator.services.oneroster}/ims/oneroster/rostering/v1p2/users?limit=2'`,
    ]),
    '',
  ].join('\n')
}
