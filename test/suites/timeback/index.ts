// The unified client's suites (createTimeback, server helpers; registered in test/suites/index.ts).
import type { Suite } from '../../harness/types.ts'

export const timebackSuites: { name: string; suite: Suite }[] = []
