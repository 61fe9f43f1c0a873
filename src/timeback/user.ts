/**
 * @module timeback/user — `timeback.user.verify(email)` and `timeback.user.getProfile(email)`, built on the
 * OneRoster and EduBridge clients of the unified client (the calls the vendor's helpers make underneath).
 */

import type { EduBridgeClient } from '../services/edubridge/client.js'
import type { ActivityAnswer } from '../services/edubridge/resources/analytics.js'
import type { OneRosterClient } from '../services/oneroster/client.js'
import { checkEmail, findUserByEmail, TimebackUserResolutionError } from './resolve.js'

/** Finds a service's client in the unified client (throws a ConfigurationError when it is not in `use`). */
export type ClientLookup = (name: string) => unknown

/**
 * The answer of `verify`: `timebackId` (the OneRoster `sourcedId`) only when verified.
 * @example const result: UserVerification = { verified: true, timebackId: 'u-1' }
 */
export type UserVerification = { verified: true; timebackId: string } | { verified: false }

/**
 * A student as `getProfile` describes them (the shape of the vendor's `GET /user/me`).
 * @example const xpToday = (await timeback.user.getProfile(email)).xp.today
 */
export interface UserProfile {
  id: string
  email: string
  name?: string
  school?: { id: string; name?: string }
  grade?: string
  courses: { id: string; code?: string; name: string }[]
  /** Daily goals from the enrollments' metadata (the first enrollment that has each). */
  goals?: { dailyXp?: number; dailyLessons?: number; dailyActiveMinutes?: number; dailyAccuracy?: number; dailyMasteredUnits?: number }
  /** XP earned today (UTC day) and since 2000-01-01, summed from EduBridge analytics. */
  xp: { today: number; all: number }
}

/**
 * `timeback.user`.
 * @example
 * const { verified } = await timeback.user.verify('ada@school.example')
 * if (verified) console.log((await timeback.user.getProfile('ada@school.example')).xp.today)
 */
export interface UserHelpers {
  /** One OneRoster lookup: `{ verified: false }` when no user has the email; two users is a TimebackUserResolutionError. */
  verify(email: string): Promise<UserVerification>
  /** The user, their EduBridge enrollments and goals, and XP today and overall; a user not found is an error here. */
  getProfile(email: string): Promise<UserProfile>
}

const GOALS = ['dailyXp', 'dailyLessons', 'dailyActiveMinutes', 'dailyAccuracy', 'dailyMasteredUnits'] as const

function xpOf(answer: ActivityAnswer): number {
  let total = 0
  for (const day of Object.values(answer.facts ?? {})) {
    for (const cell of Object.values(day ?? {})) {
      const xp = cell?.activityMetrics?.xpEarned
      if (typeof xp === 'number' && Number.isFinite(xp)) total += xp
    }
  }
  // Sums of tenths drift (0.1 + 0.2); XP is shown to a tenth.
  return Math.round(total * 10) / 10
}

/** Builds `timeback.user` on the unified client's clients. */
export function createUserHelpers(client: ClientLookup): UserHelpers {
  return {
    async verify(email) {
      const address = checkEmail(email, 'email', 'timeback.user.verify')
      const user = await findUserByEmail(client('oneroster') as OneRosterClient, address)
      return user ? { verified: true, timebackId: user.sourcedId } : { verified: false }
    },

    async getProfile(email) {
      const address = checkEmail(email, 'email', 'timeback.user.getProfile')
      const edubridge = client('edubridge') as EduBridgeClient
      const user = await findUserByEmail(client('oneroster') as OneRosterClient, address)
      if (!user) throw new TimebackUserResolutionError('timeback_user_not_found', 'timeback: no OneRoster user has this email')
      const today = new Date().toISOString().slice(0, 10)
      const [enrollments, day, all] = await Promise.all([
        edubridge.enrollments.list(user.sourcedId),
        // The service reads the bounds as instants: a bare date ends the range at that day's midnight.
        edubridge.analytics.getActivity({ studentId: user.sourcedId, startDate: `${today}T00:00:00.000Z`, endDate: `${today}T23:59:59.999Z` }),
        edubridge.analytics.getActivity({ studentId: user.sourcedId, startDate: '2000-01-01T00:00:00.000Z', endDate: `${today}T23:59:59.999Z` }),
      ])
      const goals: NonNullable<UserProfile['goals']> = {}
      for (const enrollment of enrollments) {
        const set = enrollment.metadata?.goals ?? {}
        for (const key of GOALS) if (goals[key] === undefined && typeof set[key] === 'number') goals[key] = set[key] as number
      }
      const name = [user.givenName, user.familyName].filter((part) => typeof part === 'string' && part).join(' ')
      const enrolledAt = enrollments.find((e) => e.school)?.school
      const school = enrolledAt ? { id: enrolledAt.id, name: enrolledAt.name } : user.primaryOrg ? { id: user.primaryOrg.sourcedId } : undefined
      return {
        id: user.sourcedId,
        email: user.email,
        ...(name ? { name } : {}),
        ...(school ? { school } : {}),
        ...(user.grades?.length ? { grade: String(user.grades[0]) } : {}),
        courses: enrollments.map((e) => ({ id: e.course.id, name: e.course.title, ...(typeof e.course.metadata?.courseCode === 'string' ? { code: e.course.metadata.courseCode } : {}) })),
        ...(Object.keys(goals).length ? { goals } : {}),
        xp: { today: xpOf(day), all: xpOf(all) },
      }
    },
  }
}
