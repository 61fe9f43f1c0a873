// Orgs (/orgs): districts, schools, departments and the other organisations users and classes belong to.
// Schools (/schools) are the same records seen through the school routes; see ./schools.ts.

import * as v from '../../../core/schema.js'
import {
  type ListMethods, type ReadMethods, type ServiceContext, type WriteMethods,
} from '../../../core/resource.js'
import { collectionMethods } from '../../../core/collection.js'
import type { ChangeMethods } from '../../../core/changes.js'
import {
  recordSchema,
  ORG_TYPES, ROSTERING, baseInput, oneOf, optionalRef, optionalString, requiredString,
  type BaseEntity, type OrgType, type Ref,
} from '../base.js'

export interface Org extends BaseEntity {
  name: string
  type: OrgType
  identifier?: string | null
  parent?: Ref | null
  children?: Ref[]
}

/** Fields of an org body (orgs and schools share them). */
export const orgFields = {
  ...baseInput,
  name: requiredString,
  type: oneOf(ORG_TYPES),
  identifier: optionalString,
  parent: optionalRef,
}

/** Create/update input: `name` and `type` are required. */
export const OrgInputSchema = v.looseObject(orgFields)
export type OrgInput = v.InferInput<typeof OrgInputSchema>

/** Checked on reads when `validateResponses` is on. */
export const OrgRecordSchema = recordSchema({ name: v.string(), type: v.string() })

export type OrgsResource = ListMethods<Org> & ChangeMethods<Org> & ReadMethods<Org> & WriteMethods<OrgInput>

const ORGS = `${ROSTERING}/orgs/`
const ORG = `${ROSTERING}/orgs/{id}`

/**
 * Builds `client.orgs`:
 * list/listAll/first/stream (GET /orgs/), get (GET /orgs/{id}), exists (HEAD /orgs/{id}), create (POST /orgs/),
 * update/upsert (PUT /orgs/{id}), delete (DELETE /orgs/{id}).
 */
export function createOrgs(ctx: ServiceContext): OrgsResource {
  return {
    ...collectionMethods<Org, OrgInput>(ctx, {
      path: ORGS, itemPath: ORG, listKeys: ['orgs'], itemKeys: ['org'], entity: OrgRecordSchema,
      bodyKey: 'org', label: 'orgs', create: OrgInputSchema,
    }),
  }
}
