// Every OneRoster view as a table row: collection, response keys, body key, required fields, enums.
// Keys and required lists are read off the spec's 2xx schemas and create/update request bodies.
import type { Entity } from './types.js'
import {
  CLASS_TYPES, ENROLLMENT_ROLES, GRADES, hasRole, ORG_TYPES, ROLE_TYPES, SCORE_STATUS, SESSION_TYPES, STATUS, SUBJECTS, USER_ALIASES,
  USER_ROLES,
} from './model.js'
import type { View } from './model.js'

const USER_SEARCH = ['givenName', 'familyName', 'email'] as const
const USER_ENUMS = { status: STATUS, 'roles[].role': USER_ROLES, 'roles[].roleType': ROLE_TYPES, 'grades[]': GRADES }
const USER_REQUIRED = ['enabledUser', 'givenName', 'familyName', 'roles', 'email'] as const

export const USERS: View = {
  collection: 'users', one: 'user', many: 'users', body: 'user', label: 'User',
  required: USER_REQUIRED, enums: USER_ENUMS, search: USER_SEARCH, aliases: USER_ALIASES,
}
export const STUDENTS: View = { ...USERS, label: 'Student', where: /* @__PURE__ */ hasRole('student') }
export const TEACHERS: View = { ...USERS, label: 'Teacher', where: /* @__PURE__ */ hasRole('teacher') }

const ORG_BASE = {
  collection: 'orgs', one: 'org', many: 'orgs', body: 'org',
  required: ['name', 'type'], enums: { status: STATUS, type: ORG_TYPES }, search: ['name'],
} as const
export const ORGS: View = { ...ORG_BASE, label: 'Organization' }
// `/schools` answers with the org keys (`org`, `orgs`), as the spec declares.
export const SCHOOLS: View = { ...ORG_BASE, label: 'School', where: (e: Entity) => e.type === 'school' }

export const CLASSES: View = {
  // No `search`: the live API ignores it on classes and returns the whole collection.
  collection: 'classes', one: 'class', many: 'classes', body: 'class', label: 'Class',
  required: ['title', 'course', 'org', 'terms'], putRequired: [],
  enums: { status: STATUS, classType: CLASS_TYPES, 'grades[]': GRADES, 'subjects[]': SUBJECTS },
}

export const COURSES: View = {
  collection: 'courses', one: 'course', many: 'courses', body: 'course', label: 'Course',
  required: ['status', 'title', 'org'], enums: { status: STATUS, 'grades[]': GRADES, 'subjects[]': SUBJECTS }, search: ['title', 'courseCode'],
}
export const COMPONENTS: View = {
  collection: 'courseComponents', one: 'courseComponent', many: 'courseComponents', body: 'courseComponent',
  label: 'Course Component', required: ['status', 'course', 'title'], enums: { status: STATUS },
}
export const COMPONENT_RESOURCES: View = {
  collection: 'componentResources', one: 'componentResource', many: 'componentResources', body: 'componentResource',
  label: 'Component Resource', required: ['sourcedId', 'status', 'courseComponent', 'resource', 'title'], enums: { status: STATUS },
}

export const ENROLLMENTS: View = {
  collection: 'enrollments', one: 'enrollment', many: 'enrollments', body: 'enrollment', label: 'Enrollment',
  required: ['role', 'user', 'class'], enums: { status: STATUS, role: ENROLLMENT_ROLES },
}

const SESSION_REQUIRED = ['sourcedId', 'status', 'title', 'startDate', 'endDate', 'type', 'schoolYear', 'org'] as const
export const SESSIONS: View = {
  collection: 'academicSessions', one: 'academicSession', many: 'academicSessions', body: 'academicSession',
  label: 'Academic session', required: SESSION_REQUIRED, enums: { status: STATUS, type: SESSION_TYPES }, integers: ['schoolYear'],
}
export const TERMS: View = { ...SESSIONS, one: 'term', many: 'terms', label: 'Term', where: (e: Entity) => e.type === 'term' }
export const GRADING_PERIODS: View = {
  ...SESSIONS, one: 'gradingPeriod', many: 'gradingPeriods', label: 'Grading period', where: (e: Entity) => e.type === 'gradingPeriod',
}

export const DEMOGRAPHICS: View = {
  collection: 'demographics', one: 'demographics', many: 'demographics', body: 'demographics',
  label: 'Demographics record', required: ['sourcedId'], enums: { status: STATUS },
}

export const LINE_ITEMS: View = {
  collection: 'lineItems', one: 'lineItem', many: 'lineItems', body: 'lineItem', label: 'Line item',
  required: ['title', 'assignDate', 'dueDate', 'class', 'school', 'category'], enums: { status: STATUS },
}
export const RESULTS: View = {
  collection: 'results', one: 'result', many: 'results', body: 'result', label: 'Result',
  required: ['status', 'lineItem', 'student', 'scoreStatus', 'scoreDate'], enums: { status: STATUS, scoreStatus: SCORE_STATUS },
}
export const CATEGORIES: View = {
  collection: 'categories', one: 'category', many: 'categories', body: 'category', label: 'Category',
  required: ['status', 'title'], enums: { status: STATUS },
}
export const SCORE_SCALES: View = {
  collection: 'scoreScales', one: 'scoreScale', many: 'scoreScales', body: 'scoreScale', label: 'Score scale',
  required: ['status', 'title', 'type', 'class', 'scoreScaleValue'], enums: { status: STATUS },
}
export const ASSESSMENT_LINE_ITEMS: View = {
  collection: 'assessmentLineItems', one: 'assessmentLineItem', many: 'assessmentLineItems', body: 'assessmentLineItem',
  label: 'Assessment line item', required: ['status', 'title'], enums: { status: STATUS },
}
export const ASSESSMENT_RESULTS: View = {
  collection: 'assessmentResults', one: 'assessmentResult', many: 'assessmentResults', body: 'assessmentResult',
  label: 'Assessment result', required: ['status', 'assessmentLineItem', 'student', 'scoreDate', 'scoreStatus'],
  enums: { status: STATUS, scoreStatus: SCORE_STATUS },
}

export const RESOURCES_VIEW: View = {
  collection: 'resources', one: 'resource', many: 'resources', body: 'resource', label: 'Resource',
  required: ['title', 'vendorResourceId'], putRequired: [], enums: { status: STATUS, importance: ['primary', 'secondary'], },
}
