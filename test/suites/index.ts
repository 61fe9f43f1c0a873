// The explicit list of portable suites. Runners import this file; bundlers and Deno cannot glob, so
// **register every new suite file here** (one import, one entry), keeping the list sorted by path.

import type { Suite } from '../harness/types.ts'
import { caliperSuites } from './caliper/index.ts'
import { caliperQueueSuites } from './caliper-queue/index.ts'
import { caseSuites } from './case/index.ts'
import { clrSuites } from './clr/index.ts'
import coreConfigAndLogs from './core/config-and-logs.ts'
import coreDeadlines from './core/deadlines.ts'
import coreErrorsAndConfig from './core/errors-and-config.ts'
import coreInsecureContext from './core/insecure-context.ts'
import coreObservabilityAndWrites from './core/observability-and-writes.ts'
import coreOperations from './core/operations.ts'
import corePaging from './core/paging.ts'
import corePagination from './core/pagination.ts'
import coreRecordStream from './core/record-stream.ts'
import coreRedirects from './core/redirects.ts'
import coreResponseSize from './core/response-size.ts'
import coreReliability from './core/reliability.ts'
import coreSecrets from './core/secrets.ts'
import coreTokens from './core/tokens.ts'
import coreWaitUntil from './core/wait-until.ts'
import coreWhere from './core/where.ts'
import { edubridgeSuites } from './edubridge/index.ts'
import { identitySuites } from './identity/index.ts'
import { masterytrackSuites } from './masterytrack/index.ts'
import onerosterChanges from './oneroster/changes.ts'
import onerosterChangesHostile from './oneroster/changes-hostile.ts'
import { onerosterSuites } from './oneroster/index.ts'
import { openbadgesSuites } from './openbadges/index.ts'
import { powerpathSuites } from './powerpath/index.ts'
import { qtiSuites } from './qti/index.ts'
import smoke from './smoke.ts'
import { timebackSuites } from './timeback/index.ts'
import { webhooksSuites } from './webhooks/index.ts'

export const suites: { name: string; suite: Suite }[] = [
  { name: 'smoke', suite: smoke },
  { name: 'core/config-and-logs', suite: coreConfigAndLogs },
  { name: 'core/deadlines', suite: coreDeadlines },
  { name: 'core/errors-and-config', suite: coreErrorsAndConfig },
  { name: 'core/insecure-context', suite: coreInsecureContext },
  { name: 'core/observability-and-writes', suite: coreObservabilityAndWrites },
  { name: 'core/operations', suite: coreOperations },
  { name: 'core/paging', suite: corePaging },
  { name: 'core/pagination', suite: corePagination },
  { name: 'core/record-stream', suite: coreRecordStream },
  { name: 'core/redirects', suite: coreRedirects },
  { name: 'core/response-size', suite: coreResponseSize },
  { name: 'core/reliability', suite: coreReliability },
  { name: 'core/secrets', suite: coreSecrets },
  { name: 'core/tokens', suite: coreTokens },
  { name: 'core/wait-until', suite: coreWaitUntil },
  { name: 'core/where', suite: coreWhere },
  ...caliperSuites,
  ...caliperQueueSuites,
  ...caseSuites,
  ...clrSuites,
  ...edubridgeSuites,
  ...identitySuites,
  ...masterytrackSuites,
  { name: 'oneroster/changes', suite: onerosterChanges },
  { name: 'oneroster/changes-hostile', suite: onerosterChangesHostile },
  ...onerosterSuites,
  ...openbadgesSuites,
  ...powerpathSuites,
  ...qtiSuites,
  ...timebackSuites,
  ...webhooksSuites,
]
