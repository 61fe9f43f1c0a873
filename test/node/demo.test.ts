// The README's `npm start` demo runs in CI: it must finish and print a report whose numbers come from the
// emulator, not from the demo's own bookkeeping.

import assert from 'node:assert/strict'
import { spawnSync, type SpawnSyncReturns } from 'node:child_process'
import { it } from 'node:test'

// One run of the demo (without real-environment variables), shared by the tests below.
let demoRun: SpawnSyncReturns<string> | undefined
function runDemo(): SpawnSyncReturns<string> {
  if (!demoRun) {
    const env = { ...process.env }
    for (const name of ['TIMEBACK_ENV', 'TIMEBACK_CLIENT_ID', 'ONEROSTER_CLIENT_ID']) delete env[name]
    demoRun = spawnSync(process.execPath, ['--import', 'tsx', 'examples/demo.ts'], { encoding: 'utf8', env, timeout: 120_000 })
  }
  return demoRun
}

it('npm start runs the demo against the emulator and prints the report', () => {
  const run = runDemo()
  assert.equal(run.status, 0, run.stderr)
  assert.match(run.stdout, /class roster\s+8 students: Ada, Alan/)
  assert.match(run.stdout, /where familyName = O'Brien\s+Pat O'Brien/)
  assert.match(run.stdout, /retries seen\s+status 503/)
  assert.match(run.stdout, /OneRoster requests sent\s+\d+ \(1 token request\)/)
  assert.match(run.stdout, /delta sync: users, full copy\s+\d+ active, checkpoint \d{4}-\d\d-\d\dT/)
  assert.match(run.stdout, /delta sync: users since then\s+1 deleted \(student-8\), \d+ repeated/)
  assert.match(run.stdout, /job\s+completed/)
  assert.match(run.stdout, /queue flush\s+250 events sent, 0 batches failed/)
  assert.match(run.stdout, /events stored for the sensor\s+252/)
  // 1 single ActivityEvent + 250 queued ones match the filter; the TimeSpentEvent does not.
  assert.match(run.stdout, /webhook deliveries verified\s+251 \(first: ActivityEvent Completed/)
})

it('npm start tells the learning story: EduBridge enroll, a PowerPath lesson, its XP in analytics, a MasteryTrack 409', () => {
  const run = runDemo()
  assert.equal(run.status, 0, run.stderr)
  const out = run.stdout
  // EduBridge made the course's default class in OneRoster, and the student is in it.
  assert.match(out, /EduBridge enroll\s+student-3 in "Fractions 5" at Riverside Elementary, from \d{4}-\d\d-\d\d\n/)
  assert.match(out, /default class, read in OneRoster\s+"Fractions 5", term [^:]+: Grace Hopper\n/)
  // Right answers to an easy, a medium and two hard questions add 20, 30, 40, 40 (capped at 100); the lesson's 20 XP x 1.25 for a
  // perfect first attempt.
  assert.match(out, /PowerPath lesson\s+"Equivalent fractions", score 20 → 50 → 90 → 100: 4\/4 right, fully graded\n/)
  assert.match(out, /XP earned\s+25 \(multiplier 1\.25, accuracy 100 %, attempt 1\)/)
  const lessonXp = /XP earned\s+(\S+)/.exec(out)?.[1]
  const analyticsXp = /EduBridge analytics XP\s+(\S+) on \d{4}-\d\d-\d\d \(Math: 4\/4 right, 1 unit mastered\)/.exec(out)?.[1]
  assert.equal(analyticsXp, lessonXp, `analytics XP equals the lesson's XP:\n${out}`)
  // The first assign makes assignment #n with its deep link; the second is a 409 that names the same #n.
  const assigned = /MasteryTrack assigned\s+#(\d+) "Alpha Standardized Math G4\.1" \(ASSIGNED\), deep link https:\/\/\S+/.exec(out)
  assert.ok(assigned, out)
  assert.match(out, new RegExp(`assigned again\\s+409 ASSIGNMENT_EXISTS, the existing one: #${assigned[1]} \\(ASSIGNED\\)`))
})

it('npm start authors a QTI test, makes it a PowerPath quiz, aligns a question to CASE, scores it, and issues and verifies a badge', () => {
  const run = runDemo()
  assert.equal(run.status, 0, run.stderr)
  const out = run.stdout
  // Two items from XML and a test from raw XML over them; validate (a boolean) passed the test's XML first.
  assert.match(out, /QTI test authored\s+"Equivalent fractions check": 2 questions, validate → true\n/)
  // PowerPath made a quiz lesson; the course's syllabus shows its resource pointing at the test on the QTI host.
  assert.match(out, /PowerPath quiz lesson\s+(\S+) \(quiz, qti\); in the syllabus: \1-resource → http:\/\/localhost:\d+\/qti-host\/assessment-tests\/test-equivalent-fractions\n/)
  // With `seed: false` CASE starts empty: the demo uploads its framework, then finds the standard by its code.
  assert.match(out, /CASE framework uploaded\s+1 document, 3 items, 3 associations\n/)
  // The alignment is read back from the stored item, next to the metadata it was created with.
  assert.match(out, /aligned to CASE\s+eqfrac-1 → 5\.NF\.1 \(in its metadata, grade 5\)\n/)
  assert.match(out, /processResponse\s+'B' scores 1, 'A' scores 0\n/)
  assert.match(out, /badge issued\s+"Equivalent fractions" to student-3\n/)
  assert.match(out, /badge verified\s+valid, checked by the service: DataIntegrityProof \(ecdsa-jcs-2019\)\n/)
  assert.match(out, /VC-JWT verified locally\s+valid, ES256 key \S+…, checked by local-jwt\n/)
  assert.match(out, /tampered VC-JWT\s+rejected: signature\n/)
  assert.match(out, /CLR record\s+created, 1 badge, 1 proof \(ecdsa-jcs-2019\)/)
})
