// The MasteryTrack suites, in one list: test/suites/index.ts registers them for every runner.

import type { Suite } from '../../harness/types.ts'
import client from './client.ts'
import lifecycle from './lifecycle.ts'

export const masterytrackSuites: { name: string; suite: Suite }[] = [
  { name: 'masterytrack/client', suite: client },
  { name: 'masterytrack/lifecycle', suite: lifecycle },
]
