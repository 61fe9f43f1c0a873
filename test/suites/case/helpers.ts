// Shared by the CASE suites: a CaseClient against a fresh emulator (CASE lives at the origin), and small CASE
// packages built from fixed UUIDs, so a test knows every id it uploads.

import type { SuiteEnv } from '../../harness/types.ts'

/** A fresh emulator and a CaseClient reaching it the way the runner chose (injected fetch or msw). */
export function caseSetup(env: SuiteEnv, options: Parameters<SuiteEnv['setup']>[0] = {}) {
  const { emulator, options: base } = env.setup(options)
  const client = new env.sdk.case.CaseClient({ ...base, baseUrl: emulator.services.case, maxRetries: 0 })
  /** The CASE requests made so far (paths and queries), without the token requests. */
  const caseRequests = () => emulator.requests.filter((r) => r.path.startsWith('/ims/case/'))
  return { emulator, client, caseRequests }
}

/** A UUID from a series letter (hex) and a number: uuid('a', 3) is 'a0000000-0000-4000-8000-000000000003'. */
export const uuid = (series: string, n: number): string => `${series}0000000-0000-4000-8000-${String(n).padStart(12, '0')}`

const WHEN = '2026-02-01T12:00:00Z'
const uri = (id: string) => `https://case.example/uri/${id}`

/**
 * A package of one document (`uuid(series, 0)`) and `count` standards (`uuid(series, 1…count)`), each
 * `isChildOf` the document (associations `uuid(series, 1001…)`).
 */
export function makePackage(series: string, count: number, title = `Framework ${series}`) {
  const documentId = uuid(series, 0)
  const CFDocument = { identifier: documentId, uri: uri(documentId), lastChangeDateTime: WHEN, title, creator: 'Suite' }
  const CFItems = Array.from({ length: count }, (_, i) => ({
    identifier: uuid(series, i + 1), uri: uri(uuid(series, i + 1)), lastChangeDateTime: WHEN,
    fullStatement: `Standard ${i + 1} of ${title}`, CFItemType: 'Standard', humanCodingScheme: `${series}.${i + 1}`,
  }))
  const CFAssociations = CFItems.map((item, i) => ({
    identifier: uuid(series, 1001 + i), uri: uri(uuid(series, 1001 + i)), lastChangeDateTime: WHEN, associationType: 'isChildOf', sequenceNumber: i + 1,
    originNodeURI: { identifier: item.identifier, title: item.humanCodingScheme, uri: item.uri },
    destinationNodeURI: { identifier: documentId, title, uri: CFDocument.uri },
  }))
  return { documentId, pkg: { CFDocument, CFItems, CFAssociations } }
}

export { rejection } from '../refusals.ts'
