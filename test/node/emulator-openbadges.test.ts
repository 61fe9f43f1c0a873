// The emulated Open Badges service driven by raw HTTP: public discovery and JWKS, the key made lazily, achievement
// CRUD and listing with imsx errors, issue-badge for OneRoster students, proofs and VC-JWTs checked independently
// of the emulator's signer, the verify route, the upsert, and reset().
// Run: node --import tsx --test test/node/emulator-openbadges.test.ts
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { BUILT_IN_SERVICES, createEmulator } from '../../src/testing/index.ts'
import { assertImsx, connect, enc, type Json } from './emulator-helpers.ts'
import { jwsHolds, proofHolds, thumbprint } from './emulator-vc-helpers.ts'

const OB = '/ims/ob/v3p0'
const STUDENT = 'seed-student-1'
const badge = () => ({
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  id: 'urn:uuid:badge-1', type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: 'https://school.example/issuer', type: ['Profile'] }, validFrom: '2026-03-02T10:00:00Z',
  credentialSubject: { id: 'urn:example:s1', type: ['AchievementSubject'], achievement: { id: 'https://school.example/a/1', type: ['Achievement'], name: 'Fractions', description: 'd', criteria: { narrative: 'c' } } },
})

async function setup() {
  const conn = await connect()
  const jwks = (await (await conn.emu.fetch(`${conn.emu.origin}${OB}/.well-known/jwks.json`)).json()) as { keys: Json[] }
  const jwk = jwks.keys[0] as { kty: string; crv: string; x: string; y: string; kid: string }
  await conn.call('POST', `${OB}/achievements/`, { achievement: { sourcedId: 'fractions', name: 'Fractions', description: 'Adds fractions', criteria: 'Pass the unit test' } })
  return { ...conn, jwk }
}

describe('Open Badges emulator: public routes and the key', () => {
  it('discovery and JWKS answer without a token; the JWKS holds one P-256 key whose kid is its RFC 7638 thumbprint', async () => {
    const emu = createEmulator()
    const doc = await emu.fetch(`${emu.origin}${OB}/discovery/`)
    assert.equal(doc.status, 200)
    const body = (await doc.json()) as Json
    assert.equal(body.components.securitySchemes.OAuth2CC.flows.clientCredentials.tokenUrl, emu.tokenUrl)
    const res = await emu.fetch(`${emu.origin}${OB}/.well-known/jwks.json`)
    assert.equal(res.status, 200)
    const { keys } = (await res.json()) as { keys: Json[] }
    assert.equal(keys.length, 1)
    const key = keys[0]!
    assert.deepEqual([key.kty, key.crv, key.alg, key.use], ['EC', 'P-256', 'ES256', 'sig'])
    assert.equal(key.d, undefined, 'no private part')
    assert.equal(key.kid, thumbprint(key as never))
    assert.equal(emu.openbadges.jwksUrl, `${emu.origin}${OB}/.well-known/jwks.json`)
  })

  it('makes its key on first use, not at creation; one key per emulator', async () => {
    const subtle = globalThis.crypto.subtle as SubtleCrypto & { generateKey: SubtleCrypto['generateKey'] }
    const original = subtle.generateKey
    let calls = 0
    subtle.generateKey = ((...args: Parameters<SubtleCrypto['generateKey']>) => {
      calls++
      return original.apply(subtle, args)
    }) as SubtleCrypto['generateKey']
    try {
      const emu = createEmulator()
      assert.equal(calls, 0)
      const a = await (await emu.fetch(`${emu.origin}${OB}/.well-known/jwks.json`)).json()
      const b = await (await emu.fetch(`${emu.origin}${OB}/.well-known/jwks.json`)).json()
      assert.equal(calls, 1)
      assert.deepEqual(a, b)
      const other = createEmulator()
      const c = (await (await other.fetch(`${other.origin}${OB}/.well-known/jwks.json`)).json()) as Json
      assert.notEqual(c.keys[0].kid, (a as Json).keys[0].kid)
    } finally {
      subtle.generateKey = original
    }
  })

  it('every other route wants a token (401 imsx); an unknown route under /ims/ob/ is a 404 imsx', async () => {
    const emu = createEmulator()
    for (const [method, path] of [['GET', '/achievements/'], ['POST', '/issue-badge/'], ['POST', '/issue-badge/verify'], ['POST', '/credentials/']]) {
      const res = await emu.fetch(`${emu.origin}${OB}${path}`, { method })
      assert.equal(res.status, 401, `${method} ${path}`)
      assertImsx((await res.json()) as Json, 'unauthorisedrequest')
    }
    const { get } = await connect()
    const unknown = await get(`${OB}/badges/`)
    assert.equal(unknown.status, 404)
    assertImsx(unknown.body, 'unknownobject')
  })
})

describe('Open Badges emulator: achievements', () => {
  it('POST 201 with the sourcedId pair, GET, PUT 204 merging, DELETE 204 soft, 404 and 400/422 with imsx descriptions', async () => {
    const { call, get } = await connect()
    const created = await call('POST', `${OB}/achievements/`, { achievement: { name: 'A', description: 'd', criteria: 'c', tag: ['x'] } })
    assert.equal(created.status, 201)
    const id = created.body.sourcedIdPairs.allocatedSourcedId as string
    assert.equal(created.body.sourcedIdPairs.suppliedSourcedId, null)
    const read = await get(`${OB}/achievements/${enc(id)}`)
    assert.deepEqual([read.body.achievement.status, read.body.achievement.achievementType, read.body.achievement.tag], ['active', 'Achievement', ['x']])
    const put = await call('PUT', `${OB}/achievements/${enc(id)}`, { achievement: { name: 'B' } })
    assert.equal(put.status, 204)
    assert.equal(put.text, '')
    const after = (await get(`${OB}/achievements/${enc(id)}`)).body.achievement
    assert.deepEqual([after.name, after.description], ['B', 'd'])
    assert.equal((await call('DELETE', `${OB}/achievements/${enc(id)}`)).status, 204)
    assert.equal((await get(`${OB}/achievements/${enc(id)}`)).body.achievement.status, 'tobedeleted')
    const missing = await get(`${OB}/achievements/nope`)
    assert.equal(missing.status, 404)
    assertImsx(missing.body, 'unknownobject', /Achievement not found\./)
    const noCriteria = await call('POST', `${OB}/achievements/`, { achievement: { name: 'A', description: 'd' } })
    assert.equal(noCriteria.status, 400)
    assertImsx(noCriteria.body, 'invaliddata', /achievement\.criteria is required/)
    const unknownField = await call('POST', `${OB}/achievements/`, { achievement: { name: 'A', description: 'd', criteria: 'c', colour: 'red' } })
    assertImsx(unknownField.body, 'invaliddata', /achievement\.colour is not a field/)
    await call('POST', `${OB}/achievements/`, { achievement: { sourcedId: 'taken', name: 'A', description: 'd', criteria: 'c' } })
    const taken = await call('POST', `${OB}/achievements/`, { achievement: { sourcedId: 'taken', name: 'A', description: 'd', criteria: 'c' } })
    assert.equal(taken.status, 422)
  })

  it('lists in the 1EdTech envelope with limit/offset/filter, and refuses a limit out of range', async () => {
    const { call, get } = await connect()
    for (const n of [1, 2, 3]) await call('POST', `${OB}/achievements/`, { achievement: { sourcedId: `a${n}`, name: `N${n}`, description: 'd', criteria: 'c' } })
    const page = await get(`${OB}/achievements/?limit=2&offset=1`)
    assert.deepEqual(page.body.achievements.map((a: Json) => a.sourcedId), ['a2', 'a3'])
    assert.deepEqual([page.body.totalCount, page.body.pageCount, page.body.pageNumber, page.body.offset, page.body.limit], [3, 2, 1, 1, 2])
    const filtered = await get(`${OB}/achievements/?filter=${enc("name='N2'")}`)
    assert.deepEqual(filtered.body.achievements.map((a: Json) => a.sourcedId), ['a2'])
    assert.equal((await get(`${OB}/achievements/?limit=0`)).status, 400)
  })

  it("students/{id}: 404 for someone who is not a OneRoster user (or when OneRoster is not mounted), else their badges by achievement", async () => {
    const { call, get } = await setup()
    assertImsx((await get(`${OB}/achievements/students/nobody`)).body, 'unknownobject', /Student not found\./)
    assert.equal((await get(`${OB}/achievements/students/${STUDENT}`)).body.totalCount, 0)
    await call('POST', `${OB}/issue-badge/`, { userId: STUDENT, achievementId: 'fractions' })
    const list = await get(`${OB}/achievements/students/${STUDENT}`)
    assert.equal(list.body.totalCount, 1)
    const row = list.body.achievementsWithIssuedBadges[0]
    assert.equal(row.sourcedId, 'fractions')
    assert.deepEqual(Object.keys(row.issuedBadges[0]).sort(), ['achievementSourcedId', 'creatorId', 'data', 'dateEarned', 'status', 'studentSourcedId'])
    const alone = await connect({ services: BUILT_IN_SERVICES.filter((s) => s.name !== 'oneroster') })
    const res = await alone.get(`${OB}/achievements/students/${STUDENT}`)
    assert.equal(res.status, 404)
    assert.match(res.body.imsx_description, /OneRoster module is not mounted/)
  })
})

describe('Open Badges emulator: issue, proofs, verify and upsert', () => {
  it('issue-badge answers a credential whose Data Integrity proof holds under the published key (checked independently)', async () => {
    const { call, jwk } = await setup()
    const res = await call('POST', `${OB}/issue-badge/`, { userId: STUDENT, achievementId: 'fractions', validFrom: '2026-03-02T10:00:00Z' })
    assert.equal(res.status, 200)
    const credential = res.body
    const [proof] = credential.proof as Json[]
    assert.deepEqual([proof!.type, proof!.cryptosuite, proof!.proofPurpose], ['DataIntegrityProof', 'ecdsa-jcs-2019', 'assertionMethod'])
    assert.equal(proof!.verificationMethod, `${credential.issuer.id.replace('/issuers/timeback', '')}/.well-known/jwks.json#${jwk.kid}`)
    assert.equal(await proofHolds(credential, proof!, jwk), true)
    assert.equal(await proofHolds({ ...credential, validFrom: '2026-03-01T10:00:00.000Z' }, proof!, jwk), false)
    for (const [body, status, text] of [
      [{ userId: 'nobody', achievementId: 'fractions' }, 404, /Student not found\./],
      [{ userId: STUDENT, achievementId: 'nothing' }, 404, /Achievement not found\./],
      [{ userId: STUDENT }, 400, /achievementId is required/],
      [{ userId: STUDENT, achievementId: 'fractions', validFrom: 'soon' }, 400, /validFrom must be an ISO 8601/],
      [{ userId: STUDENT, achievementId: 'fractions', extra: 1 }, 400, /extra is not a parameter/],
    ] as const) {
      const refused = await call('POST', `${OB}/issue-badge/`, body)
      assert.equal(refused.status, status)
      assert.match(refused.body.imsx_description, text)
    }
  })

  it('verify: an issued badge is valid with details; changed, unsigned, expired or foreign-signed ones are not; a non-object is 400', async () => {
    const { call } = await setup()
    const issued = (await call('POST', `${OB}/issue-badge/`, { userId: STUDENT, achievementId: 'fractions' })).body
    const ok = await call('POST', `${OB}/issue-badge/verify`, issued)
    assert.equal(ok.status, 200)
    assert.deepEqual([ok.body.valid, ok.body.errors, ok.body.details.signatureMethod, ok.body.details.credentialCount], [true, [], 'DataIntegrityProof (ecdsa-jcs-2019)', 1])
    const changed = await call('POST', `${OB}/issue-badge/verify`, { ...issued, name: 'Other' })
    assert.equal(changed.body.valid, false)
    const { proof, ...unsigned } = issued
    assert.match((await call('POST', `${OB}/issue-badge/verify`, unsigned)).body.errors.join(' '), /no proof/)
    const expiredBody = { ...issued, validUntil: '2000-01-01T00:00:00Z' }
    const expired = await call('POST', `${OB}/issue-badge/verify`, expiredBody)
    assert.equal(expired.body.valid, false)
    const foreign = await call('POST', `${OB}/issue-badge/verify`, { ...badge(), proof: [{ ...proof[0], verificationMethod: 'https://elsewhere.example/k#1' }] })
    assert.equal(foreign.body.valid, false)
    assert.match(foreign.body.warnings.join(' '), /cannot be checked here/)
    assert.equal((await call('POST', `${OB}/issue-badge/verify`, '[1]')).status, 400)
  })

  it('signJwt gives an ES256 VC-JWT whose header names the published kid and whose claims come from the credential', async () => {
    const { emu, jwk } = await setup()
    const jwt = await emu.openbadges.signJwt({ ...badge(), validUntil: '2027-03-02T10:00:00Z' })
    const [head, body] = jwt.split('.').slice(0, 2).map((p) => JSON.parse(Buffer.from(p, 'base64url').toString('utf8')))
    assert.deepEqual(head, { alg: 'ES256', typ: 'JWT', kid: jwk.kid })
    assert.deepEqual([body.iss, body.jti, body.sub, body.nbf, body.exp], ['https://school.example/issuer', 'urn:uuid:badge-1', 'urn:example:s1', Date.UTC(2026, 2, 2, 10) / 1000, Date.UTC(2027, 2, 2, 10) / 1000])
    assert.equal(await jwsHolds(jwt, jwk), true)
    const [h, , s] = jwt.split('.')
    assert.equal(await jwsHolds(`${h}.${Buffer.from(JSON.stringify({ ...body, sub: 'x' })).toString('base64url')}.${s}`, jwk), false)
  })

  it('upsert: 400 naming the missing fields, 201 then 200 by issuer and id, signed only when it came unsigned', async () => {
    const { call, emu } = await setup()
    const bad = await call('POST', `${OB}/credentials/`, { ...badge(), '@context': ['https://www.w3.org/ns/credentials/v2'], validFrom: undefined })
    assert.equal(bad.status, 400)
    assertImsx(bad.body, 'invaliddata', /@context must include .*ob\/v3p0.* validFrom is required/)
    const first = await call('POST', `${OB}/credentials/`, badge())
    assert.equal(first.status, 201)
    assert.equal(first.body.proof.length, 1)
    const second = await call('POST', `${OB}/credentials/`, { ...badge(), proof: [{ type: 'DataIntegrityProof', proofValue: 'zx' }] })
    assert.equal(second.status, 200)
    assert.deepEqual(second.body.proof, [{ type: 'DataIntegrityProof', proofValue: 'zx' }])
    assert.equal(emu.openbadges.credentials().length, 1)
    emu.reset()
    assert.equal(emu.openbadges.credentials().length, 0)
    assert.equal(emu.openbadges.achievements().length, 0)
    assert.equal(emu.openbadges.issued.length, 0)
  })
})
