// The emulated EduBridge service (skeleton: routes are being added), under `/edubridge/` on the API host, with
// the goals routes at the API root.
import type { EmulatedService, EmulatedServiceModule } from '../service.js'

/**
 * The EduBridge module of the emulator.
 *
 * @example
 * const emulator = createEmulator()
 * emulator.services.edubridge // the origin: clients append `/edubridge/...` (and `/goals/...`)
 */
export const edubridgeService: EmulatedServiceModule = {
  name: 'edubridge',
  create(): EmulatedService {
    return { prefix: '', paths: ['/edubridge/', '/goals/', '/ap-readiness/'], routes: () => [], reset: () => undefined }
  },
}
