// Open Badges bad input: every case is refused with an InputValidationError naming the field, before any request
// (not even the token request).

import type { Assert, Suite } from '../../harness/types.ts'
import { refusalChecker } from '../refusals.ts'
import { badge, OB, recordingFetch, VC } from './fixtures.ts'

const suite: Suite = (env) => {
  const { h, sdk } = env
  const { describe, it } = h
  const assert: Assert = h.assert

  const refuses = refusalChecker(env)

  describe('openbadges: bad input', () => {
    it('achievements: required fields, unknown fields, enums, ids and list parameters', async () => {
      const { counter, options } = recordingFetch()
      const a = new sdk.openbadges.OpenBadgesClient(options).achievements
      const ok = { name: 'Fractions', description: 'Adds fractions', criteria: 'Pass' }
      await refuses([
        [() => a.create({ name: 'x', description: 'y' } as never), 'achievement.criteria', /required/],
        [() => a.create({ ...ok, name: ' ' }), 'achievement.name', /non-empty/],
        [() => a.create({ ...ok, criteria: { narrative: 'Pass' } } as never), 'achievement.criteria', /string/],
        [() => a.create({ ...ok, achievementType: 'Trophy' as never }), 'achievement.achievementType', /'Badge'/],
        [() => a.create({ ...ok, status: 'deleted' as never }), 'achievement.status', /tobedeleted/],
        [() => a.create({ ...ok, tag: 'math' as never }), 'achievement.tag', /array of strings/],
        [() => a.create({ ...ok, title: 'x' } as never), 'achievement.title', /not a field/],
        [() => a.create('Fractions' as never), 'achievement', /object/],
        [() => a.update('a1', {}), 'achievement', /at least one field/],
        [() => a.update('', { name: 'x' }), 'sourcedId', /empty/],
        [() => a.get('..'), 'sourcedId', /change the URL path/],
        [() => a.delete(7 as never), 'sourcedId'],
        [() => a.list({ limit: 0 }), 'limit'],
        [() => a.list({ where: { "name' OR '1'='1": 'x' } as never }), "where.name' OR '1'='1", /not a valid field name/],
        [() => a.forStudent(''), 'studentSourcedId'],
      ], () => counter.calls)
    })

    it('credentials.issue and credentials.upsert: ids, dates and the badge shape', async () => {
      const { counter, options } = recordingFetch()
      const c = new sdk.openbadges.OpenBadgesClient(options).credentials
      const input = Object.freeze({ userId: 's1', achievementId: 'a1' })
      const subject = (change: Record<string, unknown>) => ({ ...badge(), credentialSubject: { ...badge().credentialSubject, ...change } })
      await refuses([
        [() => c.issue({ achievementId: 'a1' } as never), 'userId', /required/],
        [() => c.issue({ ...input, achievementId: '' }), 'achievementId'],
        [() => c.issue({ ...input, validFrom: '2026-03-02' }), 'validFrom', /ISO 8601/],
        [() => c.issue({ ...input, validUntil: new Date(NaN) }), 'validUntil'],
        [() => c.issue({ ...input, studentId: 's1' } as never), 'studentId', /not a parameter/],
        [() => c.issue(null as never), 'input'],
        [() => c.upsert({ ...badge(), '@context': [VC] } as never), 'credential.@context', /ob\/v3p0/],
        [() => c.upsert({ ...badge(), '@context': [OB] } as never), 'credential.@context', /W3C/],
        [() => c.upsert({ ...badge(), type: ['VerifiableCredential', 'ClrCredential'] } as never), 'credential.type', /OpenBadgeCredential/],
        [() => c.upsert({ ...badge(), issuer: 42 } as never), 'credential.issuer'],
        [() => c.upsert({ ...badge(), validFrom: undefined } as never), 'credential.validFrom', /required/],
        [() => c.upsert(subject({ type: ['ClrSubject'] }) as never), 'credential.credentialSubject.type', /AchievementSubject/],
        [() => c.upsert(subject({ achievement: undefined }) as never), 'credential.credentialSubject.achievement', /required/],
        [() => c.upsert(subject({ achievement: { ...badge().credentialSubject.achievement, description: '' } }) as never), 'credential.credentialSubject.achievement.description'],
        [() => c.upsert(subject({ identifier: [{ type: 'Email', identityHash: 'h', identityType: 'emailAddress', hashed: true }] }) as never), 'credential.credentialSubject.identifier.0.type', /IdentityObject/],
        // Fields the JSON body would not carry (inherited ones: '{}' was sent) are missing, as on the wire.
        [() => c.upsert(Object.create(badge()) as never), 'credential.credentialSubject', /required/],
      ], () => counter.calls)
      assert.deepEqual(input, { userId: 's1', achievementId: 'a1' })
    })

    it('issue sends Dates as ISO strings on a copy, and ids in the body as given', async () => {
      const { seen, options } = recordingFetch(() => Response.json({ id: 'urn:uuid:x', type: ['VerifiableCredential'] }))
      const c = new sdk.openbadges.OpenBadgesClient(options).credentials
      const input = Object.freeze({ userId: 's/1', achievementId: 'a 1', awardedDate: new Date(Date.UTC(2026, 2, 2, 10)) })
      await c.issue(input)
      assert.deepEqual(seen.map((s) => `${s.method} ${s.path}`), ['POST /ims/ob/v3p0/issue-badge/'])
      assert.deepEqual(seen[0]!.body, { userId: 's/1', achievementId: 'a 1', awardedDate: '2026-03-02T10:00:00.000Z' })
      assert.ok(input.awardedDate instanceof Date)
    })
  })
}

export default suite
