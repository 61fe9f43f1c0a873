// The emulator's seeded CASE framework: a small Grade 3 math document with two domains and four standards, so a
// demo can align a QTI item to a standard without uploading one. Fixed UUIDs (`SEED_CASE`), statements in our own
// words; loaded through the same upload path as POST /CFPackages.
import { storePackage } from './upload.js'
import type { CaseState } from './state.js'

const id = (n: number) => `c45e0000-0000-4000-8000-${String(n).padStart(12, '0')}`

/**
 * The seeded framework's sourcedIds: the document (also its package's id), domains, standards, associations.
 *
 * @example
 * const standard = SEED_CASE.standards.multiplication // align a QTI item to it
 */
export const SEED_CASE = {
  document: id(1),
  domains: { operations: id(10), baseTen: id(11) },
  standards: { multiplication: id(20), division: id(21), rounding: id(22), addSubtract: id(23) },
  /** isChildOf: domains → document, standards → domains (6), then one isRelatedTo (multiplication ↔ division). */
  associations: [id(30), id(31), id(32), id(33), id(34), id(35), id(36)],
} as const

const WHEN = '2026-01-05T09:00:00Z'

/** Loads the seed framework into `state`. */
export function loadSeed(state: CaseState, origin: string): void {
  const S = SEED_CASE
  const uri = (kind: string, sourcedId: string) => `${origin}/ims/case/v1p1/${kind}/${sourcedId}`
  const doc = { identifier: S.document, uri: uri('CFDocuments', S.document), title: 'Emulator Mathematics, Grade 3', creator: 'Timeback emulator', lastChangeDateTime: WHEN, caseVersion: '1.1', subject: ['Math'], language: 'en', adoptionStatus: 'Adopted' }
  const item = (identifier: string, code: string, type: string, fullStatement: string, n: number) => ({
    identifier, uri: uri('CFItems', identifier), lastChangeDateTime: WHEN, fullStatement, CFItemType: type, humanCodingScheme: code, listEnumeration: String(n), educationLevel: ['03'], subject: ['Math'], language: 'en',
  })
  const items = [
    item(S.domains.operations, '3.OA', 'Domain', 'Operations and algebraic thinking', 1),
    item(S.standards.multiplication, '3.OA.1', 'Standard', 'Read a product such as 4 × 6 as the total of 4 groups with 6 things in each.', 1),
    item(S.standards.division, '3.OA.2', 'Standard', 'Read a quotient such as 24 ÷ 6 as the size of each group when 24 things are shared into 6 equal groups.', 2),
    item(S.domains.baseTen, '3.NBT', 'Domain', 'Place value and whole-number arithmetic', 2),
    item(S.standards.rounding, '3.NBT.1', 'Standard', 'Round a whole number to the nearest ten or hundred using place value.', 1),
    item(S.standards.addSubtract, '3.NBT.2', 'Standard', 'Add and subtract whole numbers up to 1000 with fluency.', 2),
  ]
  const node = (i: { identifier: string; uri: string; humanCodingScheme?: string }, title = i.humanCodingScheme!) => ({ identifier: i.identifier, title, uri: i.uri })
  const docNode = node(doc, doc.title)
  const [ops, mul, div, ten, round, add] = items as [typeof items[0], typeof items[0], typeof items[0], typeof items[0], typeof items[0], typeof items[0]]
  const pairs: [typeof ops, ReturnType<typeof node>, string, number][] = [
    [ops, docNode, 'isChildOf', 1], [ten, docNode, 'isChildOf', 2], [mul, node(ops), 'isChildOf', 1], [div, node(ops), 'isChildOf', 2],
    [round, node(ten), 'isChildOf', 1], [add, node(ten), 'isChildOf', 2], [mul, node(div), 'isRelatedTo', 1],
  ]
  const CFAssociations = pairs.map(([from, to, associationType, sequenceNumber], n) => ({
    identifier: S.associations[n]!, uri: uri('CFAssociations', S.associations[n]!), lastChangeDateTime: WHEN, associationType, sequenceNumber, originNodeURI: node(from), destinationNodeURI: to,
  }))
  storePackage(state, origin, { CFDocument: doc, CFItems: items, CFAssociations })
}
