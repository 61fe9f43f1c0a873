// The teacher's view of a class: its students (OneRoster) and each one's XP this week (EduBridge analytics).
import { aggregateActivityMetrics } from '@timeback/sdk/edubridge'
import type { OneRosterClient } from '@timeback/sdk/oneroster'
import { eduBridge, type WaitUntil } from './clients.js'
import type { Env } from './worker-types.js'

export interface RosterRow {
  readonly id: string
  readonly name: string
  readonly email: string
  readonly weekXp: number
}

/** Monday 00:00 UTC of the week holding `now`. */
export function weekStart(now: Date): Date {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()))
  start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7))
  return start
}

/** Runs `work` over `items` with at most `limit` at once (a Worker may hold 6 connections open). */
async function pool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length)
  let next = 0
  const lane = async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await work(items[i]!)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane))
  return out
}

export async function classRoster(env: Env, ctx: WaitUntil, oneroster: OneRosterClient, classId: string, now = new Date()): Promise<RosterRow[]> {
  const students = await oneroster.classes(classId).students.listAll({ where: { status: 'active' }, maxItems: 500 })
  const analytics = eduBridge(env, ctx).analytics
  const startDate = weekStart(now).toISOString()
  const endDate = now.toISOString()
  const rows = await pool(students, 5, async (s) => {
    const week = await analytics.getActivity({ studentId: s.sourcedId, startDate, endDate })
    const name = [s.givenName, s.familyName].filter(Boolean).join(' ')
    return { id: s.sourcedId, name: name || s.sourcedId, email: s.email ?? '', weekXp: aggregateActivityMetrics(week).totalXp }
  })
  return rows.sort((a, b) => a.name.localeCompare(b.name))
}
