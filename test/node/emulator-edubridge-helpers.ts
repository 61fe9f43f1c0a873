// Shared by the EduBridge emulator tests (test/node/emulator-edubridge*.test.ts): a fixed clock, an emulator with a
// token, a Timeback lesson as a Caliper envelope, and a test-only module that hands out the hub's publish. Not a test file.
import assert from 'node:assert/strict'
import type { EmulatedService, EmulatedServiceModule } from '../../src/testing/index.ts'
import { R, connect, type Json } from './emulator-helpers.ts'

// 2026-12-02 12:00 UTC, a Wednesday: the school year 2026-08-01..2027-07-31 (named 2027).
export const NOW = Date.UTC(2026, 11, 2, 12)
export const E = '/edubridge/enrollments'
export const A = '/edubridge/analytics'

export const start = () => connect({ now: () => NOW })

// A test-only module that hands the test the hub's publish, so a LEARNING_FACTS publication comes from "PowerPath".
export let publish: (topic: string, payload: unknown) => void = () => assert.fail('publisher module not mounted')
export const publisherModule: EmulatedServiceModule = {
  name: 'test-publisher',
  create(env): EmulatedService {
    publish = env.publish
    return { prefix: '/test-publisher', routes: () => [], reset: () => undefined }
  },
}

export const USER_URL = (emu: { origin: string }, id: string) => `${emu.origin}${R}/users/${id}`

/** A Timeback ActivityEvent + TimeSpentEvent pair for one lesson, as a Caliper envelope. */
export function lessonEnvelope(emu: { origin: string }, at: string, n: number, actor: Json = { id: USER_URL(emu, 'seed-student-1'), type: 'TimebackUser', email: 'seed-student-1@seed.example' }) {
  const object = {
    id: `https://app.example/activities/lesson-${n}`, type: 'TimebackActivityContext', subject: 'Math', app: { name: 'Fraction App' },
    course: { id: `${emu.origin}${R}/courses/seed-course-1`, name: 'Math 3' }, activity: { id: `https://app.example/lessons/${n}`, name: `Lesson ${n}` },
  }
  const common = { '@context': 'http://purl.imsglobal.org/ctx/caliper/v1p2', profile: 'TimebackProfile', actor, object, eventTime: at }
  return {
    sensor: 'https://app.example/sensor', sendTime: at, dataVersion: 'http://purl.imsglobal.org/ctx/caliper/v1p2',
    data: [
      { ...common, id: `urn:uuid:00000000-0000-4000-8000-00000000000${n}`, type: 'ActivityEvent', action: 'Completed',
        generated: { id: `https://app.example/metrics/${n}`, type: 'TimebackActivityMetricsCollection', items: [
          { type: 'xpEarned', value: 12 }, { type: 'totalQuestions', value: 5 }, { type: 'correctQuestions', value: 4 }, { type: 'masteredUnits', value: 1 }] } },
      { ...common, id: `urn:uuid:00000000-0000-4000-9000-00000000000${n}`, type: 'TimeSpentEvent', action: 'SpentTime',
        generated: { id: `https://app.example/time/${n}`, type: 'TimebackTimeSpentMetricsCollection', items: [
          { type: 'active', value: 600 }, { type: 'inactive', value: 30 }, { type: 'waste', value: 5 }] } },
    ],
  }
}

export async function sendToCaliper(emu: { services: Record<string, string> }, call: Awaited<ReturnType<typeof connect>>['call'], envelope: unknown) {
  const res = await call('POST', `${new URL(emu.services.caliper!).pathname}/caliper/event`, envelope)
  assert.equal(res.status, 200, JSON.stringify(res.body))
}

export const CELL = { activityMetrics: { xpEarned: 12, totalQuestions: 5, correctQuestions: 4, masteredUnits: 1 }, timeSpentMetrics: { activeSeconds: 600, inactiveSeconds: 30, wasteSeconds: 5 } }
