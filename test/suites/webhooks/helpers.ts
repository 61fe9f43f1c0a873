// Shared setup of the webhook suites: an emulator, a WebhooksClient on its Caliper host, a raw authorised
// fetch for checking the emulator's wire format, and an independent HMAC for signature tests.

import type { EmulatorOptions, Harness, Sdk, SuiteEnv } from '../../harness/types.ts'

export const SECRET = 'whsec-test-secret-1'
/** Never reached: every test that can trigger a delivery injects `deliver`. */
export const TARGET = 'https://receiver.example/hooks/timeback'

export function hookInput(over: Record<string, unknown> = {}) {
  return { name: 'completions', targetUrl: TARGET, secret: SECRET, ...over }
}

export function webhooksSetup(env: SuiteEnv, options: EmulatorOptions = {}) {
  const s = env.setup({ seed: false, ...options })
  const webhooks = env.sdk.webhooks!
  const client = new webhooks.WebhooksClient({ ...s.options, baseUrl: s.emulator.services.webhooks, maxRetries: 0 })
  const send = s.options.fetch ?? fetch
  let token: string | undefined
  /** An authorised request straight to the emulator, for asserting status codes and error bodies. */
  async function raw(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    if (!token) {
      const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: s.options.auth.clientId, client_secret: s.options.auth.clientSecret })
      const res = await send(s.options.auth.authUrl, { method: 'POST', body: form })
      token = ((await res.json()) as { access_token: string }).access_token
    }
    const res = await send(`${s.emulator.services.webhooks}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    })
    const text = await res.text()
    return { status: res.status, body: text ? JSON.parse(text) : undefined }
  }
  return { ...s, client, raw, webhooks }
}

/** Hex HMAC-SHA256, computed here rather than with the SDK, so the tests do not check the SDK against itself. */
export async function hmacHex(secret: string, body: string): Promise<string> {
  const enc = new TextEncoder()
  const key = await crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, enc.encode(body)))
  return Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join('')
}

/**
 * True when the runner loaded `@timeback/sdk/webhooks`; otherwise registers one visible placeholder test.
 * (Runners list their SDK modules one by one; a runner that has not added this entry yet skips the suite.)
 */
export function requireWebhooks(h: Harness, sdk: Sdk, name: string): boolean {
  if (sdk.webhooks) return true
  h.describe(name, () => h.it('SKIPPED: this runner does not load @timeback/sdk/webhooks (sdk.webhooks) yet', () => {}))
  return false
}
