// CLR bad input: every case is refused with an InputValidationError naming the field, before any request (not
// even the token request); the caller's (frozen) record is left as it was.

import type { Assert, Suite } from '../../harness/types.ts'
import { badge, clrRecord, OB, recordingFetch, rejection, VC } from '../openbadges/fixtures.ts'

const deepFreeze = <T>(value: T): T => {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v)
    Object.freeze(value)
  }
  return value
}

const suite: Suite = (env) => {
  const { h, sdk } = env
  const { describe, it } = h
  const assert: Assert = h.assert

  describe('clr: bad input', () => {
    it('names each missing or wrong field of a ClrCredential and sends nothing', async () => {
      const { counter, options } = recordingFetch()
      const client = new sdk.clr.ClrClient(options)
      const subject = (change: Record<string, unknown>) => ({ ...clrRecord(), credentialSubject: { ...clrRecord().credentialSubject, ...change } })
      const nested = (change: (b: Record<string, any>) => void) => {
        const b = badge()
        change(b)
        return clrRecord([b])
      }
      const cases: [unknown, string, RegExp][] = [
        ['not a record', 'credential', /credential object/],
        [{ ...clrRecord(), '@context': undefined }, 'credential.@context', /w3\.org\/ns\/credentials\/v2/],
        [{ ...clrRecord(), '@context': [VC, OB] }, 'credential.@context', /clr\/v2p0\/context-2\.0\.1\.json/],
        [{ ...clrRecord(), '@context': [OB, VC] }, 'credential.@context', /must start with the W3C credentials context/],
        [{ ...clrRecord(), type: ['VerifiableCredential'] }, 'credential.type', /'ClrCredential'/],
        [{ ...clrRecord(), type: 'ClrCredential' }, 'credential.type', /array of strings/],
        [{ ...clrRecord(), id: '' }, 'credential.id', /URI/],
        [{ ...clrRecord(), issuer: undefined }, 'credential.issuer', /is required/],
        [{ ...clrRecord(), issuer: { type: ['Profile'] } }, 'credential.issuer.id', /is required/],
        [{ ...clrRecord(), issuer: { id: 'https://s.example' } }, 'credential.issuer.type', /'Profile'/],
        [{ ...clrRecord(), validFrom: '2026-06-01' }, 'credential.validFrom', /date-time with a zone/],
        [{ ...clrRecord(), validUntil: '2025-01-01T00:00:00Z' }, 'credential.validUntil', /before validFrom/],
        [{ ...clrRecord(), name: undefined }, 'credential.name', /is required/],
        [{ ...clrRecord(), credentialSubject: undefined }, 'credential.credentialSubject', /is required/],
        [{ ...clrRecord(), proof: ['signed'] }, 'credential.proof.0', /proof object with a type/],
        [subject({ type: ['AchievementSubject'] }), 'credential.credentialSubject.type', /'ClrSubject'/],
        [subject({ verifiableCredential: [] }), 'credential.credentialSubject.verifiableCredential', /non-empty array/],
        [subject({ association: [{ type: 'Association', associationType: 'isCousinOf', sourceId: 'a', targetId: 'b' }] }), 'credential.credentialSubject.association.0.associationType', /isChildOf/],
        [nested((b) => { b['@context'] = [VC] }), 'credential.credentialSubject.verifiableCredential.0.@context', /ob\/v3p0\/context-3\.0\.3\.json/],
        [nested((b) => { delete b.credentialSubject.achievement.criteria }), 'credential.credentialSubject.verifiableCredential.0.credentialSubject.achievement.criteria', /narrative/],
        [nested((b) => { delete b.credentialSubject.id }), 'credential.credentialSubject.verifiableCredential.0.credentialSubject.id', /identifier/],
        [nested((b) => { b.credentialSubject.identifier = [{ type: 'IdentityObject', identityHash: 'x', identityType: 'emailAddress', hashed: 'no' }] }),
          'credential.credentialSubject.verifiableCredential.0.credentialSubject.identifier.0.hashed', /true or false/],
      ]
      for (const [input, field, fix] of cases) {
        const frozen = deepFreeze(input)
        const error = await rejection(client.credentials.upsert(frozen as never))
        assert.ok(sdk.errors.isInputValidationError(error), `expected an InputValidationError for ${field}, got ${String(error)}`)
        const issue = error.issues.find((i: { path: string }) => i.path === field)
        assert.ok(issue, `${field} named in: ${error.message}`)
        assert.match(issue.message, fix)
        // The exported check says the same without a client.
        assert.ok(sdk.clr.checkClrCredential(frozen).some((i) => i.path === field), `checkClrCredential names ${field}`)
      }
      assert.equal(counter.calls, 0, 'no request was sent, not even for a token')
      assert.deepEqual(sdk.clr.checkClrCredential(clrRecord()), [])
    })

    it('checks the credential as it travels: inherited fields, a cycle, toJSON; a huge broken record names at most 50 problems', async () => {
      const { counter, options, seen } = recordingFetch((s) => Response.json(s.body, { status: 201 }))
      const client = new sdk.clr.ClrClient(options)
      // Every field inherited: the check saw them, JSON.stringify does not, so '{}' was sent.
      const inherited = await rejection(client.credentials.upsert(Object.create(clrRecord())))
      assert.ok(sdk.errors.isInputValidationError(inherited), String(inherited))
      assert.ok(inherited.issues.some((i: { path: string }) => i.path === 'credential.credentialSubject'), inherited.message)
      const cyclic: Record<string, any> = clrRecord()
      cyclic.credentialSubject.self = cyclic
      const cycle = await rejection(client.credentials.upsert(cyclic as never))
      assert.ok(sdk.errors.isInputValidationError(cycle), String(cycle))
      assert.equal(cycle.issues[0].path, 'credential')
      const hidden = { ...clrRecord(), name: { trim: () => 'looks like text', toJSON: () => undefined } }
      const named = await rejection(client.credentials.upsert(hidden as never))
      assert.equal(named.issues[0].path, 'credential.name')
      assert.deepEqual(sdk.clr.checkClrCredential(hidden), named.issues, 'the exported check reads the same JSON form')
      // 20,000 empty badges: at most 50 problems and a line saying how many more, not a message of megabytes.
      const huge = await rejection(client.credentials.upsert(clrRecord(Array.from({ length: 20_000 }, () => ({}))) as never))
      assert.equal(huge.issues.length, 51)
      assert.match(huge.issues[50].message, /^and \d+ more problems$/)
      assert.ok(huge.message.length < 10_000, `${huge.message.length} characters`)
      assert.equal(counter.calls, 0)
      // What is sent is what was checked: a Date travels as its ISO text.
      await client.credentials.upsert({ ...clrRecord(), validFrom: new Date('2026-06-01T00:00:00Z') } as never)
      assert.equal((seen[0]!.body as { validFrom: string }).validFrom, '2026-06-01T00:00:00.000Z')
    })
  })
}

export default suite
