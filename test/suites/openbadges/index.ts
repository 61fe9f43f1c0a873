// The Open Badges suites, in one list: test/suites/index.ts registers them for every runner.

import type { Suite } from '../../harness/types.ts'
import achievements from './achievements.ts'
import credentials from './credentials.ts'
import input from './input.ts'
import verify from './verify.ts'
import verifyHostile from './verify-hostile.ts'

export const openbadgesSuites: { name: string; suite: Suite }[] = [
  { name: 'openbadges/input', suite: input },
  { name: 'openbadges/achievements', suite: achievements },
  { name: 'openbadges/credentials', suite: credentials },
  { name: 'openbadges/verify', suite: verify },
  { name: 'openbadges/verify-hostile', suite: verifyHostile },
]
