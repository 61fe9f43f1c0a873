// The Webhooks suites, in one list: test/suites/index.ts registers them for every runner.

import type { Suite } from '../../harness/types.ts'
import client from './client.ts'
import delivery from './delivery.ts'
import receive from './receive.ts'
import receiveLimits from './receive-limits.ts'
import replay from './replay.ts'
import replayDelivery from './replay-delivery.ts'

export const webhooksSuites: { name: string; suite: Suite }[] = [
  { name: 'webhooks/client', suite: client },
  { name: 'webhooks/delivery', suite: delivery },
  { name: 'webhooks/receive', suite: receive },
  { name: 'webhooks/receive-limits', suite: receiveLimits },
  { name: 'webhooks/replay', suite: replay },
  { name: 'webhooks/replay-delivery', suite: replayDelivery },
]
