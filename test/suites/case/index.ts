// The Case suites, in one list: test/suites/index.ts registers them for every runner.

import type { Suite } from '../../harness/types.ts'
import input from './input.ts'
import packages from './packages.ts'
import paging from './paging.ts'
import reads from './reads.ts'

export const caseSuites: { name: string; suite: Suite }[] = [
  { name: 'case/input', suite: input },
  { name: 'case/reads', suite: reads },
  { name: 'case/paging', suite: paging },
  { name: 'case/packages', suite: packages },
]
