// Write-time normalisation: turns what clients write into what OneRoster reads return, once, so reads
// and listings never transform records (that keeps large listings cheap).
import type { Env } from './context.js'
import type { Entity } from './types.js'
import { boolText, fullRef, INTEGER, isObject, withRefs } from './model.js'

// Reference fields whose read shape (per the spec's GET schemas) is `{ href, sourcedId, type }`.
// Gradebook and course-content references are plain `{ sourcedId }` in the spec and are left alone.
const REF_FIELDS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  users: { agents: 'user', primaryOrg: 'org' },
  orgs: { parent: 'org', children: 'org' },
  classes: { course: 'course', school: 'org', terms: 'academicSession', resources: 'resource' },
  enrollments: { user: 'user', class: 'class', school: 'org', course: 'course' },
  academicSessions: { parent: 'academicSession', org: 'org', children: 'academicSession' },
  courses: { schoolYear: 'academicSession' },
}

function user(env: Env, e: Entity): Entity {
  const roles = Array.isArray(e.roles)
    ? e.roles.map((r) => (isObject(r) ? { ...r, org: fullRef(env, r.org, 'org') } : r))
    : []
  return {
    ...e,
    enabledUser: boolText(e.enabledUser, 'true'),
    roles,
    agents: Array.isArray(e.agents) ? e.agents : [],
    userProfiles: Array.isArray(e.userProfiles) ? e.userProfiles : [],
  }
}

function klass(e: Entity): Entity {
  // The create body names the school `org`; reads expose it as `school` (live reads answer org: null).
  const { org, ...rest } = e
  const out: Entity = org !== undefined && (rest.school === undefined || rest.school === null) ? { ...rest, school: org } : rest
  // Keys every class read carries (nullable ones as null; classType has no null, so the usual kind).
  return withDefaults(out, { classCode: null, classType: 'scheduled', location: null, course: null, school: null, terms: [] })
}

function enrollment(env: Env, e: Entity): Entity {
  const out: Entity = withDefaults({ ...e, primary: boolText(e.primary, 'false') }, { beginDate: null, endDate: null })
  // Reads carry school and course; derive them from the class when the writer left them out.
  const classId = isObject(e.class) && typeof e.class.sourcedId === 'string' ? e.class.sourcedId : undefined
  const cls = classId === undefined ? undefined : env.store.get('classes', classId)
  if (cls) {
    if (out.school === undefined && isObject(cls.school)) out.school = { sourcedId: cls.school.sourcedId }
    if (out.course === undefined && isObject(cls.course)) out.course = { sourcedId: cls.course.sourcedId }
  }
  return out
}

function org(e: Entity): Entity {
  // `identifier` is a required string in reads: the sourcedId stands in when the writer gave none.
  const identifier = typeof e.identifier === 'string' ? e.identifier : e.sourcedId
  return { ...e, identifier, children: Array.isArray(e.children) ? e.children : [] }
}

/** `schoolYear` reads as a number; writes may send '2026' (the request schema types it as a string). */
function session(e: Entity): Entity {
  return typeof e.schoolYear === 'string' && INTEGER.test(e.schoolYear.trim()) ? { ...e, schoolYear: Number(e.schoolYear.trim()) } : e
}

// Read-schema keys that are required but may be null.
const DEMOGRAPHIC_FIELDS = [
  'birthDate', 'sex', 'americanIndianOrAlaskaNative', 'asian', 'blackOrAfricanAmerican', 'nativeHawaiianOrOtherPacificIslander', 'white',
  'demographicRaceTwoOrMoreRaces', 'hispanicOrLatinoEthnicity', 'countryOfBirthCode', 'stateOfBirthAbbreviation', 'cityOfBirth',
  'publicSchoolResidenceStatus',
] as const
const DEMOGRAPHIC_NULLS: Readonly<Record<string, null>> = Object.fromEntries(DEMOGRAPHIC_FIELDS.map((f) => [f, null]))

/** Course components: `sortOrder` and `unlockDate` are required (not nullable) in reads: 0 and "unlocked when created". */
function component(env: Env, e: Entity): Entity {
  return withDefaults(e, { sortOrder: 0, unlockDate: typeof e.dateLastModified === 'string' ? e.dateLastModified : env.nowIso() })
}

/** Keys missing (undefined) from `e` take the given values; present keys, null included, are kept. */
function withDefaults(e: Entity, defaults: Readonly<Record<string, unknown>>): Entity {
  let out: Entity | undefined
  for (const [key, value] of Object.entries(defaults)) {
    if (e[key] !== undefined) continue
    out ??= { ...e }
    out[key] = value
  }
  return out ?? e
}

/** Normalise one record of `collection` into its stored (read) shape. */
export function prepareRecord(env: Env, collection: string, input: Entity): Entity {
  let e = input
  if (collection === 'users') e = user(env, e)
  else if (collection === 'classes') e = klass(e)
  else if (collection === 'enrollments') e = enrollment(env, e)
  else if (collection === 'orgs') e = org(e)
  else if (collection === 'academicSessions') e = session(e)
  else if (collection === 'demographics') e = withDefaults(e, DEMOGRAPHIC_NULLS)
  else if (collection === 'courseComponents') e = component(env, e)
  else if (collection === 'componentResources') e = withDefaults(e, { sortOrder: 0 })
  const refs = REF_FIELDS[collection]
  return refs ? withRefs(env, e, refs) : e
}
