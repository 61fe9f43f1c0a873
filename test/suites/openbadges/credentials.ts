// Open Badges credentials against the emulator: public discovery, upsert (201/200 by issuer and id, signed when it
// came unsigned), issue-badge for a OneRoster student, and verify through the service for embedded proofs.

import type { Assert, Suite } from '../../harness/types.ts'
import { badge, emulated, rejection } from './fixtures.ts'

const STUDENT = 'seed-student-1'

const suite: Suite = (env) => {
  const { h, sdk } = env
  const { describe, it } = h
  const assert: Assert = h.assert
  const E = sdk.errors

  function obSetup() {
    const { emulator, base } = emulated(env)
    const client = new sdk.openbadges.OpenBadgesClient(base)
    return { emulator, client }
  }

  describe('openbadges: credentials', () => {
    it('reads the discovery document without a token', async () => {
      const { emulator, client } = obSetup()
      const doc = await client.discovery()
      assert.ok(doc.paths && '/ims/ob/v3p0/issue-badge/' in doc.paths)
      assert.deepEqual(emulator.requests.map((r) => [r.path, r.headers.authorization]), [['/ims/ob/v3p0/discovery/', undefined]])
      assert.equal(emulator.stats().tokens.issued, 0)
    })

    it('upsert: 201 then 200 for the same issuer and id; an unsigned credential comes back signed, a signed one as sent', async () => {
      const { emulator, client } = obSetup()
      const first = await client.credentials.upsert(badge() as never)
      assert.equal(first.created, true)
      const proof = (first.credential.proof as Record<string, string>[])[0]!
      assert.equal(proof.cryptosuite, 'ecdsa-jcs-2019')
      const jwks = (await (await emulator.fetch(emulator.openbadges.jwksUrl)).json()) as { keys: { kid: string }[] }
      assert.equal(proof.verificationMethod, `${emulator.openbadges.jwksUrl}#${jwks.keys[0]!.kid}`)
      const own = { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', created: '2026-03-02T10:00:00Z', proofPurpose: 'assertionMethod', verificationMethod: 'https://school.example/issuer#k', proofValue: 'zabc' }
      const second = await client.credentials.upsert({ ...badge(), proof: [own] } as never)
      assert.equal(second.created, false)
      assert.deepEqual(second.credential.proof, [own])
      assert.equal(emulator.openbadges.credentials().length, 1)
      assert.equal((await client.credentials.upsert({ ...badge(), issuer: 'https://other.example' } as never)).created, true)
    })

    it("issue builds a credential of the achievement for the OneRoster student, signed by the platform, and records it", async () => {
      const { emulator, client } = obSetup()
      await client.achievements.create({ sourcedId: 'fractions', name: 'Fractions', description: 'Adds fractions', criteria: 'Pass the unit test', achievementType: 'Badge' })
      const issued = await client.credentials.issue({ userId: STUDENT, achievementId: 'fractions', validFrom: new Date(Date.UTC(2026, 2, 2, 10)), validUntil: '2027-03-02T10:00:00Z' })
      assert.deepEqual(issued.type, ['VerifiableCredential', 'OpenBadgeCredential'])
      assert.equal(issued.validFrom, '2026-03-02T10:00:00.000Z')
      assert.equal(issued.validUntil, '2027-03-02T10:00:00.000Z')
      const subject = issued.credentialSubject
      assert.deepEqual(subject.identifier, [{ type: 'IdentityObject', identityHash: STUDENT, identityType: 'sourcedId', hashed: false }])
      assert.equal(subject.achievement.name, 'Fractions')
      assert.deepEqual(subject.achievement.criteria, { narrative: 'Pass the unit test' })
      assert.equal(subject.achievement.achievementType, 'Badge')
      assert.equal((issued.proof as unknown[]).length, 1)
      assert.equal(emulator.openbadges.issued.length, 1)
      assert.equal(emulator.openbadges.issued[0]!.studentSourcedId, STUDENT)
      const noStudent = await rejection(client.credentials.issue({ userId: 'nobody', achievementId: 'fractions' }))
      assert.ok(E.isNotFoundError(noStudent) && /Student not found/.test(noStudent.message), String(noStudent))
      const noAchievement = await rejection(client.credentials.issue({ userId: STUDENT, achievementId: 'nothing' }))
      assert.ok(E.isNotFoundError(noAchievement) && /Achievement not found/.test(noAchievement.message), String(noAchievement))
      await client.achievements.delete('fractions')
      const deleted = await rejection(client.credentials.issue({ userId: STUDENT, achievementId: 'fractions' }))
      assert.ok(E.isValidationError(deleted), String(deleted))
      assert.equal(emulator.openbadges.issued.length, 1)
    })

    it('verify sends a credential with an embedded proof to the service: an issued badge holds, a changed or unsigned one does not', async () => {
      const { emulator, client } = obSetup()
      await client.achievements.create({ sourcedId: 'fractions', name: 'Fractions', description: 'Adds fractions', criteria: 'Pass' })
      const issued = await client.credentials.issue({ userId: STUDENT, achievementId: 'fractions' })
      const ok = await client.verify(issued)
      assert.equal(ok.valid, true, ok.errors.join('; '))
      assert.equal(ok.checkedBy, 'service')
      assert.deepEqual(ok.errors, [])
      assert.equal(ok.details?.signatureMethod, 'DataIntegrityProof (ecdsa-jcs-2019)')
      assert.equal(ok.details?.achievement, 'Fractions')
      assert.equal(emulator.requests.at(-1)!.path, '/ims/ob/v3p0/issue-badge/verify')
      const changed = await client.verify({ ...issued, credentialSubject: { ...issued.credentialSubject, achievement: { ...issued.credentialSubject.achievement, name: 'Calculus' } } })
      assert.equal(changed.valid, false)
      assert.match(changed.errors.join(' '), /changed after signing/)
      const { proof: _proof, ...unsigned } = issued
      const bare = await client.verify(unsigned as never)
      assert.equal(bare.valid, false)
      assert.match(bare.errors.join(' '), /no proof/)
      const foreign = await client.verify(badge() as never)
      assert.equal(foreign.valid, false)
    })
  })
}

export default suite
