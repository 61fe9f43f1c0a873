// createTimeback / TimebackClient: only the services named in `use`, each built on first read, one shared token
// for the Cognito services, per-service overrides, and clear refusals of options that cannot work.

import type { Assert, Suite } from '../../harness/types.ts'
import { STUDENT, tbSetup } from './helpers.ts'

const suite: Suite = (env) => {
  const { h, sdk } = env
  const { describe, it } = h
  const assert: Assert = h.assert
  const auth = { clientId: 'id', clientSecret: 'secret' }

  describe('timeback: client', () => {
    it('createTimeback gives timeback.api.<service> for the services in use, built lazily, the same object on every read', async () => {
      const { oneroster, qti } = sdk.timeback
      const timeback = await sdk.timeback.createTimeback({ env: 'staging', api: auth, use: { oneroster, qti } })
      assert.deepEqual(Object.keys(timeback.api).sort(), ['oneroster', 'qti'])
      assert.ok(timeback.api.oneroster instanceof sdk.oneroster.OneRosterClient)
      assert.ok(timeback.api.qti instanceof sdk.qti.QtiClient)
      assert.equal(timeback.api.oneroster, timeback.api.oneroster, 'one client per service')
      assert.equal((timeback.api as Record<string, unknown>).caliper, undefined, 'a service not in use is not there')
      // The same hosts a client built on its own would use.
      assert.equal(timeback.api.oneroster.baseUrl, new sdk.oneroster.OneRosterClient({ env: 'staging', auth }).baseUrl)
    })

    it('N services, one token request: OneRoster, EduBridge, PowerPath and CASE called at once share one token', async () => {
      const { timeback, emulator } = tbSetup(env, ['oneroster', 'edubridge', 'powerpath', 'case'])
      assert.equal(emulator.stats().requests.total, 0, 'creating the client sends nothing')
      await Promise.all([
        timeback.api.oneroster.users.get(STUDENT),
        timeback.api.edubridge.enrollments.list(STUDENT),
        timeback.api.powerpath.syllabus.get({ courseSourcedId: 'seed-course-1' }),
        timeback.api.case.documents.list({ limit: 1 }),
      ])
      await timeback.api.oneroster.users.get(STUDENT)
      assert.equal(emulator.stats().tokens.requests, 1)
      assert.equal(emulator.stats().tokens.issued, 1)
    })

    it('services.<name> overrides one service (qti baseUrl) and leaves the others on the environment', () => {
      const { oneroster, qti } = sdk.timeback
      const timeback = new sdk.timeback.TimebackClient({ env: 'staging', api: auth, use: { oneroster, qti }, services: { qti: { baseUrl: 'http://127.0.0.1:7777/qti' } } })
      assert.equal(timeback.api.qti.baseUrl, 'http://127.0.0.1:7777/qti')
      assert.equal(timeback.api.oneroster.baseUrl, new sdk.oneroster.OneRosterClient({ env: 'staging', auth }).baseUrl)
    })

    it('refuses options that cannot work, before any request, naming the option', async () => {
      const { oneroster } = sdk.timeback
      const configError = (pattern: RegExp) => (e: unknown) => sdk.errors.isTimebackError(e) && e.code === 'configuration_error' && pattern.test(e.message)
      await assert.rejects(() => sdk.timeback.createTimeback({ env: 'staging', api: auth } as never), configError(/`use` must name the services/))
      assert.throws(() => new sdk.timeback.TimebackClient({ env: 'staging', api: auth, use: { oneroster: { name: 'oneroster' } } as never }), configError(/use\.oneroster is not a service/))
      assert.throws(() => new sdk.timeback.TimebackClient({ env: 'staging', api: auth, use: { oneroster }, services: { qti: { baseUrl: 'https://x.example' } } as never }), configError(/services\.qti overrides a service that is not in `use`/))
      // A helper whose service is missing says which to add.
      const rosterOnly = new sdk.timeback.TimebackClient({ env: 'staging', api: auth, use: { oneroster } })
      await assert.rejects(() => rosterOnly.user.getProfile('a@b.example'), configError(/needs the edubridge service/))
      assert.throws(() => rosterOnly.activity, configError(/needs the caliper service/))
      // A look-alike factory without the helpers is told apart from the real one.
      const bare = new sdk.timeback.TimebackClient({ env: 'staging', api: auth, use: { oneroster: { name: 'oneroster', oauth: true, create: oneroster.create } } })
      assert.throws(() => bare.user, configError(/carries no user helpers/))
    })

    it('MasteryTrack takes its API key from services.masterytrack.auth, not the shared OAuth credentials', async () => {
      const s = env.setup()
      const { masterytrack, oneroster } = sdk.timeback
      const timeback = new sdk.timeback.TimebackClient({
        api: s.options.auth, use: { masterytrack, oneroster }, maxRetries: 0, ...(s.options.fetch ? { fetch: s.options.fetch } : {}),
        services: { masterytrack: { baseUrl: s.emulator.services.masterytrack, auth: { ...s.emulator.apiKeyCredentials } }, oneroster: { baseUrl: s.emulator.services.oneroster } },
      })
      assert.ok(timeback.api.masterytrack instanceof sdk.masterytrack.MasteryTrackClient)
      assert.equal(timeback.api.masterytrack.baseUrl, s.emulator.services.masterytrack)
      const found = await timeback.api.masterytrack.inventory.search()
      assert.ok(Array.isArray(found))
      assert.ok((s.emulator.stats().requests.byService.masterytrack ?? 0) >= 1, 'the API key exchange and the search reached MasteryTrack')
      assert.equal(s.emulator.stats().tokens.requests, 0, 'no OAuth token was asked for on its behalf')
    })
  })
}

export default suite
