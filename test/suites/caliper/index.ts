// The Caliper suites, in the order a reader would meet the features.
import type { Suite } from '../../harness/types.ts'
import events from './events.ts'
import input from './input.ts'
import jobs from './jobs.ts'
import queue from './queue.ts'

export const caliperSuites: { name: string; suite: Suite }[] = [
  { name: 'caliper/events', suite: events },
  { name: 'caliper/jobs', suite: jobs },
  { name: 'caliper/queue', suite: queue },
  { name: 'caliper/input', suite: input },
]
