// The emulated Open Badges service, under `/ims/ob/` on the API host (skeleton: routes are being added).
import type { EmulatedService, EmulatedServiceModule } from '../service.js'

/**
 * The Open Badges service, under `/ims/ob/` on the API host module of the emulator.
 *
 * @example
 * const emulator = createEmulator()
 * emulator.services.openbadges
 */
export const openbadgesService: EmulatedServiceModule = {
  name: 'openbadges',
  create(): EmulatedService {
    return { prefix: '', paths: ['/ims/ob/'], routes: () => [], reset: () => undefined }
  },
}
