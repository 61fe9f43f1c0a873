// The EduBridge suites, in one list: test/suites/index.ts registers them for every runner.

import type { Suite } from '../../harness/types.ts'
import aggregate from './aggregate.ts'
import directory from './directory.ts'
import enrollments from './enrollments.ts'
import goals from './goals.ts'
import input from './input.ts'
import story from './story.ts'
import wire from './wire.ts'

export const edubridgeSuites: { name: string; suite: Suite }[] = [
  { name: 'edubridge/input', suite: input },
  { name: 'edubridge/wire', suite: wire },
  { name: 'edubridge/aggregate', suite: aggregate },
  { name: 'edubridge/story', suite: story },
  { name: 'edubridge/directory', suite: directory },
  { name: 'edubridge/enrollments', suite: enrollments },
  { name: 'edubridge/goals', suite: goals },
]
