// Achievement records of the emulated Open Badges service: OneRoster-style CRUD (201 with the sourcedId pair,
// 204 on update and delete, soft delete to `tobedeleted`), the 1EdTech list envelope, and each student's
// achievements with the badges issued to them (the student must be a OneRoster user).
import { route, type Route } from '../context.js'
import { badRequest, HttpError, json, noContent, notFound } from '../http.js'
import { ONEROSTER_STORE } from '../oneroster/index.js'
import type { OneRosterStore } from '../oneroster/state.js'
import { listResponse } from '../query.js'
import { isObject } from './shape.js'
import type { AchievementRow, OpenBadgesState } from './state.js'

const BASE = '/ims/ob/v3p0/achievements'
const TEXT = ['name', 'description', 'criteria', 'image']
const KNOWN = new Set([...TEXT, 'sourcedId', 'status', 'achievementType', 'tag', 'metadata'])

/** The `{ achievement: {...} }` body's fields, checked; `whole` requires name, description and criteria. */
function fieldsOf(body: unknown, whole: boolean): Record<string, unknown> {
  const a = isObject(body) ? body.achievement : undefined
  if (!isObject(a)) throw badRequest("The body must be { achievement: { name, description, criteria } }.")
  for (const key of Object.keys(a)) {
    const value = a[key]
    if (!KNOWN.has(key)) throw badRequest(`achievement.${key} is not a field of an achievement.`)
    if ((TEXT.includes(key) || key === 'sourcedId' || key === 'achievementType') && (typeof value !== 'string' || value.trim() === '')) {
      throw badRequest(`achievement.${key} must be a non-empty string.`)
    }
    if (key === 'status' && value !== 'active' && value !== 'tobedeleted') throw badRequest("achievement.status must be 'active' or 'tobedeleted'.")
    if (key === 'tag' && !(Array.isArray(value) && value.every((t) => typeof t === 'string'))) throw badRequest('achievement.tag must be an array of strings.')
    if (key === 'metadata' && value !== null && !isObject(value)) throw badRequest('achievement.metadata must be an object.')
  }
  if (whole) for (const key of ['name', 'description', 'criteria']) if (a[key] === undefined) throw badRequest(`achievement.${key} is required.`)
  return a
}

/** The OneRoster user `id` (not soft-deleted), or 404 "Student not found.". */
export function studentOf(s: OpenBadgesState, id: string): Record<string, unknown> {
  const store = s.env.lookup<OneRosterStore>(ONEROSTER_STORE)
  const user = store?.get('users', id)
  if (!user || user.status === 'tobedeleted') throw notFound(store ? 'Student not found.' : 'Student not found (the OneRoster module is not mounted).')
  return user
}

export function achievementOf(s: OpenBadgesState, id: string): AchievementRow {
  const row = s.achievements.get(id)
  if (!row) throw notFound('Achievement not found.')
  return row
}

export function achievementRoutes(s: OpenBadgesState): Route[] {
  const stamp = () => s.env.nowIso()
  return [
    route('GET', `${BASE}/`, 'getAllAchievements', (ctx) =>
      listResponse(ctx.query, { many: 'achievements', search: ['name', 'description'] }, [...s.achievements.values()], { shortPages: false })),
    route('POST', `${BASE}/`, 'createAchievement', async (ctx) => {
      const fields = fieldsOf(await ctx.body(), true)
      const supplied = fields.sourcedId as string | undefined
      if (supplied !== undefined && s.achievements.has(supplied)) throw new HttpError(422, `An achievement with sourcedId '${supplied}' already exists.`)
      const sourcedId = supplied ?? s.env.newId()
      const row: AchievementRow = { achievementType: 'Achievement', tag: [], metadata: null, image: null, ...fields, sourcedId, status: (fields.status as AchievementRow['status']) ?? 'active', dateLastModified: stamp() }
      s.achievements.set(sourcedId, row)
      return json({ sourcedIdPairs: { suppliedSourcedId: supplied ?? null, allocatedSourcedId: sourcedId } }, 201)
    }),
    route('GET', `${BASE}/{sourcedId}`, 'getAchievement', (ctx) => json({ achievement: achievementOf(s, ctx.params.sourcedId!) })),
    route('PUT', `${BASE}/{sourcedId}`, 'updateAchievement', async (ctx) => {
      const row = achievementOf(s, ctx.params.sourcedId!)
      const fields = fieldsOf(await ctx.body(), false)
      if (fields.sourcedId !== undefined && fields.sourcedId !== row.sourcedId) throw badRequest('achievement.sourcedId cannot change.')
      s.achievements.set(row.sourcedId, { ...row, ...fields, sourcedId: row.sourcedId, dateLastModified: stamp() } as AchievementRow)
      return noContent()
    }),
    route('DELETE', `${BASE}/{sourcedId}`, 'deleteAchievement', (ctx) => {
      const row = achievementOf(s, ctx.params.sourcedId!)
      s.achievements.set(row.sourcedId, { ...row, status: 'tobedeleted', dateLastModified: stamp() })
      return noContent()
    }),
    route('GET', `${BASE}/students/{studentSourcedId}`, 'getStudentAchievements', (ctx) => {
      const student = ctx.params.studentSourcedId!
      studentOf(s, student)
      const rows: Record<string, unknown>[] = []
      for (const row of s.achievements.values()) {
        const issuedBadges = s.issued.filter((b) => b.studentSourcedId === student && b.achievementSourcedId === row.sourcedId)
        if (issuedBadges.length) rows.push({ ...row, issuedBadges })
      }
      return listResponse(ctx.query, { many: 'achievementsWithIssuedBadges' }, rows, { shortPages: false })
    }),
  ]
}
