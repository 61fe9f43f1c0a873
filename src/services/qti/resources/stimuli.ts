/**
 * @module services/qti/resources/stimuli — shared passages (text, images, media) that items reference:
 * page-numbered listing (no `filter` in the spec for this route), get, create from JSON or XML, full
 * replacement, `patch` and delete.
 */

import { fetchPages, listing, pageOf, type Listing } from '../../../core/paging/listing.js'
import { pagePaging } from '../../../core/paging/page.js'
import type { RawPage } from '../../../core/pagination.js'
import type { ServiceContext } from '../../../core/resource/context.js'
import { operation, type Query } from '../../../core/resource/operation.js'
import { xmlEntity, type XmlEntity } from './entity.js'
import { identifierOf, listQuery, start, text, type QtiListParams } from './shared.js'
import type { Stimulus, StimulusInput } from './types.js'

/** Sort fields of `GET /stimuli`. @example await client.stimuli.list({ sort: 'title' }) */
export type StimulusSort = 'title' | 'identifier' | 'createdAt' | 'updatedAt'

/** GET /stimuli */
const searchStimuli = /* @__PURE__ */ operation<{ query: Query }, RawPage<Stimulus>>({ method: 'GET', path: '/stimuli', unwrap: pageOf('items') })
const compileStimuli = /* @__PURE__ */ listQuery(['title', 'identifier', 'createdAt', 'updatedAt'])

/** GET, POST, PUT, DELETE /stimuli[/{identifier}] with the XML form and `patch`. */
const stimuli = /* @__PURE__ */ xmlEntity<Stimulus, StimulusInput, Record<string, unknown>>({
  path: '/stimuli', root: 'qti-assessment-stimulus', what: 'stimulus', label: 'stimuli',
  check: (input, label) => {
    const issues = start(input, 'stimulus', label)
    const stimulus = input as Record<string, unknown>
    text(issues, stimulus.identifier, 'identifier')
    text(issues, stimulus.title, 'title')
    text(issues, stimulus.content, 'content')
    return issues
  },
})

/** The stimuli of a QtiClient. @example const stimuli: StimuliResource = client.stimuli */
export interface StimuliResource extends Listing<Stimulus, QtiListParams<StimulusSort>>, XmlEntity<Stimulus, StimulusInput, Record<string, unknown>> {}

/**
 * The stimuli resource bound to a client's context.
 * @example
 * const passage = await createStimuli(ctx).createFromXml('<qti-assessment-stimulus identifier="st1" …>…</qti-assessment-stimulus>')
 */
export function createStimuli(ctx: ServiceContext): StimuliResource {
  return { ...listing(fetchPages(ctx, searchStimuli), pagePaging, compileStimuli, identifierOf), ...stimuli(ctx) }
}
