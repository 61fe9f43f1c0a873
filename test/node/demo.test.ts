// The README's `npm start` demo runs in CI: it must finish and print a report whose numbers come from the
// emulator, not from the demo's own bookkeeping.

import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { it } from 'node:test'

it('npm start runs the demo against the emulator and prints the report', () => {
  const env = { ...process.env }
  for (const name of ['TIMEBACK_ENV', 'TIMEBACK_CLIENT_ID', 'ONEROSTER_CLIENT_ID']) delete env[name]
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'examples/demo.ts'], { encoding: 'utf8', env, timeout: 120_000 })
  assert.equal(run.status, 0, run.stderr)
  assert.match(run.stdout, /class roster\s+8 students: Ada, Alan/)
  assert.match(run.stdout, /where familyName = O'Brien\s+Pat O'Brien/)
  assert.match(run.stdout, /retries seen\s+status 503/)
  assert.match(run.stdout, /OneRoster requests sent\s+\d+ \(1 token request\)/)
  assert.match(run.stdout, /job\s+completed/)
  assert.match(run.stdout, /queue flush\s+250 events sent, 0 batches failed/)
  assert.match(run.stdout, /events stored for the sensor\s+252/)
  // 1 single ActivityEvent + 250 queued ones match the filter; the TimeSpentEvent does not.
  assert.match(run.stdout, /webhook deliveries verified\s+251 \(first: ActivityEvent Completed/)
})
