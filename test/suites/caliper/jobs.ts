// Caliper ingestion jobs: status polling through waiting → active → completed, a failed job as
// JobFailedError, and the wait's timeout and abort. Polls use pollInterval 0, so nothing sleeps.

import type { Assert, Suite } from '../../harness/types.ts'
import { SENSOR, caliperSetup, requireCaliper } from './helpers.ts'

const suite: Suite = (env) => {
  const { h, sdk } = env
  if (!requireCaliper(h, sdk, 'caliper: jobs')) return
  const { describe, it } = h
  const assert: Assert = h.assert
  const E = sdk.errors

  describe('caliper: jobs', () => {
    it('getStatus shows waiting, then active, then completed with the allocated ids', async () => {
      const s = caliperSetup(env)
      const event = s.activity()
      const { jobId } = await s.client.events.send(SENSOR, [event])
      const states = []
      for (let i = 0; i < 4; i++) states.push((await s.client.jobs.getStatus(jobId!)).state)
      assert.deepEqual(states, ['waiting', 'active', 'completed', 'completed'])
      const done = await s.client.jobs.getStatus(jobId!)
      assert.deepEqual(done.returnValue?.results?.map((r) => r.externalId), [event.id])
      assert.equal(typeof done.processedOn, 'number')
    })

    it('waitForCompletion polls until completed and returns the job', async () => {
      const s = caliperSetup(env)
      const { jobId } = await s.client.events.send(SENSOR, [s.activity(1), s.activity(2)])
      const job = await s.client.jobs.waitForCompletion(jobId!, { pollInterval: 0 })
      assert.equal(job.state, 'completed')
      assert.equal(job.id, jobId)
      assert.equal(job.returnValue?.results?.length, 2)
      assert.equal(s.caliperRequests('GET'), 3)
    })

    it('a failed job throws JobFailedError carrying the job; its events are not stored', async () => {
      const s = caliperSetup(env)
      s.emulator.caliper.failNextJob('broken pipeline')
      const { jobId } = await s.client.events.send(SENSOR, [s.activity()])
      const error = await assert.rejects(s.client.jobs.waitForCompletion(jobId!, { pollInterval: 0 }), s.caliper.isJobFailedError)
      assert.ok(error instanceof s.caliper.JobFailedError)
      assert.ok(E.isTimebackError(error))
      assert.equal(error.code, 'job_failed')
      assert.equal(error.job.state, 'failed')
      assert.equal(error.job.failedReason, 'broken pipeline')
      assert.match(error.message, /broken pipeline/)
      assert.equal(s.emulator.caliper.events.length, 0)
    })

    it('failJob turns a job that is still running into a failure', async () => {
      const s = caliperSetup(env)
      const { jobId } = await s.client.events.send(SENSOR, [s.activity()])
      assert.equal((await s.client.jobs.getStatus(jobId!)).state, 'waiting')
      assert.equal(s.emulator.caliper.failJob(jobId!), true)
      await assert.rejects(s.client.jobs.waitForCompletion(jobId!, { pollInterval: 0 }), s.caliper.isJobFailedError)
    })

    it('a wait that outlives its timeout throws TimeoutError', async () => {
      const s = caliperSetup(env)
      const { jobId } = await s.client.events.send(SENSOR, [s.activity()])
      // 1 ms cannot cover the three polls completion takes, however fast the emulator answers.
      const error = await assert.rejects(s.client.jobs.waitForCompletion(jobId!, { timeout: 1, pollInterval: 60_000 }), E.isTimeoutError)
      assert.equal(error.timeoutMs, 1)
    })

    it('an aborted wait throws AbortError, also during the pause between polls', async () => {
      const s = caliperSetup(env)
      const { jobId } = await s.client.events.send(SENSOR, [s.activity()])
      const before = new AbortController()
      before.abort()
      await assert.rejects(s.client.jobs.waitForCompletion(jobId!, { signal: before.signal }), E.isAbortError)
      const during = new AbortController()
      // Abort as soon as the first status answer arrives: the wait is then in its (one-minute) pause.
      const client = s.make({ hooks: { onResponse: (r) => { if (r.url.includes('/jobs/')) during.abort() } } })
      await assert.rejects(client.jobs.waitForCompletion(jobId!, { signal: during.signal, pollInterval: 60_000, timeout: 120_000 }), E.isAbortError)
    })

    it('unknown jobs are a NotFoundError; bad ids and options are refused before any request', async () => {
      const s = caliperSetup(env)
      await assert.rejects(s.client.jobs.getStatus('no-such-job'), E.isNotFoundError)
      const requests = s.emulator.requests.length
      await assert.rejects(s.client.jobs.getStatus(''), E.isInputValidationError)
      await assert.rejects(s.client.jobs.waitForCompletion('..'), E.isInputValidationError)
      await assert.rejects(s.client.jobs.waitForCompletion('job', { pollInterval: -1 }), E.isInputValidationError)
      assert.equal(s.emulator.requests.length, requests)
    })
  })
}

export default suite
