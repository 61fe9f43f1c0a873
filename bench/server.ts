// The benchmark's emulator, in its own process so that server work does not count against the client.
// Prints one JSON line with its URLs and credentials, then serves until killed.

import { serveEmulator } from '../src/testing/serve-node.ts'

const users = Number(process.argv[2] ?? 100_000)
const server = await serveEmulator({ seed: true }, { port: 0, host: '127.0.0.1' })
server.emulator.state.seedUsers(users)
process.stdout.write(
  JSON.stringify({
    baseUrl: server.emulator.services.oneroster,
    caliperUrl: server.emulator.services.caliper,
    tokenUrl: server.emulator.tokenUrl,
    credentials: server.emulator.credentials,
    users: server.emulator.state.list('users').length,
  }) + '\n',
)
