// NWEA MAP screening: a session per student, made when a test is assigned; reset clears its assignment; results
// are per subject. The emulator reaches no NWEA: `emulator.powerpath.completeScreening` plays the finished test.
import { route, type Ctx, type Route } from '../context.js'
import { json, noContent, notFound } from '../http.js'
import { studentOf, type PP } from './catalog.js'
import { needString, oneOf, readBody } from './request.js'
import type { ScreeningSession } from './state.js'

const SCREENING_SUBJECTS = ['Math', 'Reading', 'Language', 'Science'] as const

function sessionOf(pp: PP, userId: string): ScreeningSession {
  studentOf(pp, userId)
  const session = pp.state.screening.get(userId)
  if (!session) throw notFound(`No screening session for user '${userId}': assign a screening test first.`)
  return session
}

async function assign(pp: PP, ctx: Ctx): Promise<Response> {
  const body = await readBody(ctx)
  const userId = needString(body, 'userId')
  const subject = oneOf(body.subject, SCREENING_SUBJECTS, 'subject')
  const user = studentOf(pp, userId)
  let session = pp.state.screening.get(userId)
  if (!session) {
    const n = pp.state.counter + 1
    session = {
      nweaStudentId: pp.env.newId(), createdOn: pp.env.nowIso(), password: `map-${n}`, name: `${String(user.givenName ?? '')} ${String(user.familyName ?? '')}`.trim() || userId,
      proctorId: pp.env.newId(), pin: String(100000 + n), testSessionId: pp.env.newId(), status: 'active',
      assignment: { assignedTestKey: null, status: null, nweaStatus: null }, termId: 'emulator-term',
    }
    pp.state.counter = n
    pp.state.screening.set(userId, session)
  }
  const grade = Array.isArray(user.grades) && user.grades.length ? String(user.grades[0]) : '0'
  session.status = 'active'
  session.assignment = { assignedTestKey: `MAP-${subject}-G${grade}`, status: 'assigned', nweaStatus: 'AWAITING_STUDENT' }
  return json(session)
}

/** What a finished MAP test does: the subject's result, and the session's assignment completed. */
export function completeScreening(pp: PP, userId: string, subject: string, ritScore: number): boolean {
  const session = pp.state.screening.get(userId)
  const key = session?.assignment.assignedTestKey
  if (!session || !key) return false
  const results = pp.state.screeningResults.get(userId) ?? {}
  results[subject] = { grade: key.split('-G')[1] ?? '0', ritScore, testName: key, completedAt: pp.env.nowIso() }
  pp.state.screeningResults.set(userId, results)
  session.assignment = { ...session.assignment, status: 'completed', nweaStatus: 'COMPLETED' }
  return true
}

export function screeningRoutes(pp: PP): Route[] {
  return [
    route('GET', '/powerpath/screening/session/{userId}', 'getSession', (ctx) => json(sessionOf(pp, ctx.params.userId!))),
    route('GET', '/powerpath/screening/results/{userId}', 'getResults', (ctx) => {
      studentOf(pp, ctx.params.userId!)
      return json(pp.state.screeningResults.get(ctx.params.userId!) ?? {})
    }),
    // The spec declares a `userId` path parameter this path does not have: the user comes from the body.
    route('POST', '/powerpath/screening/session/reset', 'resetSession', async (ctx) => {
      const session = sessionOf(pp, needString(await readBody(ctx), 'userId'))
      session.assignment = { assignedTestKey: null, status: null, nweaStatus: null }
      return noContent()
    }),
    route('POST', '/powerpath/screening/tests/assign', 'assignTest', (ctx) => assign(pp, ctx)),
  ]
}
