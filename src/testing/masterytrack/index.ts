// The emulated MasteryTrack service (test inventory and assignments) as a kernel module, at `${origin}/masterytrack`.
// So far it mounts only the kernel's API-key → JWT exchange at `POST /authorizer` and declares that its routes
// take `X-Auth-Token: Bearer <jwt>`; the inventory and assignment routes come with the MasteryTrack client.
import { json } from '../http.js'
import type { EmulatedService, EmulatedServiceModule, ErrorWriter } from '../service.js'

/** Codes of the service's error body by status, as its documentation lists them (others carry no code). */
function codeFor(status: number): string | undefined {
  if (status === 400) return 'INVALID_PARAMETERS'
  if (status === 401) return 'UNAUTHORIZED'
  if (status === 403) return 'ACCESS_DENIED'
  if (status >= 500) return 'INTERNAL_ERROR'
  return undefined
}

/** MasteryTrack's error body: `{ success: false, error, code?, details? }`. */
export const masterytrackError: ErrorWriter = (status, message, headers = {}, extra = {}) => {
  const code = extra.code ?? codeFor(status)
  const body: Record<string, unknown> = { success: false, error: message }
  if (code !== undefined) body.code = code
  if (extra.details !== undefined) body.details = extra.details
  return json(body, status, headers)
}

/**
 * The MasteryTrack module of the emulator.
 *
 * @example
 * const emulator = createEmulator()
 * const res = await emulator.fetch(`${emulator.services.masterytrack}/authorizer`, {
 *   method: 'POST',
 *   headers: { 'x-api-key': emulator.apiKeyCredentials.apiKey, 'content-type': 'application/json' },
 *   body: JSON.stringify({ email: emulator.apiKeyCredentials.email }),
 * })
 * const { jwt } = await res.json() // send as X-Auth-Token: Bearer <jwt>
 */
export const masterytrackService: EmulatedServiceModule = {
  name: 'masterytrack',
  create(): EmulatedService {
    return {
      prefix: '/masterytrack',
      auth: 'api-key',
      apiKeyExchange: '/authorizer',
      error: masterytrackError,
      routes: () => [],
      reset: () => undefined,
    }
  },
}
