// Placement: a subject's placement tests are its lessons of type `placement`, ordered by grade. A test is done when
// its latest attempt is finalized; 90 or more passes it and moves the student's level to the next test's grade; a
// lower score ends the placement there (onboarded). resetUserPlacement forgets the subject's placement attempts.
// (Finalizing does not enroll the student in a course, as the live service may; the emulator leaves rosters alone.)
import { route, type Ctx, type Route } from '../context.js'
import { json } from '../http.js'
import { attemptsOf, PASS_SCORE } from './attempts.js'
import { lessonInfo, lessonsOfCourse, metaOf, record, records, refId, roster, studentOf, type Lesson, type PP } from './catalog.js'
import { needQuery, needString, oneOf, readBody } from './request.js'
import { key, SUBJECTS, type Attempt } from './state.js'

const gradeOf = (l: Lesson): number => Math.min(...l.grades.map(Number).filter(Number.isFinite), 99)
/** The lesson's latest finalized attempt by `student`, if any. */
export const doneAttempt = (pp: PP, student: string, lesson: string): Attempt | undefined => attemptsOf(pp, student, lesson).filter((a) => a.finalized).at(-1)

export function placementTests(pp: PP, subject: string): Lesson[] {
  return records(pp, 'componentResources')
    .flatMap((cr) => {
      const l = cr.status === 'tobedeleted' ? undefined : lessonInfo(pp, cr)
      return l && l.lessonType === 'placement' && l.subject === subject ? [l] : []
    })
    .sort((a, b) => gradeOf(a) - gradeOf(b))
}

interface Standing {
  readonly tests: Lesson[]
  readonly next: Lesson | null
  readonly gradeLevel: number | null
  readonly onboarded: boolean
  readonly exhausted: boolean
}

/** Where `student` stands in `subject`'s placement. */
export function standing(pp: PP, student: string, subject: string): Standing {
  const tests = placementTests(pp, subject)
  let gradeLevel: number | null = tests[0] ? gradeOf(tests[0]) : null
  for (const [i, test] of tests.entries()) {
    const done = doneAttempt(pp, student, test.id)
    if (!done) return { tests, next: test, gradeLevel, onboarded: false, exhausted: false }
    if (done.score < PASS_SCORE) return { tests, next: null, gradeLevel: gradeOf(test), onboarded: true, exhausted: false }
    gradeLevel = tests[i + 1] ? gradeOf(tests[i + 1]!) : gradeOf(test)
  }
  return { tests, next: null, gradeLevel, onboarded: tests.length > 0, exhausted: tests.length > 0 }
}

function studentSubject(pp: PP, ctx: Ctx): { student: string; subject: string } {
  const student = needQuery(ctx, 'student')
  const subject = oneOf(needQuery(ctx, 'subject'), SUBJECTS, 'subject')
  studentOf(pp, student)
  return { student, subject }
}

function allTests(pp: PP, ctx: Ctx): Response {
  const { student, subject } = studentSubject(pp, ctx)
  const tests = placementTests(pp, subject).map((l) => {
    const resource = record(pp, 'resources', l.resourceId)
    const attempts = attemptsOf(pp, student, l.id)
    const results = attempts.map((a) => ({ sourcedId: `${l.id}-${student}-${a.attempt}`, score: a.score, scoreStatus: a.scoreStatus, scoreDate: a.completedAt ?? a.startedAt, metadata: { attempt: a.attempt, xp: a.xp } }))
    return {
      component_resources: record(pp, 'componentResources', l.id), resources: resource, resources_metadata: metaOf(resource),
      assessment_line_items: attempts.length ? { sourcedId: `${l.id}-line-item`, title: l.title, componentResource: { sourcedId: l.id } } : null,
      assessment_results: attempts.length ? results : null,
    }
  })
  return json({ placementTests: tests })
}

function currentLevel(pp: PP, ctx: Ctx): Response {
  const { student, subject } = studentSubject(pp, ctx)
  const s = standing(pp, student, subject)
  return json({ gradeLevel: gradeText(s.gradeLevel), onboarded: s.onboarded, availableTests: s.tests.length })
}

function nextTest(pp: PP, ctx: Ctx): Response {
  const { student, subject } = studentSubject(pp, ctx)
  const s = standing(pp, student, subject)
  return json({ exhaustedTests: s.exhausted, gradeLevel: gradeText(s.next ? gradeOf(s.next) : s.gradeLevel), lesson: s.next?.id ?? null, onboarded: s.onboarded, availableTests: s.tests.length })
}

function subjectProgress(pp: PP, ctx: Ctx): Response {
  const { student, subject } = studentSubject(pp, ctx)
  const store = roster(pp)
  const courses = (store?.list('courses') ?? []).filter((c) => c.status !== 'tobedeleted' && Array.isArray(c.subjects) && c.subjects.includes(subject))
  const enrolledCourses = new Set(
    (store?.list('enrollments') ?? []).filter((e) => e.status !== 'tobedeleted' && refId(e.user) === student).map((e) => refId(store?.get('classes', refId(e.class) ?? '')?.course)),
  )
  const progress = courses.map((c) => {
    const lessons = lessonsOfCourse(pp, c.sourcedId)
    const testOut = lessons.find((l) => l.lessonType === 'test-out')
    let completed = 0
    let earned = 0
    for (const l of lessons) {
      const attempts = attemptsOf(pp, student, l.id)
      if (attempts.some((a) => a.finalized)) completed++
      for (const a of attempts) earned += a.xp ?? 0
    }
    return {
      course: {
        courseCode: c.courseCode ?? null, dateLastModified: c.dateLastModified, grades: c.grades ?? null, level: c.level ?? null, orgSourcedId: refId(c.org) ?? '',
        sourcedId: c.sourcedId, status: c.status, subjects: c.subjects ?? null, title: c.title,
      },
      inEnrolled: enrolledCourses.has(c.sourcedId), hasUsedTestOut: testOut ? doneAttempt(pp, student, testOut.id) !== undefined : false,
      testOutLessonId: testOut?.id ?? null, completedLessons: completed, totalLessons: lessons.length,
      totalAttainableXp: lessons.reduce((sum, l) => sum + l.xp, 0), totalXpEarned: Math.round(earned * 100) / 100,
    }
  })
  return json({ progress })
}

async function resetPlacement(pp: PP, ctx: Ctx): Promise<Response> {
  const body = await readBody(ctx)
  const student = needString(body, 'student')
  const subject = oneOf(body.subject, SUBJECTS, 'subject')
  studentOf(pp, student)
  let deleted = 0
  for (const test of placementTests(pp, subject)) {
    const k = key(student, test.id)
    deleted += (pp.state.attempts.get(k) ?? []).filter((a) => a.finalized).length
    pp.state.attempts.delete(k)
  }
  return json({ success: true, placementResultsDeleted: deleted, onboardingReset: true })
}

/** The MAP screening score of the subject, when the student has one. */
function rit(pp: PP, student: string, subject: string): Record<string, unknown> {
  const result = pp.state.screeningResults.get(student)?.[subject]
  return result ? { SCREENING: { score: result.ritScore, grade: Number(result.grade) } } : {}
}

function placementData(pp: PP, ctx: Ctx): Response {
  const student = ctx.params.studentId!
  studentOf(pp, student)
  const out: Record<string, unknown> = {}
  for (const subject of SUBJECTS) {
    const s = standing(pp, student, subject)
    if (s.tests.length === 0) continue
    const grades = s.tests.map(gradeOf)
    // `source` is the spec's enum: EDULASTIC for Edulastic tests, PLACEMENT for every other placement test.
    const results = s.tests.map((t) => {
      const done = doneAttempt(pp, student, t.id)
      const started = attemptsOf(pp, student, t.id).some((a) => a.answers.size > 0)
      const status = done ? (done.score >= PASS_SCORE ? 'PASSED' : 'FAILED') : started ? 'STARTED' : 'NOT_STARTED'
      return { testId: t.id, title: t.title, subject, grade: gradeOf(t), status, ...(done ? { score: done.score, completedAt: done.completedAt } : {}), source: t.toolProvider === 'edulastic' ? 'EDULASTIC' : 'PLACEMENT' }
    })
    const status = s.onboarded ? 'completed' : results.some((r) => r.status !== 'NOT_STARTED') ? 'in_progress' : 'not_started'
    out[subject] = {
      startingGrade: grades[0], currentGrade: s.gradeLevel, subjectLowestGrade: Math.min(...grades), subjectHighestGrade: Math.max(...grades),
      RIT: rit(pp, student, subject), results, status, nextTestId: s.next?.id ?? null,
    }
  }
  return json(out)
}

export function placementRoutes(pp: PP): Route[] {
  return [
    route('GET', '/powerpath/placement/getAllPlacementTests', 'getAllPlacementTests', (ctx) => allTests(pp, ctx)),
    route('GET', '/powerpath/placement/getCurrentLevel', 'getCurrentLevel', (ctx) => currentLevel(pp, ctx)),
    route('GET', '/powerpath/placement/getNextPlacementTest', 'getNextPlacementTest', (ctx) => nextTest(pp, ctx)),
    route('GET', '/powerpath/placement/getSubjectProgress', 'getSubjectProgress', (ctx) => subjectProgress(pp, ctx)),
    route('POST', '/powerpath/placement/resetUserPlacement', 'resetUserPlacement', (ctx) => resetPlacement(pp, ctx)),
    route('GET', '/powerpath/placement/{studentId}', 'getStudentPlacementData', (ctx) => placementData(pp, ctx)),
  ]
}

/** The spec's GradeEnum is text ('-1'..'13') or null on the wire. */
function gradeText(grade: number | null): string | null {
  return grade === null ? null : String(grade)
}
