// The OpenBadges suites, in one list: test/suites/index.ts registers them for every runner.

import type { Suite } from '../../harness/types.ts'

export const openbadgesSuites: { name: string; suite: Suite }[] = []
