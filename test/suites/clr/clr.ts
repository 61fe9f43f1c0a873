// CLR against the emulator: the public discovery document (no token requested, none sent), the upsert that
// stores by issuer and id (201 then 200) and signs the record, and a client without credentials.

import type { Assert, Suite } from '../../harness/types.ts'
import { badge, clrRecord, recordingFetch, rejection } from '../openbadges/fixtures.ts'

const suite: Suite = (env) => {
  const { h, sdk } = env
  const { describe, it } = h
  const assert: Assert = h.assert
  const E = sdk.errors

  function clrSetup(withAuth = true) {
    const { emulator, options } = env.setup()
    const reach = options.fetch ? { fetch: options.fetch } : {}
    const client = new sdk.clr.ClrClient({ baseUrl: emulator.services.clr, maxRetries: 0, ...reach, ...(withAuth ? { auth: options.auth } : { vars: {} }) })
    return { emulator, client }
  }

  describe('clr: discovery and credentials', () => {
    it('reads the discovery document without requesting or sending a token, with or without credentials', async () => {
      for (const withAuth of [true, false]) {
        const { emulator, client } = clrSetup(withAuth)
        const doc = await client.discovery()
        assert.equal(doc.openapi, '3.0.1')
        const flows = doc.components?.securitySchemes?.OAuth2CC?.flows
        assert.ok(Object.keys(flows.clientCredentials.scopes).includes('https://purl.imsglobal.org/spec/clr/v2p0/scope/credential.upsert'))
        assert.deepEqual(emulator.requests.map((r) => `${r.method} ${r.path}`), ['GET /ims/clr/v2p0/discovery/'])
        assert.equal(emulator.requests[0]!.headers.authorization, undefined)
        assert.equal(emulator.stats().tokens.issued, 0)
      }
    })

    it('upsert answers 201 with the record signed by the platform, then 200 for the same issuer and id', async () => {
      const { emulator, client } = clrSetup()
      const first = await client.credentials.upsert(clrRecord() as never)
      assert.equal(first.created, true)
      const proofs = first.credential.proof as Record<string, string>[]
      assert.equal(proofs.length, 1)
      assert.equal(proofs[0]!.type, 'DataIntegrityProof')
      assert.equal(proofs[0]!.cryptosuite, 'ecdsa-jcs-2019')
      assert.match(proofs[0]!.proofValue!, /^z[1-9A-HJ-NP-Za-km-z]{80,}$/)
      assert.equal(first.credential.name, 'Ada Lovelace — grade 4 record')
      const again = await client.credentials.upsert({ ...clrRecord(), name: 'Renamed' } as never)
      assert.equal(again.created, false)
      assert.equal(again.credential.name, 'Renamed')
      assert.equal(emulator.clr.credentials().length, 1)
      // Identity is issuer and id together: the same id from another issuer is a new record.
      const other = await client.credentials.upsert({ ...clrRecord(), issuer: 'https://other.example/issuer' } as never)
      assert.equal(other.created, true)
      assert.equal(emulator.clr.credentials().length, 2)
    })

    it("keeps the caller's proofs and adds the platform's after them", async () => {
      const { client } = clrSetup()
      const own = { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', created: '2026-06-01T00:00:00Z', proofPurpose: 'assertionMethod', verificationMethod: 'https://school.example/issuer#key-1', proofValue: 'z3abc' }
      const { credential } = await client.credentials.upsert({ ...clrRecord([badge(), badge('urn:uuid:second')]), proof: [own] } as never)
      const proofs = credential.proof as Record<string, string>[]
      assert.deepEqual(proofs[0], own)
      assert.equal(proofs.length, 2)
      assert.equal(proofs[1]!.cryptosuite, 'ecdsa-jcs-2019')
      assert.equal((credential.credentialSubject.verifiableCredential as unknown[]).length, 2)
    })

    it('without credentials: discovery works, upsert rejects with a ConfigurationError naming the variables and sends nothing', async () => {
      const { emulator, client } = clrSetup(false)
      const error = await rejection(client.credentials.upsert(clrRecord() as never))
      assert.ok(E.isConfigurationError(error), String(error))
      assert.match(error.message, /CLR_CLIENT_ID/)
      assert.equal(emulator.requests.length, 0)
    })

    it("a refusal is a ValidationError with the service's imsx description; a 2xx without a JSON object is invalid_response", async () => {
      const imsx = { imsx_codeMajor: 'failure', imsx_severity: 'error', imsx_description: 'issuer is not yours.', imsx_CodeMinor: { imsx_codeMinorField: [{ imsx_codeMinorFieldName: 'TargetEndSystem', imsx_codeMinorFieldValue: 'invaliddata' }] } }
      const refused = recordingFetch(() => Response.json(imsx, { status: 422 }))
      const error = await rejection(new sdk.clr.ClrClient(refused.options).credentials.upsert(clrRecord() as never))
      assert.ok(E.isValidationError(error), String(error))
      assert.equal(error.description, 'issuer is not yours.')
      assert.deepEqual(error.minorCodes, ['invaliddata'])
      assert.deepEqual(refused.seen.map((s) => `${s.method} ${s.path}`), ['POST /ims/clr/v2p0/credentials/'])
      assert.deepEqual(refused.seen[0]!.body, clrRecord())
      const empty = recordingFetch(() => new Response(null, { status: 201 }))
      const lie = await rejection(new sdk.clr.ClrClient(empty.options).credentials.upsert(clrRecord() as never))
      assert.ok(E.isServerError(lie) && lie.code === 'invalid_response', String(lie))
    })
  })
}

export default suite
