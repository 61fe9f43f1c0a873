// The OneRoster suites, in one list: test/suites/index.ts registers them for every runner.

import type { Suite } from '../../harness/types.ts'
import content from './content.ts'
import gradebook from './gradebook.ts'
import inputSafety from './input-safety.ts'
import liveQuirks from './live-quirks.ts'
import rostering from './rostering.ts'

export const onerosterSuites: { name: string; suite: Suite }[] = [
  { name: 'oneroster/content', suite: content },
  { name: 'oneroster/gradebook', suite: gradebook },
  { name: 'oneroster/input-safety', suite: inputSafety },
  { name: 'oneroster/live-quirks', suite: liveQuirks },
  { name: 'oneroster/rostering', suite: rostering },
]
