// The emulated PowerPath service (skeleton: routes are being added), under `/powerpath/` on the API host.
import type { EmulatedService, EmulatedServiceModule } from '../service.js'

/**
 * The PowerPath module of the emulator.
 *
 * @example
 * const emulator = createEmulator()
 * emulator.services.powerpath // the origin: clients append `/powerpath/...`
 */
export const powerpathService: EmulatedServiceModule = {
  name: 'powerpath',
  create(): EmulatedService {
    return { prefix: '', paths: ['/powerpath/'], routes: () => [], reset: () => undefined }
  },
}
