// Shared helpers of the emulator's Node tests (test/node/emulator-*.test.ts): an emulator with a token and a
// small request helper, and imsx assertions. Not a test file itself.
import assert from 'node:assert/strict'
import { createEmulator } from '../../src/testing/index.ts'
import type { Emulator, EmulatorOptions } from '../../src/testing/index.ts'

export const R = '/ims/oneroster/rostering/v1p2'
export const G = '/ims/oneroster/gradebook/v1p2'
export const RS = '/ims/oneroster/resources/v1p2'
export const enc = encodeURIComponent

export type Json = Record<string, any>

export function tokenRequest(emu: Emulator, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return emu.fetch(emu.tokenUrl, { method: 'POST', headers, body: new URLSearchParams(fields) })
}

export async function mintToken(emu: Emulator): Promise<string> {
  const { clientId, clientSecret } = emu.credentials
  const res = await tokenRequest(emu, { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret })
  assert.equal(res.status, 200)
  return ((await res.json()) as Json).access_token as string
}

/** An emulator plus a token and a small request helper answering `{ status, body, res }`. */
export async function connect(options?: EmulatorOptions) {
  const emu = createEmulator(options)
  const token = await mintToken(emu)
  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await emu.fetch(`${emu.origin}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    })
    const text = await res.text()
    let parsed: any = text
    try { parsed = text === '' ? undefined : JSON.parse(text) } catch { /* left as text */ }
    return { status: res.status, body: parsed as Json, res, text }
  }
  const get = (path: string) => call('GET', path)
  return { emu, token, call, get }
}

export const ids = (list: Json[]): string[] => list.map((e) => e.sourcedId)
export const ref = (sourcedId: string) => ({ sourcedId })

export function assertImsx(body: Json, minor: string, description?: RegExp): void {
  assert.equal(body.imsx_codeMajor, 'failure')
  assert.equal(body.imsx_severity, 'error')
  assert.equal(body.imsx_CodeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldName, 'TargetEndSystem')
  assert.equal(body.imsx_CodeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue, minor)
  if (description) assert.match(body.imsx_description, description)
}
