// The emulated CASE service, under `/ims/case/` on the API host (skeleton: routes are being added).
import type { EmulatedService, EmulatedServiceModule } from '../service.js'

/**
 * The CASE service, under `/ims/case/` on the API host module of the emulator.
 *
 * @example
 * const emulator = createEmulator()
 * emulator.services.case
 */
export const caseService: EmulatedServiceModule = {
  name: 'case',
  create(): EmulatedService {
    return { prefix: '', paths: ['/ims/case/'], routes: () => [], reset: () => undefined }
  },
}
