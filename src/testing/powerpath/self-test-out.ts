// Self-service test-outs (2026 additions), simplified but honest to the documented rules: the student needs an
// active enrollment in a course of the subject not flagged `metadata.placementPlaceholder`; the target grade is the
// highest grade mastered + 1 (mastered: a completed test assignment or a passed placement test of the subject), else
// the lowest assessment grade of the subject's active course sequence; eligible unless a self-elected test-out at
// that grade is already completed or failed. A refusal to assign is `{ success: false, data: { reason } }`.
import { route, type Ctx, type Route } from '../context.js'
import { badRequest, json } from '../http.js'
import { PASS_SCORE } from './attempts.js'
import { roster, studentOf, type PP } from './catalog.js'
import { enrolledIn } from './course-progress.js'
import { doneAttempt, placementTests } from './placement.js'
import { needString, readBody } from './request.js'
import { created, createAssignment, statusOf } from './test-assignments.js'

const TEST_OUT_SUBJECTS = ['Math', 'Reading', 'Language', 'Science', 'Writing', 'Vocabulary'] as const

function subjectOf(value: unknown): string {
  const found = TEST_OUT_SUBJECTS.find((s) => typeof value === 'string' && s.toLowerCase() === value.toLowerCase())
  if (!found) throw badRequest(`Invalid subject ${JSON.stringify(value)} (one of ${TEST_OUT_SUBJECTS.join(', ')}, any case).`)
  return found
}

type Verdict = { eligible: true; grade: string } | { eligible: false; reason: string }

export function eligibility(pp: PP, student: string, subject: string): Verdict {
  const courses = (roster(pp)?.list('courses') ?? []).filter((c) => {
    const placeholder = (c.metadata as Record<string, unknown> | undefined)?.placementPlaceholder === true
    return c.status !== 'tobedeleted' && !placeholder && Array.isArray(c.subjects) && c.subjects.includes(subject) && enrolledIn(pp, student, c.sourcedId)
  })
  if (courses.length === 0) return { eligible: false, reason: `No active enrollment in a ${subject} course.` }
  const mastered = [
    ...pp.state.assignments.filter((a) => !a.deleted && a.studentSourcedId === student && a.subject === subject && statusOf(pp, a) === 'completed').map((a) => Number(a.grade)),
    ...placementTests(pp, subject).filter((t) => (doneAttempt(pp, student, t.id)?.score ?? 0) >= PASS_SCORE).flatMap((t) => t.grades.map(Number)),
  ].filter(Number.isFinite)
  let target: number | undefined = mastered.length ? Math.max(...mastered) + 1 : undefined
  if (target === undefined) {
    const sequence = [...pp.state.sequences.values()].find((s) => s.status === 'active' && s.subject === subject)
    const stages = (sequence?.stages ?? []) as { type?: string; grades?: string[] }[]
    const grades = stages.filter((s) => s.type === 'assessment').flatMap((s) => (s.grades ?? []).map(Number)).filter(Number.isFinite)
    target = grades.length ? Math.min(...grades) : undefined
  }
  if (target === undefined) return { eligible: false, reason: `No target grade: nothing mastered in ${subject} and no active ${subject} course sequence.` }
  const grade = String(target)
  const graded = pp.state.assignments.find((a) => !a.deleted && a.origin === 'self-elected' && a.studentSourcedId === student && a.subject === subject && a.grade === grade && ['completed', 'failed'].includes(statusOf(pp, a)))
  if (graded) return { eligible: false, reason: `A self-elected ${subject} test-out at grade ${grade} was already taken (${statusOf(pp, graded)}).` }
  return { eligible: true, grade }
}

function getEligibility(pp: PP, ctx: Ctx): Response {
  const subject = subjectOf(ctx.params.subject)
  studentOf(pp, ctx.params.studentId!)
  const verdict = eligibility(pp, ctx.params.studentId!, subject)
  return json(verdict.eligible ? { eligible: true } : verdict)
}

async function makeAssignment(pp: PP, ctx: Ctx): Promise<Response> {
  const body = await readBody(ctx)
  const student = needString(body, 'oneRosterSourcedId')
  const subject = subjectOf(body.subject)
  const user = studentOf(pp, student)
  if (typeof user.email !== 'string' || user.email === '') return json({ success: false, data: { reason: `Student '${student}' has no email; the test-out tool needs one.` } })
  const verdict = eligibility(pp, student, subject)
  if (!verdict.eligible) return json({ success: false, data: { reason: verdict.reason } })
  const open = pp.state.assignments.find((a) => !a.deleted && a.origin === 'self-elected' && a.studentSourcedId === student && a.subject === subject && a.grade === verdict.grade && ['assigned', 'in_progress'].includes(statusOf(pp, a)))
  const a = open ?? createAssignment(pp, { student, subject, grade: verdict.grade, origin: 'self-elected', testName: `${subject} grade ${verdict.grade} test-out` })
  return json({ success: true, data: { ...created(a), subject, grade: verdict.grade, status: open ? 'existing' : 'created', origin: 'self-elected' } })
}

export function selfTestOutRoutes(pp: PP): Route[] {
  return [
    route('GET', '/powerpath/test-out/getTestOutEligibility/{studentId}/{subject}', 'getTestOutEligibility', (ctx) => getEligibility(pp, ctx)),
    route('POST', '/powerpath/test-out/makeExternalStudentTestOutAssignment', 'makeExternalStudentTestOutAssignment', (ctx) => makeAssignment(pp, ctx)),
  ]
}
