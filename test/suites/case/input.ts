// CaseClient refuses bad input before any request, naming the field and the fix: ids that are not UUIDs (CASE
// identifies every record by one), unknown or malformed list and read parameters, and uploads missing the spec's
// required fields, with wrong types, unknown association types or an identifier used twice.

import type { Assert, Suite } from '../../harness/types.ts'
import { refusalChecker, type RefusalCase } from '../refusals.ts'
import { caseSetup, makePackage, rejection } from './helpers.ts'

type Case = RefusalCase

const suite: Suite = (env) => {
  const { h, sdk } = env
  const { describe, it } = h
  const assert: Assert = h.assert
  const { isInputValidationError } = sdk.errors

  const check = refusalChecker(env)
  /** Each case is refused with an InputValidationError naming its field; the emulator receives nothing. */
  const refuses = (emulator: { requests: readonly unknown[] }, cases: Case[]) => check(cases, () => emulator.requests.length)

  /** A valid package with `change` applied to a copy. */
  const broken = (change: (pkg: any) => void): any => {
    const { pkg } = makePackage('c', 2)
    const copy = JSON.parse(JSON.stringify(pkg))
    change(copy)
    return copy
  }

  describe('case: input checks', () => {
    it('refuses ids that are not UUIDs, and hostile ones, on every read', async () => {
      const { emulator, client } = caseSetup(env)
      const any = client as any
      await refuses(emulator, [
        [() => client.documents.get('math-3'), 'sourcedId', /must be a UUID/],
        // Core's path check answers first for ids that would change the URL path or are empty.
        [() => client.items.get('..'), 'sourcedId', /not a valid id/],
        [() => client.associations.get('a/../b'), 'sourcedId', /must be a UUID/],
        [() => client.packages.get(''), 'sourcedId', /must not be empty/],
        [() => client.packages.get('C45E0000-0000-4000-8000-00000000000G'), 'sourcedId', /must be a UUID/],
        [() => client.packages.groups('c45e0000-0000-4000-8000-000000000001/groups'), 'sourcedId', /must be a UUID/],
        [() => any.documents.get(42), 'sourcedId', /got number/],
      ])
    })

    it('refuses bad list and read parameters, and names an unknown one', async () => {
      const { emulator, client } = caseSetup(env)
      const any = client as any
      await refuses(emulator, [
        [() => any.documents.list({ where: { title: 'x' } }), 'where', /not a parameter of documents\.list/],
        [() => any.items.list({ search: 'add' }), 'search', /expected one of limit, offset/],
        [() => client.items.list({ limit: 0 }), 'limit', /integer from 1 to 3000/],
        [() => client.items.list({ limit: 3001 }), 'limit', /integer from 1 to 3000/],
        [() => client.documents.list({ offset: -1 }), 'offset', /integer >= 0/],
        [() => client.items.list({ filter: '  ' }), 'filter', /non-empty filter string/],
        [() => client.items.list({ sort: 'title,creator' }), 'sort', /one field name/],
        [() => any.items.list({ orderBy: 'up' }), 'orderBy', /'asc' or 'desc'/],
        [() => client.items.list({ fields: [] }), 'fields', /non-empty list/],
        [() => client.documents.get('c45e0000-0000-4000-8000-000000000001', { fields: ['title', 'bad name'] }), 'fields[1]', /field name/],
        [() => any.documents.list('all'), 'params', /must be an object/],
      ])
      // stream checks its params on the first next(), still before any request.
      const before = emulator.requests.length
      const error = await rejection(any.items.stream({ orderBy: 'sideways' }).next())
      assert.ok(isInputValidationError(error))
      assert.match(error.message, /^items\.list: orderBy/)
      assert.equal(emulator.requests.length, before)
    })

    it('refuses a package without the spec\'s required fields, naming each', async () => {
      const { emulator, client } = caseSetup(env)
      const create = (pkg: unknown) => () => client.packages.create(pkg as never)
      await refuses(emulator, [
        [create(broken((p) => delete p.CFDocument.title)), 'CFDocument.title', /is required/],
        [create(broken((p) => delete p.CFDocument.creator)), 'CFDocument.creator', /is required/],
        [create(broken((p) => delete p.CFItems[1].fullStatement)), 'CFItems[1].fullStatement', /is required/],
        [create(broken((p) => delete p.CFAssociations[0].destinationNodeURI)), 'CFAssociations[0].destinationNodeURI', /is required/],
        [create(broken((p) => delete p.CFAssociations[1].originNodeURI.uri)), 'CFAssociations[1].originNodeURI.uri', /is required/],
        [create(broken((p) => delete p.CFItems)), 'CFItems', /must be an array \(it is required; \[\] when there are none\)/],
        [create(broken((p) => { p.CFItems = 'all of them' })), 'CFItems', /must be an array$/],
        [create(broken((p) => delete p.CFDocument)), 'CFDocument', /must be an object \(it is required\)/],
        [create(broken((p) => { p.CFAssociations[0].originNodeURI = 'c0000000-0000-4000-8000-000000000001' })), 'CFAssociations[0].originNodeURI', /must be an object$/],
        [create(null), 'package', /must be an object with CFDocument, CFItems and CFAssociations/],
        [create(broken((p) => { p.CFItem = p.CFItems })), 'CFItem', /not a field of a CFPackage/],
      ])
    })

    it('says identifier when a read record\'s sourcedId is uploaded instead', async () => {
      const { emulator, client } = caseSetup(env)
      const pkg = broken((p) => {
        p.CFItems[0].sourcedId = p.CFItems[0].identifier
        delete p.CFItems[0].identifier
      })
      await refuses(emulator, [[() => client.packages.create(pkg), 'CFItems[0].identifier', /uploads name the id identifier; sourcedId is the name reads use/]])
    })

    it('refuses wrong types, non-UUID identifiers, unknown association types, bad dates and repeated identifiers', async () => {
      const { emulator, client } = caseSetup(env)
      const create = (pkg: unknown) => () => client.packages.create(pkg as never)
      await refuses(emulator, [
        [create(broken((p) => { p.CFDocument.identifier = 'doc-1' })), 'CFDocument.identifier', /must be a UUID/],
        [create(broken((p) => { p.CFAssociations[0].destinationNodeURI.identifier = 'x' })), 'CFAssociations[0].destinationNodeURI.identifier', /must be a UUID/],
        [create(broken((p) => { p.CFAssociations[0].associationType = 'childOf' })), 'CFAssociations[0].associationType', /isChildOf, isPeerOf.*or an extension 'ext:…', got "childOf"/],
        [create(broken((p) => { p.CFAssociations[0].sequenceNumber = 1.5 })), 'CFAssociations[0].sequenceNumber', /must be an integer/],
        [create(broken((p) => { p.CFItems[0].lastChangeDateTime = 'yesterday' })), 'CFItems[0].lastChangeDateTime', /ISO 8601 date-time/],
        [create(broken((p) => { p.CFItems[0].lastChangeDateTime = new Date(NaN) })), 'CFItems[0].lastChangeDateTime', /ISO 8601 date-time/],
        [create(broken((p) => { p.CFItems[0].subject = 'Math' })), 'CFItems[0].subject', /array of strings/],
        [create(broken((p) => { p.CFDocument.publisher = null })), 'CFDocument.publisher', /leave it out rather than null/],
        [create(broken((p) => { p.CFItems[1].identifier = p.CFItems[0].identifier.toUpperCase() })), 'CFItems[1].identifier', /repeats the identifier of CFItems\[0\]/],
        [create(broken((p) => { p.CFAssociations[0].identifier = p.CFDocument.identifier })), 'CFAssociations[0].identifier', /repeats the identifier of CFDocument/],
      ])
    })

    it('accepts an extension association type and the spec\'s cfItemType spelling', async () => {
      const { client } = caseSetup(env, { seed: false })
      const pkg = broken((p) => {
        p.CFAssociations[0].associationType = 'ext:alignsTo'
        p.CFItems[0].cfItemType = 'Standard'
        delete p.CFItems[0].CFItemType
      })
      const answer = await client.packages.create(pkg)
      assert.equal(answer.result.stats.associations, 2)
      assert.equal((await client.items.get(pkg.CFItems[0].identifier)).CFItemType, 'Standard')
    })

    it('a package of 20,000 broken items names 50 problems and how many more, not a message of megabytes', async () => {
      const { client, emulator } = caseSetup(env, { seed: false })
      const pkg = broken((p) => { p.CFItems = Array.from({ length: 20_000 }, () => ({})) })
      const error = await rejection(client.packages.create(pkg))
      assert.ok(env.sdk.errors.isInputValidationError(error), String(error))
      assert.equal(error.issues.length, 51)
      assert.match(error.issues[50].message, /^and \d+ more problems$/)
      assert.ok(error.message.length < 10_000, `${error.message.length} characters`)
      assert.equal(emulator.requests.filter((r) => r.path.startsWith('/ims/case/')).length, 0)
    })
  })
}

export default suite
