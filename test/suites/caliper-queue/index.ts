// Caliper events through a Cloudflare Queue (`@timeback/sdk/edge`): the producer, then the consumer.
import type { Suite } from '../../harness/types.ts'
import consumer from './consumer.ts'
import consumerHostile from './consumer-hostile.ts'
import producer from './producer.ts'
import producerHostile from './producer-hostile.ts'

export const caliperQueueSuites: { name: string; suite: Suite }[] = [
  { name: 'caliper-queue/producer', suite: producer },
  { name: 'caliper-queue/producer-hostile', suite: producerHostile },
  { name: 'caliper-queue/consumer', suite: consumer },
  { name: 'caliper-queue/consumer-hostile', suite: consumerHostile },
]
