// The learning part of the demo, on the school the OneRoster part built: EduBridge enrolls a student in a course
// (its default class appears in OneRoster), PowerPath serves an adaptive lesson until it is complete, EduBridge
// analytics shows the XP the lesson earned, and MasteryTrack assigns a mastery test once (a second assign is a 409
// naming the first); the three clients come from one `createTimeback`. Every number printed is read from a service's answer.

import { isConflictError } from '../src/errors.ts'
import { createTimeback, edubridge as edubridgeService, masterytrack as masterytrackService, powerpath as powerpathService } from '../src/index.ts'
import { aggregateActivityMetrics } from '../src/services/edubridge/index.ts'
import { existingAssignmentOf } from '../src/services/masterytrack/index.ts'
import type { OneRosterClient } from '../src/services/oneroster/index.ts'
import type { Emulator } from '../src/testing/index.ts'
import type { Report } from './oneroster-demo.ts'

export const STUDENT = 'student-3' // Grace Hopper, made by buildSchool (not the student the Caliper part reports for)
const STUDENT_EMAIL = 'student-3@riverside.example'
const SCHOOL = 'school-riverside-elem'
export const COURSE = 'course-fractions-5'
const LESSON = 'lesson-equivalent-fractions'

// The lesson's question bank, easy to hard, with the right choices: the demo plays a student who knows them all.
const QUESTIONS = [
  { id: 'frac-1', difficulty: 'easy', correct: 'B' }, { id: 'frac-2', difficulty: 'easy', correct: 'D' },
  { id: 'frac-3', difficulty: 'medium', correct: 'A' }, { id: 'frac-4', difficulty: 'medium', correct: 'C' },
  { id: 'frac-5', difficulty: 'hard', correct: 'D' }, { id: 'frac-6', difficulty: 'hard', correct: 'B' },
] as const
function rightChoice(questionId: string): string {
  const question = QUESTIONS.find((q) => q.id === questionId)
  if (!question) throw new Error(`PowerPath served question '${questionId}', which is not in the lesson's bank`)
  return question.correct
}

const nextDay = (day: string): string => new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10)

/**
 * Enroll → lesson → analytics → mastery test, against the emulator the rest of the demo uses (after `buildSchool`).
 * @example
 * await learningTour(emulator, oneroster, report)
 */
export async function learningTour(emulator: Emulator, oneroster: OneRosterClient, report: Report): Promise<void> {
  // One client for the three services, sharing one token (MasteryTrack brings its own API key).
  const timeback = await createTimeback({
    api: { ...emulator.credentials, authUrl: emulator.tokenUrl }, fetch: emulator.fetch,
    use: { edubridge: edubridgeService, powerpath: powerpathService, masterytrack: masterytrackService },
    services: {
      edubridge: { baseUrl: emulator.services.edubridge },
      powerpath: { baseUrl: emulator.services.powerpath },
      masterytrack: { baseUrl: emulator.services.masterytrack, auth: { ...emulator.credentials.masterytrack } },
    },
  })
  const { edubridge, powerpath, masterytrack } = timeback.api

  // 1. A course in the school's catalog; EduBridge enrolls the student, making the course's default class.
  await oneroster.courses.create({ sourcedId: COURSE, title: 'Fractions 5', courseCode: 'FRAC5', grades: ['5'], subjects: ['Math'], org: { sourcedId: SCHOOL } })
  const enrollment = await edubridge.enrollments.enroll({ userId: STUDENT, courseId: COURSE })
  report.line('EduBridge enroll', `${STUDENT} in "${enrollment.course.title}" at ${enrollment.school?.name ?? 'no school'}, from ${enrollment.beginDate}`)
  const defaultClass = await edubridge.enrollments.getDefaultClass({ courseId: COURSE })
  const students = await oneroster.classes(defaultClass.id).students()
  const term = (await oneroster.classes.get(defaultClass.id)).terms?.[0]?.sourcedId
  const termTitle = term ? (await oneroster.academicSessions.get(term)).title : 'no term'
  report.line('default class, read in OneRoster', `"${defaultClass.title}", term ${termTitle}: ${students.data.map((u) => `${u.givenName} ${u.familyName}`).join(', ')}`)

  // 2. The course's adaptive lesson, loaded into the emulator's PowerPath catalog (course authors do this on
  // Timeback), taken until the score reaches 100: each right answer adds 20, 30 or 40 by difficulty.
  emulator.powerpath.addLesson({ id: LESSON, title: 'Equivalent fractions', lessonType: 'powerpath-100', xp: 20, courseId: COURSE, questions: [...QUESTIONS] })
  const lesson = { student: STUDENT, lesson: LESSON }
  const scores: number[] = []
  while (scores.length < QUESTIONS.length && (scores.at(-1) ?? 0) < 100) {
    const { question } = await powerpath.assessments.getNextQuestion(lesson)
    const answer = await powerpath.assessments.updateStudentQuestionResponse({ ...lesson, question: question.id, response: rightChoice(question.id) })
    if (answer.lessonType !== 'powerpath-100') throw new Error(`expected an adaptive lesson, got ${answer.lessonType}`)
    scores.push(answer.powerpathScore)
  }
  const progress = await powerpath.assessments.getAssessmentProgress(lesson)
  const attempt = (await powerpath.assessments.getAttempts(lesson)).attempts.at(-1)
  report.line('PowerPath lesson', `"Equivalent fractions", score ${scores.join(' → ')}: ${progress.correctQuestions}/${progress.totalQuestions} right, ${attempt?.scoreStatus ?? 'no attempt'}`)
  report.line('XP earned', `${progress.xp ?? 0} (multiplier ${progress.multiplier ?? 0}, accuracy ${progress.accuracy} %, attempt ${progress.attempt})`)

  // 3. The finished lesson in EduBridge analytics, over the day it was completed.
  const day = (attempt?.completedAt ?? new Date().toISOString()).slice(0, 10)
  const activity = await edubridge.analytics.getActivity({ studentId: STUDENT, startDate: day, endDate: nextDay(day) })
  const totals = aggregateActivityMetrics(activity)
  const subjects = Object.keys(activity.facts[day] ?? {}).join(', ') || 'no subject'
  report.line('EduBridge analytics XP', `${totals.totalXp} on ${day} (${subjects}: ${totals.correctQuestions}/${totals.totalQuestions} right, ${totals.masteredUnits} unit mastered)`)

  // 4. A MasteryTrack test for the student: found in the inventory, assigned, and not assigned twice. The inventory
  // is the vendor's catalog, which no app creates: this emulator was made with `seed: false`, so load it.
  emulator.masterytrack.seedInventory()
  const [test] = await masterytrack.inventory.search({ subject: 'Math', grade: 'Fourth Grade' })
  if (!test) throw new Error('MasteryTrack has no grade 4 math test')
  const { assignment } = await masterytrack.assignments.assign({ student_email: STUDENT_EMAIL, timeback_id: test.timeback_id })
  report.line('MasteryTrack assigned', `#${assignment.id} "${assignment.test_name}" (${assignment.status}), deep link ${assignment.test_url}`)
  const again = await masterytrack.assignments.assign({ student_email: STUDENT_EMAIL, timeback_id: test.timeback_id }).then(() => undefined, (e: unknown) => e)
  const existing = existingAssignmentOf(again)
  if (!isConflictError(again) || !existing) throw again ?? new Error('a second assign of an active test was accepted')
  report.line('assigned again', `${again.status} ${again.minorCodes.join(', ')}, the existing one: #${existing.id} (${existing.status})`)
}
