/**
 * @module services/qti/resources/sections — the sections of one test part: page-numbered listing, get,
 * create, full replacement, delete, and the item references they hold (add, remove, reorder).
 */

import type { InputIssue } from '../../../core/errors.js'
import { fetchPages, listing, pageOf, type Listing } from '../../../core/paging/listing.js'
import { pagePaging } from '../../../core/paging/page.js'
import type { RawPage } from '../../../core/pagination.js'
import type { ServiceContext } from '../../../core/resource/context.js'
import { none, operation, type Query } from '../../../core/resource/operation.js'
import type { CallOptions } from '../../../core/transport/http.js'
import { checkedInput, creating, done, identifierOf, listQuery, need, record, type QtiListParams } from './shared.js'
import { checkItemRef, checkSection } from './structure.js'
import type { ItemRef, Section } from './types.js'

const BASE = '/assessment-tests/{assessmentTestIdentifier}/test-parts/{testPartIdentifier}/sections'
const ONE = `${BASE}/{identifier}`
type Ids = { assessmentTestIdentifier: string; testPartIdentifier: string }

/** GET …/sections */
const searchSections = /* @__PURE__ */ operation<{ query: Query }, RawPage<Section>>({ method: 'GET', path: BASE, unwrap: pageOf('items') })
/** POST …/sections */
const createSection = /* @__PURE__ */ operation<Ids & { body: Section }, Section>({ method: 'POST', path: BASE, unwrap: record })
/** GET …/sections/{identifier} */
const getSection = /* @__PURE__ */ operation<Ids & { identifier: string }, Section>({ method: 'GET', path: ONE, unwrap: record })
/** PUT …/sections/{identifier} */
const putSection = /* @__PURE__ */ operation<Ids & { identifier: string; body: Section }, Section>({ method: 'PUT', path: ONE, unwrap: record })
/** DELETE …/sections/{identifier} (answers 200 `{ message }`) */
const deleteSection = /* @__PURE__ */ operation<Ids & { identifier: string }, void>({ method: 'DELETE', path: ONE, unwrap: none })
/** POST …/sections/{identifier}/items */
const addItem = /* @__PURE__ */ operation<Ids & { identifier: string; body: ItemRef }, Section>({ method: 'POST', path: `${ONE}/items`, unwrap: record })
/** DELETE …/sections/{identifier}/items/{itemIdentifier} */
const removeItem = /* @__PURE__ */ operation<Ids & { identifier: string; itemIdentifier: string }, void>({
  method: 'DELETE', path: `${ONE}/items/{itemIdentifier}`, unwrap: none,
})
/** PUT …/sections/{identifier}/items/order */
const orderItems = /* @__PURE__ */ operation<Ids & { identifier: string; body: { items: ItemRef[] } }, Section>({
  method: 'PUT', path: `${ONE}/items/order`, unwrap: record,
})
const compileSections = /* @__PURE__ */ listQuery(['title', 'identifier', 'createdAt', 'updatedAt'])

/** Sort fields of a section list. @example await client.assessmentTests.sections('t1', 'p1').list({ sort: 'title' }) */
export type SectionSort = 'title' | 'identifier' | 'createdAt' | 'updatedAt'

/** The sections of one test part. @example const sections: SectionsResource = client.assessmentTests.sections('t1', 'p1') */
export interface SectionsResource extends Listing<Section, QtiListParams<SectionSort>> {
  get(identifier: string, call?: CallOptions): Promise<Section>
  /** POST: a new section (checked before the request). */
  create(section: Section, call?: CallOptions): Promise<Section>
  /** PUT: replaces the whole section, item references included. */
  update(identifier: string, section: Section, call?: CallOptions): Promise<Section>
  delete(identifier: string, call?: CallOptions): Promise<void>
  /** Adds a reference to an existing assessment item (`'q1'` or `{ identifier, href?, sequence? }`). */
  addItem(identifier: string, item: string | ItemRef, call?: CallOptions): Promise<Section>
  /** Removes the reference to `itemIdentifier` (the item itself stays). */
  removeItem(identifier: string, itemIdentifier: string, call?: CallOptions): Promise<void>
  /** Sets the order of the section's items: identifiers in order (sequence 1, 2, …) or references with their own `sequence`. */
  reorderItems(identifier: string, items: readonly (string | ItemRef)[], call?: CallOptions): Promise<Section>
}

const asRef = (item: string | ItemRef, sequence?: number): ItemRef =>
  typeof item === 'string' ? (sequence === undefined ? { identifier: item } : { identifier: item, sequence }) : item

/**
 * The sections resource of test part `testPartIdentifier` in test `assessmentTestIdentifier`.
 * @example await createSections(ctx, 't1', 'p1').reorderItems('s1', ['q2', 'q1'])
 */
export function createSections(ctx: ServiceContext, assessmentTestIdentifier: string, testPartIdentifier: string): SectionsResource {
  const ids: Ids = { assessmentTestIdentifier, testPartIdentifier }
  return {
    ...listing(fetchPages(ctx, searchSections, ids), pagePaging, compileSections, identifierOf),
    get: (identifier, call) => getSection(ctx, { ...ids, identifier }, call),
    create: async (section, call) => creating(createSection(ctx, { ...ids, body: checkedInput<Section>(section, 'sections.create', checkSection) }, call), 'section', section?.identifier),
    update: async (identifier, section, call) => putSection(ctx, { ...ids, identifier, body: checkedInput<Section>(section, 'sections.update', checkSection, identifier) }, call),
    delete: (identifier, call) => deleteSection(ctx, { ...ids, identifier }, call),
    addItem: async (identifier, item, call) => {
      const issues: InputIssue[] = []
      const body = asRef(item)
      checkItemRef(body, issues)
      done(issues, 'sections.addItem')
      return addItem(ctx, { ...ids, identifier, body }, call)
    },
    removeItem: (identifier, itemIdentifier, call) => removeItem(ctx, { ...ids, identifier, itemIdentifier }, call),
    reorderItems: async (identifier, items, call) => {
      const issues: InputIssue[] = []
      const refs = Array.isArray(items) ? items.map((item, i) => asRef(item, i + 1)) : []
      need(issues, refs.length, 'items', 'must be a non-empty array of item identifiers or references')
      refs.forEach((ref, i) => checkItemRef(ref, issues, `items.${i}`))
      const seen = new Set(refs.map((ref) => ref?.identifier))
      need(issues, seen.size === refs.length, 'items', 'lists an item twice')
      done(issues, 'sections.reorderItems')
      return orderItems(ctx, { ...ids, identifier, body: { items: refs } }, call)
    },
  }
}
