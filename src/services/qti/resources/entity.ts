/**
 * @module services/qti/resources/entity — the routes items and stimuli share: get, create from the JSON form
 * (`{ format: 'json', … }`) or from XML (`{ format: 'xml', xml, metadata }`, checked well-formed with the right
 * root before it is sent), PUT as a full replacement in either form, delete, and `patch`, which fetches the
 * record and replaces it with its own stored XML (title attribute and metadata changed): the service's JSON
 * form is lossy, so sending back the parsed fields could drop the question itself.
 */

import type { InputIssue } from '../../../core/errors.js'
import type { ServiceContext } from '../../../core/resource/context.js'
import { none, operation } from '../../../core/resource/operation.js'
import type { CallOptions } from '../../../core/transport/http.js'
import {
  creating, done, fetchUnchanged, isObject, merged, need, record, start, text, type PatchOptions, type Stamped,
} from './shared.js'
import { checkRoot, checkXml, setRootAttribute } from './xml.js'

/** What one XML-backed collection declares. @example const spec: XmlEntitySpec = { path: '/stimuli', root: 'qti-assessment-stimulus', what: 'stimulus', label: 'stimuli', check } */
export interface XmlEntitySpec {
  /** The collection's path (`/assessment-items`); one record is `{path}/{identifier}`. */
  path: string
  /** The XML root element its documents must have. */
  root: string
  /** Its name in messages (`assessment item`) and its resource's name in labels (`assessmentItems`). */
  what: string
  label: string
  /** Checks the JSON form; answers the issues found (`start(input, …)` first). */
  check(input: unknown, label: string): InputIssue[]
  /** Checks `metadata` (an object when present, by default). */
  metadata?(metadata: unknown, issues: InputIssue[]): void
}

/** get, create, createFromXml, update, updateFromXml, patch and delete of an XML-backed collection. @example const item = await client.assessmentItems.createFromXml(xml) */
export interface XmlEntity<T, I, M> {
  /** GET {path}/{identifier} */
  get(identifier: string, call?: CallOptions): Promise<T>
  /** POST {path} with the JSON form; a 409 is a ConflictError saying the identifier exists. */
  create(input: I, call?: CallOptions): Promise<T>
  /** POST {path} with `{ format: 'xml', xml, metadata }`; the XML must be well formed, with the right root and an identifier. */
  createFromXml(xml: string, metadata?: M, call?: CallOptions): Promise<T>
  /** PUT {path}/{identifier}: replaces the whole record with `input` (its identifier must be `identifier`). */
  update(identifier: string, input: I, call?: CallOptions): Promise<T>
  /** PUT {path}/{identifier} with `{ format: 'xml', xml, metadata }`: replaces the whole record. */
  updateFromXml(identifier: string, xml: string, metadata?: M, call?: CallOptions): Promise<T>
  /**
   * Fetches the record, then replaces it with its stored XML, `title` set on the root element and `metadata`
   * merged key by key; with `ifUnmodifiedSince`, refuses (ConflictError, status 412) when it changed after that.
   */
  patch(identifier: string, changes: { title?: string; metadata?: M }, options?: PatchOptions): Promise<T>
  /** DELETE {path}/{identifier} */
  delete(identifier: string, call?: CallOptions): Promise<void>
}

const objectMetadata = (metadata: unknown, issues: InputIssue[]) =>
  need(issues, metadata === undefined || isObject(metadata), 'metadata', 'must be an object')

/**
 * Declares an XML-backed collection; call the result with a client's context. `jsonBody` and `xmlBody` build
 * (and check) the two body forms for routes outside the collection.
 * @example
 * const stimuli = xmlEntity<Stimulus, StimulusInput, Record<string, unknown>>({ path: '/stimuli', root: 'qti-assessment-stimulus', what: 'stimulus', label: 'stimuli', check })
 * await stimuli(ctx).createFromXml(xml)
 */
/* @__NO_SIDE_EFFECTS__ */
export function xmlEntity<T extends Stamped, I, M>(spec: XmlEntitySpec) {
  const one = `${spec.path}/{identifier}`
  const get = operation<{ identifier: string }, T>({ method: 'GET', path: one, unwrap: record })
  const post = operation<{ body: unknown }, T>({ method: 'POST', path: spec.path, unwrap: record })
  const put = operation<{ identifier: string; body: unknown }, T>({ method: 'PUT', path: one, unwrap: record })
  const remove = operation<{ identifier: string }, void>({ method: 'DELETE', path: one, unwrap: none })
  const checkMetadata = spec.metadata ?? objectMetadata

  const jsonBody = (input: unknown, label: string, identifier?: string) => {
    const issues = spec.check(input, label)
    // The JSON form is sent as { format: 'json', … }: a caller's own format would turn it into a broken XML body.
    need(issues, (input as { format?: unknown }).format === undefined, 'format', 'is set by the client: send XML with createFromXml or updateFromXml')
    if (identifier !== undefined) need(issues, (input as I & { identifier: unknown }).identifier === identifier, 'identifier', `must be '${identifier}', the identifier being replaced`)
    done(issues, label)
    return { format: 'json', ...(input as object) }
  }
  const xmlBody = (xml: unknown, metadata: unknown, label: string, identifier?: string) => {
    const id = checkRoot(xml, spec.root, 'xml', label).attributes.identifier
    const issues: InputIssue[] = []
    if (identifier !== undefined) need(issues, id === identifier, 'xml', `has identifier '${id}' on <${spec.root}>, expected '${identifier}', the identifier being replaced`)
    checkMetadata(metadata, issues)
    done(issues, label)
    return { format: 'xml', xml: xml as string, ...(metadata === undefined ? {} : { metadata }), id }
  }
  const withoutId = ({ id: _, ...body }: { id?: string; [key: string]: unknown }) => body

  const bind = (ctx: ServiceContext): XmlEntity<T, I, M> => ({
    get: (identifier, call) => get(ctx, { identifier }, call),
    create: async (input, call) => {
      const body = jsonBody(input, `${spec.label}.create`)
      return creating(post(ctx, { body }, call), spec.what, (input as { identifier?: unknown }).identifier)
    },
    createFromXml: async (xml, metadata, call) => {
      const body = xmlBody(xml, metadata, `${spec.label}.createFromXml`)
      return creating(post(ctx, { body: withoutId(body) }, call), spec.what, body.id)
    },
    update: async (identifier, input, call) => put(ctx, { identifier, body: jsonBody(input, `${spec.label}.update`, identifier) }, call),
    updateFromXml: async (identifier, xml, metadata, call) =>
      put(ctx, { identifier, body: withoutId(xmlBody(xml, metadata, `${spec.label}.updateFromXml`, identifier)) }, call),
    patch: async (identifier, changes, options = {}) => {
      const label = `${spec.label}.patch`
      const issues = start(changes, 'changes', label)
      for (const key in changes) need(issues, key === 'title' || key === 'metadata', key, 'patch changes title and metadata only: replace the whole record with update or updateFromXml')
      text(issues, changes.title, 'title', true)
      // It is written into the stored XML: a character XML 1.0 cannot hold would make the document unreadable.
      need(issues, typeof changes.title !== 'string' || !/[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/.test(changes.title), 'title', 'holds a control character XML cannot carry')
      checkMetadata(changes.metadata, issues)
      text(issues, identifier, 'identifier')
      done(issues, label)
      const current = await fetchUnchanged(() => get(ctx, { identifier }, options), options, label, identifier)
      const stored = current as T & { rawXml?: unknown; metadata?: object }
      const metadata = changes.metadata === undefined ? stored.metadata : { ...stored.metadata, ...changes.metadata }
      let body: Record<string, unknown>
      if (typeof stored.rawXml === 'string') {
        const title = changes.title
        const xml = title === undefined ? stored.rawXml : setRootAttribute(stored.rawXml, checkXml(stored.rawXml, 'rawXml', label), 'title', title)
        body = { format: 'xml', xml, ...(metadata === undefined ? {} : { metadata }) }
      } else {
        // No stored XML in the answer: the parsed fields are all there is to send back.
        body = { format: 'json', ...merged(stored, { ...changes, metadata }) }
      }
      return put(ctx, { identifier, body }, options)
    },
    delete: (identifier, call) => remove(ctx, { identifier }, call),
  })
  return Object.assign(bind, { jsonBody, xmlBody: (xml: unknown, metadata: unknown, label: string) => withoutId(xmlBody(xml, metadata, label)) })
}
