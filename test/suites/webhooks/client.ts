// WebhooksClient against the emulator: CRUD of webhooks and filters, the documented envelopes and error
// bodies, and input validation that rejects bad input before any request is sent.

import type { Assert, Suite } from '../../harness/types.ts'
import { hookInput, requireWebhooks, SECRET, TARGET, webhooksSetup } from './helpers.ts'

const suite: Suite = (env) => {
  const { h, sdk } = env
  const { describe, it } = h
  // Annotated, so TypeScript narrows after assert.ok.
  const assert: Assert = h.assert
  if (!requireWebhooks(h, sdk, 'webhooks: client')) return
  const { isNotFoundError, isInputValidationError } = sdk.errors

  describe('webhooks: client', () => {
    it('creates, reads, lists, replaces, toggles and deletes a webhook', async () => {
      const { client } = webhooksSetup(env)
      const hook = await client.webhooks.create(hookInput())
      assert.equal(typeof hook.id, 'string')
      assert.deepEqual(
        { name: hook.name, targetUrl: hook.targetUrl, secret: hook.secret, active: hook.active, description: hook.description, deletedAt: hook.deletedAt },
        { name: 'completions', targetUrl: TARGET, secret: SECRET, active: true, description: null, deletedAt: null },
      )
      assert.deepEqual(await client.webhooks.get(hook.id), hook)
      assert.deepEqual((await client.webhooks.list()).map((w) => w.id), [hook.id])

      // A read object spread into an update works: server-side fields (id, createdAt…) are dropped.
      const renamed = await client.webhooks.update(hook.id, { ...hook, name: 'renamed', sensor: 'https://app.example/sensors/1' })
      assert.equal(renamed.id, hook.id)
      assert.equal(renamed.name, 'renamed')
      assert.equal(renamed.sensor, 'https://app.example/sensors/1')
      assert.equal(renamed.createdAt, hook.createdAt)

      assert.equal((await client.webhooks.deactivate(hook.id)).active, false)
      assert.equal((await client.webhooks.get(hook.id)).active, false)
      assert.equal((await client.webhooks.activate(hook.id)).active, true)

      await client.webhooks.delete(hook.id)
      await assert.rejects(client.webhooks.get(hook.id), isNotFoundError)
      assert.deepEqual(await client.webhooks.list(), [])
      await assert.rejects(client.webhooks.delete(hook.id), isNotFoundError)
    })

    it('creates, reads, lists, replaces and deletes filters; deleting the webhook deletes its filters', async () => {
      const { client } = webhooksSetup(env)
      const a = await client.webhooks.create(hookInput())
      const b = await client.webhooks.create(hookInput({ name: 'other' }))
      const byType = await client.filters.create({ webhookId: a.id, filterKey: 'type', filterValue: 'ActivityEvent', filterOperation: 'eq' })
      assert.deepEqual(
        { key: byType.filterKey, value: byType.filterValue, type: byType.filterType, op: byType.filterOperation, active: byType.active },
        { key: 'type', value: 'ActivityEvent', type: 'string', op: 'eq', active: true },
      )
      // Numbers and lists are sent as the strings the service stores; the type follows the value.
      const xp = await client.filters.create({ webhookId: a.id, filterKey: 'generated.items.0.value', filterValue: 10, filterOperation: 'gte' })
      assert.deepEqual([xp.filterValue, xp.filterType], ['10', 'number'])
      const subjects = await client.filters.create({ webhookId: b.id, filterKey: 'object.subject', filterValue: ['Math', 'Reading'], filterOperation: 'in' })
      assert.deepEqual([subjects.filterValue, subjects.filterType], ['Math,Reading', 'string'])

      assert.deepEqual(await client.filters.get(xp.id), xp)
      assert.deepEqual((await client.filters.list()).map((f) => f.id).sort(), [byType.id, xp.id, subjects.id].sort())
      assert.deepEqual((await client.filters.listByWebhook(a.id)).map((f) => f.id).sort(), [byType.id, xp.id].sort())
      assert.deepEqual((await client.filters.listByWebhook(b.id)).map((f) => f.id), [subjects.id])

      const updated = await client.filters.update(xp.id, { ...xp, filterValue: 20, active: false })
      assert.deepEqual([updated.id, updated.filterValue, updated.active], [xp.id, '20', false])

      await client.filters.delete(byType.id)
      await assert.rejects(client.filters.get(byType.id), isNotFoundError)
      await client.webhooks.delete(a.id)
      await assert.rejects(client.filters.get(xp.id), isNotFoundError)
      assert.deepEqual((await client.filters.list()).map((f) => f.id), [subjects.id])
    })

    it('rejects bad webhook input with the path of each bad field, before any request', async () => {
      const { client, emulator } = webhooksSetup(env)
      const cases: [unknown, string][] = [
        [hookInput({ targetUrl: 'not a url' }), 'webhook.targetUrl'],
        [hookInput({ targetUrl: '/relative/hook' }), 'webhook.targetUrl'],
        [hookInput({ targetUrl: 'ftp://files.example/hook' }), 'webhook.targetUrl'],
        [hookInput({ secret: '' }), 'webhook.secret'],
        [hookInput({ name: undefined }), 'webhook.name'],
        [hookInput({ active: 'yes' }), 'webhook.active'],
      ]
      for (const [input, path] of cases) {
        const error = await assert.rejects(client.webhooks.create(input as never), isInputValidationError)
        assert.deepEqual(error.issues.map((i: { path: string }) => i.path), [path], JSON.stringify(input))
      }
      // An update replaces the whole webhook, so it must say whether the webhook is active.
      const error = await assert.rejects(client.webhooks.update('w1', hookInput() as never), isInputValidationError)
      assert.deepEqual(error.issues.map((i: { path: string }) => i.path), ['webhook.active'])
      await assert.rejects(client.webhooks.get(''), isInputValidationError)
      assert.equal(emulator.requests.length, 0, 'nothing was sent, not even a token request')
    })

    it('rejects bad filters (enums, values that do not parse, regexps that do not compile) before any request', async () => {
      const { client, emulator } = webhooksSetup(env)
      const base = { webhookId: 'w1', filterKey: 'type', filterValue: 'x', filterOperation: 'eq' }
      const cases: [Record<string, unknown>, string, RegExp][] = [
        [{ filterType: 'date' }, 'filter.filterType', /string, number, boolean/],
        [{ filterOperation: 'like' }, 'filter.filterOperation', /eq, neq, gt/],
        [{ filterOperation: 'regexp', filterValue: '([a-z' }, 'filter.filterValue', /regular expression/],
        [{ filterType: 'number', filterValue: 'ten' }, 'filter.filterValue', /not a number/],
        [{ filterType: 'boolean', filterValue: 'yes' }, 'filter.filterValue', /not a boolean/],
        [{ filterValue: true, filterOperation: 'gt' }, 'filter.filterValue', /booleans/],
        [{ filterValue: ['a', 'b'] }, 'filter.filterValue', /in' or 'notIn/],
        [{ filterType: 'number', filterValue: ['1', 'two'], filterOperation: 'in' }, 'filter.filterValue', /"two" is not a number/],
        [{ filterValue: { a: 1 } }, 'filter.filterValue', /string, number or boolean/],
        [{ webhookId: '' }, 'filter.webhookId', /empty/],
      ]
      for (const [change, path, message] of cases) {
        const error = await assert.rejects(client.filters.create({ ...base, ...change } as never), isInputValidationError)
        assert.deepEqual(error.issues.map((i: { path: string }) => i.path), [path], JSON.stringify(change))
        assert.match(error.issues[0].message, message)
      }
      assert.equal(emulator.requests.length, 0)
    })

    it('sends ids as one encoded path segment', async () => {
      const { client, emulator } = webhooksSetup(env)
      await assert.rejects(client.webhooks.get('a/b?c'), isNotFoundError)
      await assert.rejects(client.filters.listByWebhook('x y'), isNotFoundError)
      const paths = emulator.requests.map((r) => r.path).filter((p) => p.includes('/webhook'))
      assert.deepEqual(paths, ['/caliper-host/webhooks/a%2Fb%3Fc', '/caliper-host/webhook-filters/webhook/x%20y'])
    })

    it('the emulator answers webhook errors as { error, details } and filter errors as { status, message, errors }', async () => {
      const { client, raw } = webhooksSetup(env)
      const bad = await raw('POST', '/webhooks/', { name: 'x', description: null, targetUrl: 'nope', secret: SECRET, active: true })
      assert.equal(bad.status, 400)
      assert.equal(typeof bad.body.error, 'string')
      assert.deepEqual(bad.body.details.map((d: { path: string[] }) => d.path), [['targetUrl']])
      assert.equal(bad.body.details[0].code, 'invalid_string')

      const hook = await client.webhooks.create(hookInput())
      const badFilter = await raw('POST', '/webhook-filters/', {
        webhookId: hook.id, filterKey: 'type', filterValue: 'x', filterType: 'text', filterOperation: 'eq', active: true,
      })
      assert.equal(badFilter.status, 400)
      assert.equal(badFilter.body.status, 'error')
      assert.equal(typeof badFilter.body.message, 'string')
      assert.deepEqual(badFilter.body.errors.map((e: { path: string[] }) => e.path), [['filterType']])
      const badRegexp = await raw('POST', '/webhook-filters/', {
        webhookId: hook.id, filterKey: 'type', filterValue: '(', filterType: 'string', filterOperation: 'regexp', active: true,
      })
      assert.equal(badRegexp.status, 400)

      const deleted = await raw('DELETE', `/webhooks/${hook.id}`)
      assert.deepEqual([deleted.status, deleted.body.status, deleted.body.errors], [200, 'success', null])

      // Through the client, the same bodies become typed errors with the service's message and details.
      const missing = await assert.rejects(
        client.filters.create({ webhookId: 'no-such-webhook', filterKey: 'type', filterValue: 'x', filterOperation: 'eq' }),
        isNotFoundError,
      )
      assert.match(missing.message, /no-such-webhook/)
      const invalid = await assert.rejects(
        client.webhooks.update(hook.id, { ...hookInput(), active: true }),
        isNotFoundError,
      )
      assert.match(invalid.message, /not found/i)
      const notJson = await raw('POST', '/webhooks/', '{not json')
      assert.equal(notJson.status, 400)
      assert.deepEqual([typeof notJson.body.error, notJson.body.details], ['string', []])
    })
  })
}

export default suite
