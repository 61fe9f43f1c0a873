// The CLR suites, in one list: test/suites/index.ts registers them for every runner.

import type { Suite } from '../../harness/types.ts'
import clr from './clr.ts'
import input from './input.ts'

export const clrSuites: { name: string; suite: Suite }[] = [
  { name: 'clr/input', suite: input },
  { name: 'clr/clr', suite: clr },
]
