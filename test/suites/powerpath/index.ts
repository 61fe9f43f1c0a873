// The PowerPath suites, in one list: test/suites/index.ts registers them for every runner.

import type { Suite } from '../../harness/types.ts'
import answers from './answers.ts'
import authoring from './authoring.ts'
import courseSequences from './course-sequences.ts'
import courseProgress from './course-progress.ts'
import input from './input.ts'
import lessonPlans from './lesson-plans.ts'
import lessons from './lessons.ts'
import placement from './placement.ts'
import screening from './screening.ts'
import testAssignments from './test-assignments.ts'

export const powerpathSuites: { name: string; suite: Suite }[] = [
  { name: 'powerpath/input', suite: input },
  { name: 'powerpath/lessons', suite: lessons },
  { name: 'powerpath/placement', suite: placement },
  { name: 'powerpath/test-assignments', suite: testAssignments },
  { name: 'powerpath/lesson-plans', suite: lessonPlans },
  { name: 'powerpath/course-progress', suite: courseProgress },
  { name: 'powerpath/authoring', suite: authoring },
  { name: 'powerpath/screening', suite: screening },
  { name: 'powerpath/course-sequences', suite: courseSequences },
  { name: 'powerpath/answers', suite: answers },
]
