// The app's own content: a few lessons per OneRoster course. A real app would read these from its CMS or from
// OneRoster's course resources; fixed here so the example stays about the Timeback calls.
import type { TimebackSubject } from '@timeback/sdk/caliper'

export interface Lesson {
  readonly id: string
  readonly title: string
  readonly subject: TimebackSubject
  /** XP a completion earns (1 XP = 1 focused minute). */
  readonly xp: number
  readonly questions: number
}

const BY_COURSE: Readonly<Record<string, readonly Lesson[]>> = {
  'seed-course-1': [
    { id: 'fractions-1', title: 'Adding fractions', subject: 'Math', xp: 12, questions: 10 },
    { id: 'fractions-2', title: 'Comparing fractions', subject: 'Math', xp: 8, questions: 6 },
  ],
  'seed-course-2': [{ id: 'main-idea-1', title: 'Finding the main idea', subject: 'Reading', xp: 10, questions: 8 }],
}

export function lessonsOf(courseId: string | undefined): readonly Lesson[] {
  return (courseId && BY_COURSE[courseId]) || []
}

export function findLesson(courseId: string | undefined, lessonId: string): Lesson | undefined {
  return lessonsOf(courseId).find((l) => l.id === lessonId)
}
