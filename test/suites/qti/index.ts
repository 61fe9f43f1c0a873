// The Qti suites, in one list: test/suites/index.ts registers them for every runner.

import type { Suite } from '../../harness/types.ts'
import content from './content.ts'
import hostileXml from './hostile-xml.ts'
import input from './input.ts'
import items from './items.ts'
import tests from './tests.ts'
import wire from './wire.ts'

export const qtiSuites: { name: string; suite: Suite }[] = [
  { name: 'qti/input', suite: input },
  { name: 'qti/items', suite: items },
  { name: 'qti/tests', suite: tests },
  { name: 'qti/content', suite: content },
  { name: 'qti/wire', suite: wire },
  { name: 'qti/hostile-xml', suite: hostileXml },
]
