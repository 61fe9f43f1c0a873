// The emulated CLR service, under `/ims/clr/` on the API host (skeleton: routes are being added).
import type { EmulatedService, EmulatedServiceModule } from '../service.js'

/**
 * The CLR service, under `/ims/clr/` on the API host module of the emulator.
 *
 * @example
 * const emulator = createEmulator()
 * emulator.services.clr
 */
export const clrService: EmulatedServiceModule = {
  name: 'clr',
  create(): EmulatedService {
    return { prefix: '', paths: ['/ims/clr/'], routes: () => [], reset: () => undefined }
  },
}
