// The unified client's suites (createTimeback, server helpers; registered in test/suites/index.ts).
import type { Suite } from '../../harness/types.ts'
import activity from './activity.ts'
import client from './client.ts'
import identity from './identity.ts'
import progress from './progress.ts'
import user from './user.ts'

export const timebackSuites: { name: string; suite: Suite }[] = [
  { name: 'timeback/client', suite: client },
  { name: 'timeback/user', suite: user },
  { name: 'timeback/activity', suite: activity },
  { name: 'timeback/identity', suite: identity },
  { name: 'timeback/progress', suite: progress },
]
