// The client secret and access tokens never appear in errors, hook payloads or log lines.

import type { Assert, Suite } from '../../harness/types.ts'

const USERS = '/ims/oneroster/rostering/v1p2/users/'

const suite: Suite = ({ h, sdk, setup }) => {
  const { describe, it } = h
  // Annotated: TypeScript only narrows through assertion functions declared with an explicit type.
  const assert: Assert = h.assert
  const { OneRosterClient } = sdk.oneroster

  describe('core: secrets stay secret', () => {
    it('no secret or token in errors, hooks or logger output across success and failure paths', async () => {
      const s = setup()
      const seen: unknown[] = []
      const log = (level: string) => (message: string, data?: unknown) => seen.push({ level, message, data })
      const observed = {
        hooks: { onRequest: (i: unknown) => seen.push(i), onResponse: (i: unknown) => seen.push(i), onRetry: (i: unknown) => seen.push(i) },
        logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
      }
      const client = new OneRosterClient({ ...s.options, ...observed })
      const errors: unknown[] = []
      const capture = async (work: Promise<unknown>) => {
        try {
          await work
        } catch (error) {
          errors.push(error)
        }
      }
      await capture(client.users.list({ limit: 1 }))
      await capture(client.users.get('missing'))
      s.emulator.faults.add({ path: USERS, status: 503, retryAfter: 0, times: 1 })
      await capture(client.users.list({ limit: 1 }))
      s.emulator.faults.revokeTokens()
      await capture(client.users.list({ limit: 1 }))
      s.emulator.faults.add({ path: USERS, status: 401, times: Infinity })
      await capture(client.users.list({ limit: 1 }))
      s.emulator.faults.clear()
      s.emulator.faults.add({ path: USERS, body: 'html', times: 1 })
      await capture(client.users.list({ limit: 1 }))
      const bad = new OneRosterClient({ ...s.options, ...observed, auth: { ...s.options.auth, clientSecret: 'not-the-secret' } })
      await capture(bad.users.list())

      // Every token the emulator issued, read from what the client sent.
      const tokens = new Set(
        s.emulator.requests
          .map((r) => r.headers.authorization)
          .filter((a): a is string => typeof a === 'string' && a.startsWith('Bearer '))
          .map((a) => a.slice('Bearer '.length)),
      )
      assert.ok(tokens.size >= 2, `tokens were issued and refreshed (${tokens.size})`)
      assert.ok(errors.length >= 3, `failures were produced (${errors.length})`)
      assert.ok(seen.length > 10, 'hooks and logger saw traffic')

      const secrets = [s.options.auth.clientSecret, 'not-the-secret', ...tokens]
      const texts = [
        JSON.stringify(seen),
        ...errors.map((e) => {
          const err = e as Error & { toJSON?: () => unknown }
          return `${err.message}\n${err.stack}\n${JSON.stringify(err)}\n${String(err)}`
        }),
      ]
      for (const secret of secrets) {
        for (const text of texts) assert.ok(!text.includes(secret), `a secret leaked into: ${text.slice(0, 200)}`)
      }
      assert.ok(JSON.stringify(seen).includes('[redacted]'), 'authorization headers are shown redacted')
    })
  })
}

export default suite
