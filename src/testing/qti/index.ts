// The emulated QTI service, on its own host (`${origin}/qti-host`) (skeleton: routes are being added).
import type { EmulatedService, EmulatedServiceModule } from '../service.js'

/**
 * The QTI service, on its own host (`${origin}/qti-host`) module of the emulator.
 *
 * @example
 * const emulator = createEmulator()
 * emulator.services.qti
 */
export const qtiService: EmulatedServiceModule = {
  name: 'qti',
  create(): EmulatedService {
    return { prefix: '/qti-host', paths: ['/'], routes: () => [], reset: () => undefined }
  },
}
