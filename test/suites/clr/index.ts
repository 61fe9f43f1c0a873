// The Clr suites, in one list: test/suites/index.ts registers them for every runner.

import type { Suite } from '../../harness/types.ts'

export const clrSuites: { name: string; suite: Suite }[] = []
