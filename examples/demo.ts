// npm start: the SDK against the embedded emulator (no credentials needed), or read-only against a real
// Timeback environment when TIMEBACK_ENV and credentials are set.

import { CaliperClient } from '../src/services/caliper/index.ts'
import { OneRosterClient } from '../src/services/oneroster/index.ts'
import { createEmulator } from '../src/testing/index.ts'
import { buildSchool, deltaSync, readBack, readOnlyTour, type Report } from './oneroster-demo.ts'
import { eventsTour, webhookHandler } from './events-demo.ts'
import { learningTour } from './learning-demo.ts'
import { recordsTour } from './records-demo.ts'

function makeReport(): Report & { print(title: string): void } {
  const rows: [string, string][] = []
  return {
    line: (label, value) => rows.push([label, String(value)]),
    print(title) {
      const width = Math.max(...rows.map(([l]) => l.length))
      console.log(`\n${title}\n${'─'.repeat(title.length)}`)
      for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`)
    },
  }
}

async function againstEmulator(): Promise<void> {
  // Webhook deliveries go to this handler instead of the network: the app's endpoint, in process.
  const received: string[] = []
  // No seed: the demo builds its own school. MasteryTrack's test inventory (the vendor's catalog) is loaded all the same.
  const emulator = createEmulator({ seed: false, deliver: webhookHandler(received) })
  const retries: string[] = []
  const client = new OneRosterClient({
    baseUrl: emulator.services.oneroster,
    auth: { ...emulator.credentials, authUrl: emulator.tokenUrl },
    fetch: emulator.fetch,
    hooks: { onRetry: (r) => retries.push(`${r.reason}, retry after ${r.delayMs} ms`) },
  })
  const report = makeReport()
  const ids = await buildSchool(client, report)
  // A flaky moment: the next roster read answers 503 once; the client retries it.
  emulator.faults.add({ path: '/students', status: 503, retryAfter: 0, times: 1 })
  await readBack(client, report, ids)
  report.line('retries seen', retries.join('; ') || 'none')
  const tokenCalls = emulator.requests.filter((r) => r.url.startsWith(emulator.tokenUrl)).length
  report.line('OneRoster requests sent', `${emulator.requests.length} (${tokenCalls} token request)`)
  await deltaSync(client, report, 'student-8')
  await eventsTour(emulator, report, received)
  await learningTour(emulator, client, report)
  await recordsTour(emulator, report)
  report.print('Timeback SDK demo against the in-memory emulator')
}

// Read-only, so the learning story (it enrolls, answers lessons and assigns tests) and the records part (it authors
// tests and issues badges) run only against the emulator.
async function againstRealEnvironment(): Promise<void> {
  const client = new OneRosterClient() // env, credentials and hosts from TIMEBACK_* / ONEROSTER_* variables
  const report = makeReport()
  await readOnlyTour(client, report)
  const caliper = new CaliperClient()
  const events = await caliper.events.list({ limit: 5 })
  report.line('Caliper events visible to these credentials', String(events.total ?? events.data.length))
  report.print(`Timeback SDK demo — read-only against ${client.baseUrl}`)
}

const real = Boolean(process.env.TIMEBACK_ENV && (process.env.TIMEBACK_CLIENT_ID || process.env.ONEROSTER_CLIENT_ID))
await (real ? againstRealEnvironment() : againstEmulator()).catch((error: unknown) => {
  console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
})
