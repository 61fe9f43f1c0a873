// Demographics (/demographics): a user's birth date, sex, race and ethnicity flags and place of birth. The
// record shares its sourcedId with the user it describes; `users(id).withDemographics()` reads both at once.

import * as v from '../../../core/schema.js'
import {
  type ListMethods, type ReadMethods, type ServiceContext, type WriteMethods,
} from '../../../core/resource.js'
import { collectionMethods } from '../../../core/collection.js'
import type { ChangeMethods } from '../../../core/changes.js'
import { ROSTERING, baseInput, oneOf, optionalString, recordSchema, type BaseEntity } from '../base.js'

/** The spec lists male, female and '' (unknown); OneRoster 1.2 also has other and unspecified. */
export const SEXES = ['male', 'female', 'other', 'unspecified', ''] as const
export type Sex = (typeof SEXES)[number]

/** "true", "false" or "" as the service sends them. */
export type Flag = 'true' | 'false' | '' | boolean | null

export interface Demographics extends BaseEntity {
  birthDate?: string | null
  sex?: Sex | null
  americanIndianOrAlaskaNative?: Flag
  asian?: Flag
  blackOrAfricanAmerican?: Flag
  nativeHawaiianOrOtherPacificIslander?: Flag
  white?: Flag
  demographicRaceTwoOrMoreRaces?: Flag
  hispanicOrLatinoEthnicity?: Flag
  countryOfBirthCode?: string | null
  stateOfBirthAbbreviation?: string | null
  cityOfBirth?: string | null
  publicSchoolResidenceStatus?: string | null
}

const flag = v.optional(v.nullable(v.union([v.boolean(), oneOf(['true', 'false', ''] as const)], "must be true, false, 'true', 'false' or ''")))

/** Create/update input: every field is optional; `sourcedId` (required by the spec) is generated when absent. */
export const DemographicsInputSchema = v.looseObject({
  ...baseInput,
  birthDate: optionalString,
  sex: v.optional(v.nullable(oneOf(SEXES))),
  americanIndianOrAlaskaNative: flag,
  asian: flag,
  blackOrAfricanAmerican: flag,
  nativeHawaiianOrOtherPacificIslander: flag,
  white: flag,
  demographicRaceTwoOrMoreRaces: flag,
  hispanicOrLatinoEthnicity: flag,
  countryOfBirthCode: optionalString,
  stateOfBirthAbbreviation: optionalString,
  cityOfBirth: optionalString,
  publicSchoolResidenceStatus: optionalString,
})
export type DemographicsInput = v.InferInput<typeof DemographicsInputSchema>

/** Checked on reads when `validateResponses` is on. */
export const DemographicsRecordSchema = recordSchema({})

export type DemographicsResource = ListMethods<Demographics> & ChangeMethods<Demographics> & ReadMethods<Demographics> & WriteMethods<DemographicsInput>

const ALL = `${ROSTERING}/demographics/`
const ONE = `${ROSTERING}/demographics/{id}`

/**
 * Builds `client.demographics`: list/stream (GET /demographics/), get/exists (GET|HEAD /demographics/{id}),
 * create (POST /demographics/), update/upsert (PUT /demographics/{id}), delete (DELETE /demographics/{id}).
 */
export function createDemographics(ctx: ServiceContext): DemographicsResource {
  return {
    ...collectionMethods<Demographics, DemographicsInput>(ctx, {
      path: ALL, itemPath: ONE, listKeys: ['demographics'], itemKeys: ['demographics'], entity: DemographicsRecordSchema,
      bodyKey: 'demographics', label: 'demographics', create: DemographicsInputSchema, generateSourcedId: true,
    }),
  }
}
