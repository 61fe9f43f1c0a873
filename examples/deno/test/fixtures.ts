// What every test here starts from: the emulator served on a random loopback port (real HTTP, as the mirror and
// the receiver would meet Timeback) and a Deno KV database in a temporary folder, both removed afterwards.
import { serveEmulator, type EmulatorServer, type ServeEmulatorOptions } from '@timeback/sdk/testing'

export interface Fixture {
  server: EmulatorServer
  kv: Deno.Kv
  /** Client options for the served emulator, as a user would pass them for a real environment. */
  options: { baseUrl: string; auth: { clientId: string; clientSecret: string; authUrl: string } }
}

/**
 * Runs `fn` with a fresh emulator and KV, cleaned up whatever happens.
 * @example await withFixture({}, async ({ kv, server }) => { … })
 */
export async function withFixture(emulatorOptions: ServeEmulatorOptions, fn: (fixture: Fixture) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: 'timeback-deno-example-' })
  const server = await serveEmulator({ host: '127.0.0.1', port: 0, ...emulatorOptions })
  const kv = await Deno.openKv(`${dir}/test.sqlite`)
  try {
    const { emulator } = server
    await fn({ server, kv, options: { baseUrl: emulator.services.oneroster, auth: { ...emulator.credentials, authUrl: emulator.tokenUrl } } })
  } finally {
    kv.close()
    await server.close()
    await Deno.remove(dir, { recursive: true })
  }
}
