// The built-in service modules, in mounting order. A new service adds its folder and one line here.
import { caliperService } from './caliper/index.js'
import { edubridgeService } from './edubridge/index.js'
import { masterytrackService } from './masterytrack/index.js'
import { onerosterService } from './oneroster/index.js'
import { powerpathService } from './powerpath/index.js'
import { qtiService } from './qti/index.js'
import { caseService } from './case/index.js'
import { clrService } from './clr/index.js'
import { openbadgesService } from './openbadges/index.js'
import { oidcService } from './oidc/index.js'
import type { EmulatedServiceModule } from './service.js'
import { webhooksService } from './webhooks/index.js'

/**
 * The services `createEmulator()` mounts by default: OneRoster (at the origin), Caliper and Webhooks (on the
 * emulated Caliper host, `/caliper-host`) MasteryTrack (`/masterytrack`: the API-key → JWT exchange, inventory search and assignments), PowerPath
 * (`/powerpath/` at the origin) EduBridge (`/edubridge/`, `/goals/`, `/ap-readiness/` at the origin), QTI (`/qti-host`), CASE (`/ims/case/`),
 * CLR (`/ims/clr/`) and Open Badges (`/ims/ob/`) at the origin.
 *
 * @example
 * import { BUILT_IN_SERVICES, createEmulator } from '@timeback/sdk/testing'
 *
 * const emulator = createEmulator({ services: [...BUILT_IN_SERVICES, myServiceModule] })
 */
export const BUILT_IN_SERVICES: readonly EmulatedServiceModule[] = [
  onerosterService,
  caliperService,
  webhooksService,
  masterytrackService,
  powerpathService,
  edubridgeService,
  qtiService,
  caseService,
  clrService,
  openbadgesService,
  oidcService,
]
