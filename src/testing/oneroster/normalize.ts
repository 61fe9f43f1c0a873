// Write-time normalisation: turns what clients write into what OneRoster reads return, once, so reads
// and listings never transform records (that keeps large listings cheap).
import type { Env } from '../context.js'
import type { Entity } from '../types.js'
import { boolText, fullRef, isObject, withRefs } from './model.js'

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
  if (e.org === undefined) return e
  const { org, ...rest } = e
  return rest.school === undefined || rest.school === null ? { ...rest, school: org } : rest
}

function enrollment(env: Env, e: Entity): Entity {
  const out: Entity = { ...e, primary: boolText(e.primary, 'false') }
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
  return Array.isArray(e.children) ? e : { ...e, children: [] }
}

/** Normalise one record of `collection` into its stored (read) shape. */
export function prepareRecord(env: Env, collection: string, input: Entity): Entity {
  let e = input
  if (collection === 'users') e = user(env, e)
  else if (collection === 'classes') e = klass(e)
  else if (collection === 'enrollments') e = enrollment(env, e)
  else if (collection === 'orgs') e = org(e)
  const refs = REF_FIELDS[collection]
  return refs ? withRefs(env, e, refs) : e
}
