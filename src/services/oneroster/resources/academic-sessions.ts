// Academic sessions (/academicSessions): school years, semesters, terms and grading periods, nested through
// `parent`/`children`. Terms and grading periods also have their own routes (./terms.ts, ./grading-periods.ts).

import * as v from '../../../core/schema.js'
import {
  type ListMethods, type ReadMethods, type ServiceContext, type WriteMethods,
} from '../../../core/resource.js'
import { collectionMethods } from '../../../core/collection.js'
import type { ChangeMethods } from '../../../core/changes.js'
import {
  recordSchema,
  ROSTERING, SESSION_TYPES, activeByDefault, baseInput, dateSchema, oneOf, optionalRef, refSchema, requiredString,
  type BaseEntity, type Ref, type SessionType,
} from '../base.js'

export interface AcademicSession extends BaseEntity {
  title: string
  startDate: string
  endDate: string
  type: SessionType
  parent?: Ref | null
  children?: Ref[] | null
  /** The spec writes it as a string ("2026"); some reads carry a number. */
  schoolYear: string | number
  org: Ref
}

/**
 * Fields of an academic-session body, shared by the grading-period routes. `schoolYear` may be given as a
 * number; it is sent as the string the spec asks for.
 */
export const sessionFields = {
  ...baseInput,
  status: activeByDefault,
  title: requiredString,
  startDate: dateSchema,
  endDate: dateSchema,
  type: oneOf(SESSION_TYPES),
  parent: optionalRef,
  children: v.optional(v.nullable(v.array(refSchema))),
  schoolYear: v.pipe(v.union([v.string(), v.number()], 'must be a year such as "2026"'), v.transform(String)),
  org: refSchema,
}

/**
 * Create/update input: `title`, `startDate`, `endDate`, `type`, `schoolYear` and `org` are required. The spec
 * also requires `sourcedId` (generated when absent) and `status` (defaults to `active`).
 */
export const AcademicSessionInputSchema = v.looseObject(sessionFields)
export type AcademicSessionInput = v.InferInput<typeof AcademicSessionInputSchema>

/** Checked on reads when `validateResponses` is on. */
export const AcademicSessionRecordSchema = recordSchema({ title: v.string(), type: v.string() })

export type AcademicSessionsResource = ListMethods<AcademicSession> & ChangeMethods<AcademicSession> & ReadMethods<AcademicSession> & WriteMethods<AcademicSessionInput>

const ALL = `${ROSTERING}/academicSessions/`
const ONE = `${ROSTERING}/academicSessions/{id}`

/**
 * Builds `client.academicSessions`: list/stream (GET /academicSessions/), get/exists (GET|HEAD /academicSessions/{id}),
 * create (POST /academicSessions/), update/upsert (PUT /academicSessions/{id}), delete (DELETE /academicSessions/{id}).
 */
export function createAcademicSessions(ctx: ServiceContext): AcademicSessionsResource {
  return {
    ...collectionMethods<AcademicSession, AcademicSessionInput>(ctx, {
      path: ALL, itemPath: ONE, listKeys: ['academicSessions'], itemKeys: ['academicSession'], entity: AcademicSessionRecordSchema,
      bodyKey: 'academicSession', label: 'academicSessions', create: AcademicSessionInputSchema, generateSourcedId: true,
    }),
  }
}
