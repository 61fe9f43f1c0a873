// Caliper events against the emulator: every way to send, both documented send answers, validation by the
// service, and reading events back (list, stream, listAll, get) with filters and offset pagination.

import type { Assert, Suite } from '../../harness/types.ts'
import { EVENT_PATH, SENSOR, SENSOR_B, activityContext, actor, caliperSetup, requireCaliper } from './helpers.ts'

const suite: Suite = (env) => {
  const { h, sdk } = env
  if (!requireCaliper(h, sdk, 'caliper: events')) return
  const { describe, it } = h
  const assert: Assert = h.assert
  const E = sdk.errors

  describe('caliper: sending', () => {
    it('sendActivity builds, sends and stores an ActivityEvent in the stored shape', async () => {
      const s = caliperSetup(env)
      const result = await s.client.events.sendActivity(SENSOR, {
        actor: actor(1), object: activityContext(), attempt: 2,
        metrics: [{ type: 'xpEarned', value: 12 }, { type: 'totalQuestions', value: 10 }, { type: 'correctQuestions', value: 9 }],
        generatedExtensions: { pctCompleteApp: 40 },
      })
      assert.equal(typeof result.jobId, 'string')
      assert.equal(result.eventsAccepted, 1)
      const [stored] = s.emulator.caliper.events
      assert.ok(stored)
      assert.match(stored.externalId, /^urn:uuid:[0-9a-f-]{36}$/)
      assert.equal(stored.type, 'ActivityEvent')
      assert.equal(stored.action, 'Completed')
      assert.equal(stored.profile, 'TimebackProfile')
      assert.equal(stored.sensor, SENSOR)
      assert.equal(typeof stored.created_at, 'string')
      assert.equal(stored.federatedSession, null)
      const generated = stored.generated as { type: string; attempt: number; items: unknown[]; extensions: unknown }
      assert.equal(generated.type, 'TimebackActivityMetricsCollection')
      assert.equal(generated.attempt, 2)
      assert.equal(generated.items.length, 3)
      assert.deepEqual(generated.extensions, { pctCompleteApp: 40 })
      assert.equal((stored.actor as { type: string }).type, 'TimebackUser')
    })

    it('sendTimeSpent sends a TimeSpentEvent with its metric types', async () => {
      const s = caliperSetup(env)
      const eventTime = new Date('2026-03-01T10:00:00.000Z')
      const result = await s.client.events.sendTimeSpent(SENSOR, {
        actor: actor(2), object: activityContext('Reading'), eventTime,
        metrics: [{ type: 'active', value: 600 }, { type: 'waste', value: 30, subType: 'off-task' }, { type: 'anti-pattern', value: 0 }],
      })
      assert.equal(result.eventsAccepted, 1)
      const stored = s.emulator.caliper.events[0]!
      assert.equal(stored.type, 'TimeSpentEvent')
      assert.equal(stored.action, 'SpentTime')
      assert.equal(stored.eventTime, '2026-03-01T10:00:00.000Z')
      assert.equal((stored.generated as { items: unknown[] }).items.length, 3)
    })

    it('send wraps events of several profiles (and an entity) in one envelope', async () => {
      const s = caliperSetup(env)
      const { createCaliperEvent, createTimeSpentEvent } = s.caliper
      const events = [
        s.activity(1),
        createTimeSpentEvent({ actor: actor(1), object: activityContext(), metrics: [{ type: 'active', value: 60 }] }),
        createCaliperEvent({ type: 'SessionEvent', action: 'LoggedIn', actor: 'https://app.example/users/1', object: 'https://app.example' }),
        createCaliperEvent({ type: 'ViewEvent', action: 'Viewed', profile: 'ReadingProfile', actor: { id: 'https://app.example/users/1', type: 'Person' }, object: 'https://app.example/books/1' }),
        createCaliperEvent({ type: 'Event', action: 'Created', actor: 'https://app.example/users/1', object: 'https://app.example/things/1' }),
        { id: 'https://app.example/books/1', type: 'Document', name: 'A book' },
      ]
      const result = await s.client.events.send(SENSOR, events)
      assert.equal(result.eventsAccepted, 5)
      assert.deepEqual(s.emulator.caliper.events.map((e) => e.type), ['ActivityEvent', 'TimeSpentEvent', 'SessionEvent', 'ViewEvent', 'Event'])
      assert.equal(s.emulator.caliper.events[2]!.profile, 'SessionProfile')
    })

    it('sendEnvelope sends a complete envelope as given', async () => {
      const s = caliperSetup(env)
      const envelope = { sensor: SENSOR_B, sendTime: '2026-01-01T00:00:00.000Z', dataVersion: s.caliper.DATA_VERSION, data: [s.activity(3)] }
      const result = await s.client.events.sendEnvelope(envelope)
      assert.equal(result.eventsAccepted, 1)
      assert.equal(s.emulator.caliper.events[0]!.sendTime, '2026-01-01T00:00:00.000Z')
      assert.equal(s.emulator.caliper.events[0]!.sensor, SENSOR_B)
    })

    it('token checks apply: a revoked token is refreshed once and the send goes through', async () => {
      const s = caliperSetup(env)
      await s.client.events.send(SENSOR, [s.activity(1)])
      s.emulator.faults.revokeTokens()
      const result = await s.client.events.send(SENSOR, [s.activity(2)])
      assert.equal(result.eventsAccepted, 1)
      assert.equal(s.emulator.requests.filter((r) => r.status === 401).length, 1)
      assert.equal(s.emulator.caliper.events.length, 2)
    })

    it('understands the older answer { status: "success", message } (no job)', async () => {
      const s = caliperSetup(env)
      s.emulator.faults.add({ method: 'POST', path: EVENT_PATH, status: 200, body: JSON.stringify({ status: 'success', message: 'Events processed' }) })
      const result = await s.client.events.send(SENSOR, [s.activity(1), s.activity(2)])
      assert.equal(result.jobId, undefined)
      assert.equal(result.eventsAccepted, 2)
      assert.equal(result.message, 'Events processed')
    })

    it('a 2xx answer with status "error" is a ValidationError', async () => {
      const s = caliperSetup(env)
      s.emulator.faults.add({ method: 'POST', path: EVENT_PATH, status: 200, body: JSON.stringify({ status: 'error', message: 'Rejected', errors: [] }) })
      const error = await assert.rejects(s.client.events.send(SENSOR, [s.activity()]), E.isValidationError)
      assert.match(error.message, /Rejected/)
    })

    it('a 400 { status: "error", message, errors } becomes a ValidationError with the details', async () => {
      const s = caliperSetup(env)
      const errors = [{ path: 'data[0].actor', message: 'unknown user' }]
      s.emulator.faults.add({ method: 'POST', path: EVENT_PATH, status: 400, body: JSON.stringify({ status: 'error', message: 'Invalid events', errors }) })
      const error = await assert.rejects(s.client.events.send(SENSOR, [s.activity()]), E.isValidationError)
      assert.equal(error.status, 400)
      assert.equal(error.description, 'Invalid events')
      assert.deepEqual(error.details, errors)
    })

    it('the emulator answers an invalid envelope with a 400 Caliper error body naming the field', async () => {
      const s = caliperSetup(env)
      // Bypass the client's checks to see the service's own answer.
      const token = await (await (s.options.fetch ?? fetch)(s.options.auth.authUrl, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: s.options.auth.clientId, client_secret: s.options.auth.clientSecret }),
      })).json() as { access_token: string }
      const bad = { ...s.activity(), id: 'not-a-urn' }
      const res = await (s.options.fetch ?? fetch)(`${s.emulator.services.caliper}/caliper/event`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ sensor: SENSOR, sendTime: new Date().toISOString(), dataVersion: s.caliper.DATA_VERSION, data: [bad] }),
      })
      assert.equal(res.status, 400)
      const body = await res.json() as { status: string; errors: { path: string }[] }
      assert.equal(body.status, 'error')
      assert.deepEqual(body.errors.map((e) => e.path), ['data[0].id'])
      assert.equal(s.emulator.caliper.events.length, 0)
    })
  })

  describe('caliper: validate', () => {
    it('answers valid: true for a good envelope and stores nothing', async () => {
      const s = caliperSetup(env)
      const envelope = { sensor: SENSOR, sendTime: new Date().toISOString(), dataVersion: s.caliper.DATA_VERSION, data: [s.activity()] }
      const result = await s.client.events.validate(envelope)
      assert.equal(result.valid, true)
      assert.equal(s.caliperRequests('POST'), 1)
      assert.equal(s.emulator.caliper.events.length, 0)
    })

    it("returns the service's verdict on a 400 instead of throwing", async () => {
      const s = caliperSetup(env)
      s.emulator.faults.add({ path: '/caliper/event/validate', status: 400, body: JSON.stringify({ status: 'error', message: 'Unknown sensor', errors: [{ path: 'sensor' }] }) })
      const envelope = { sensor: SENSOR, sendTime: new Date().toISOString(), dataVersion: s.caliper.DATA_VERSION, data: [s.activity()] }
      const result = await s.client.events.validate(envelope)
      assert.equal(result.valid, false)
      assert.equal(result.message, 'Unknown sensor')
      assert.deepEqual(result.errors, [{ path: 'sensor' }])
    })

    it('reports local problems as issues without a request', async () => {
      const s = caliperSetup(env)
      const envelope = { sensor: SENSOR, sendTime: new Date().toISOString(), dataVersion: s.caliper.DATA_VERSION, data: [{ ...s.activity(), id: 'x' }] }
      const result = await s.client.events.validate(envelope)
      assert.equal(result.valid, false)
      assert.deepEqual(result.issues!.map((i) => i.path), ['data[0].id'])
      assert.equal(s.emulator.requests.length, 0)
    })
  })

  describe('caliper: reading events', () => {
    async function fill() {
      const s = caliperSetup(env)
      const at = (day: number) => `2026-02-${String(day).padStart(2, '0')}T12:00:00.000Z`
      const events = [1, 2, 3, 4, 5, 6, 7].map((day) => s.activity(day % 2 ? 1 : 2, day, { eventTime: at(day) }))
      await s.client.events.send(SENSOR, events.slice(0, 5))
      await s.client.events.send(SENSOR_B, events.slice(5))
      return { s, events, at }
    }

    it('list pages by offset with total, hasMore and nextOffset', async () => {
      const { s, events } = await fill()
      const first = await s.client.events.list({ limit: 3 })
      assert.equal(first.total, 7)
      assert.equal(first.hasMore, true)
      assert.equal(first.nextOffset, 3)
      assert.deepEqual(first.data.map((e) => e.externalId), events.slice(0, 3).map((e) => e.id))
      const last = await s.client.events.list({ limit: 3, offset: 6 })
      assert.equal(last.data.length, 1)
      assert.equal(last.hasMore, false)
    })

    it('filters by sensor, actorId, actorEmail and a date range (strings or Dates)', async () => {
      const { s, events, at } = await fill()
      assert.equal((await s.client.events.list({ sensor: SENSOR_B })).total, 2)
      assert.equal((await s.client.events.list({ actorId: actor(2).id })).total, 3)
      assert.equal((await s.client.events.list({ actorEmail: actor(1).email })).total, 4)
      const range = await s.client.events.listAll({ startDate: at(2), endDate: new Date(at(4)) })
      assert.deepEqual(range.map((e) => e.externalId), events.slice(1, 4).map((e) => e.id))
      const combined = await s.client.events.list({ sensor: SENSOR, actorEmail: actor(1).email, startDate: new Date(at(3)) })
      assert.equal(combined.total, 2)
    })

    it('stream and listAll walk every page in order; maxItems caps them', async () => {
      const { s, events } = await fill()
      const seen: string[] = []
      for await (const e of s.client.events.stream({ limit: 2 })) seen.push(e.externalId)
      assert.deepEqual(seen, events.map((e) => e.id))
      assert.equal((await s.client.events.listAll({ limit: 3, maxItems: 4 })).length, 4)
    })

    it('skips nothing when the service serves smaller pages than asked', async () => {
      const { s, events } = await fill()
      s.emulator.caliper.maxPageSize(2)
      const all = await s.client.events.listAll({ limit: 5 })
      assert.deepEqual(all.map((e) => e.externalId), events.map((e) => e.id))
    })

    it('get fetches one event by its urn:uuid id; an unknown id is a NotFoundError', async () => {
      const { s, events } = await fill()
      const event = await s.client.events.get(events[4]!.id)
      assert.equal(event.externalId, events[4]!.id)
      assert.equal(event.sensor, SENSOR)
      assert.equal(typeof event.created_at, 'string')
      await assert.rejects(s.client.events.get('urn:uuid:00000000-0000-4000-8000-000000000000'), E.isNotFoundError)
    })

    it('rejects bad list parameters before any request', async () => {
      const s = caliperSetup(env)
      const bad = [{ limit: 0 }, { limit: 5000 }, { offset: -1 }, { startDate: 'yesterday' }, { endDate: new Date('nope') }, { sensor: '' },
        { startDate: '2026-02-02T00:00:00Z', endDate: '2026-02-01T00:00:00Z' }]
      for (const params of bad) await assert.rejects(s.client.events.list(params), E.isInputValidationError)
      assert.equal(s.emulator.requests.length, 0)
    })
  })
}

export default suite
