// The identity suites (registered in test/suites/index.ts).
import type { Suite } from '../../harness/types.ts'

export const identitySuites: { name: string; suite: Suite }[] = []
