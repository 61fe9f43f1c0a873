// The Caliper suites, in the order a reader would meet the features.
import type { Suite } from '../../harness/types.ts'
import events from './events.ts'
import input from './input.ts'
import jobs from './jobs.ts'
import queue from './queue.ts'
import queueFailures from './queue-failures.ts'
import queueSnapshots from './queue-snapshots.ts'

export const caliperSuites: { name: string; suite: Suite }[] = [
  { name: 'caliper/events', suite: events },
  { name: 'caliper/jobs', suite: jobs },
  { name: 'caliper/queue', suite: queue },
  { name: 'caliper/queue-snapshots', suite: queueSnapshots },
  { name: 'caliper/queue-failures', suite: queueFailures },
  { name: 'caliper/input', suite: input },
]
