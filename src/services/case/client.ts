// CaseClient: CASE 1.1 competency frameworks on the API host (`/ims/case/v1p1`): documents, items, associations
// and whole packages.

import type { ClientOptions } from '../../core/config.js'
import { createServiceRuntime, type ServiceRuntime } from '../../core/runtime.js'
import { createAssociations, createDocuments, createItems, type AssociationsResource, type CaseCollection } from './resources/framework.js'
import { createPackages, type PackagesResource } from './resources/packages.js'
import type { CFDocument, CFItem } from './resources/types.js'
import { service } from './service.js'

/**
 * Typed client for CASE (Competencies and Academic Standards Exchange). Options: `auth: { clientId, clientSecret }`
 * (env `CASE_*` then `TIMEBACK_*`) and `env` or `baseUrl` (the API host).
 * @example
 * const client = new CaseClient({ env: 'staging', auth: { clientId, clientSecret } })
 * for await (const doc of client.documents.stream()) console.log(doc.title)
 * const framework = await client.packages.get(documentId)
 */
export class CaseClient {
  readonly #runtime: ServiceRuntime
  #documents?: CaseCollection<CFDocument>
  #items?: CaseCollection<CFItem>
  #associations?: AssociationsResource
  #packages?: PackagesResource

  constructor(options: ClientOptions = {}) {
    this.#runtime = createServiceRuntime(service, options)
  }

  /** The resolved base URL (no credentials). */
  get baseUrl(): string {
    return this.#runtime.config.baseUrl
  }

  /** Frameworks' root records: list, stream, listAll, get. */
  get documents(): CaseCollection<CFDocument> {
    return (this.#documents ??= createDocuments(this.#runtime))
  }

  /** Standards and the nodes above them, across documents: list, stream, listAll, get. */
  get items(): CaseCollection<CFItem> {
    return (this.#items ??= createItems(this.#runtime))
  }

  /** Links between nodes: get. */
  get associations(): AssociationsResource {
    return (this.#associations ??= createAssociations(this.#runtime))
  }

  /** Whole frameworks: create (upload), get, groups (as a tree). */
  get packages(): PackagesResource {
    return (this.#packages ??= createPackages(this.#runtime))
  }
}
