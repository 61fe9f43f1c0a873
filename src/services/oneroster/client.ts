// OneRosterClient: rostering, gradebook and resources of OneRoster 1.2 as Timeback serves them.

import { createServiceRuntime, type ServiceRuntime } from '../../core/runtime.js'
import { service } from './service.js'
import type { ClientOptions } from '../../core/config.js'
import { createAcademicSessions, type AcademicSessionsResource } from './resources/academic-sessions.js'
import { createAssessmentLineItems, type AssessmentLineItemsResource } from './resources/assessment-line-items.js'
import { createAssessmentResults, type AssessmentResultsResource } from './resources/assessment-results.js'
import { createCategories, type CategoriesResource } from './resources/categories.js'
import { createClasses, type ClassesResource } from './resources/classes.js'
import { createComponentResources, type ComponentResourcesResource } from './resources/component-resources.js'
import { createCourseComponents, type CourseComponentsResource } from './resources/course-components.js'
import { createCourses, type CoursesResource } from './resources/courses.js'
import { createDemographics, type DemographicsResource } from './resources/demographics.js'
import { createEnrollments, type EnrollmentsResource } from './resources/enrollments.js'
import { createGradingPeriods, type GradingPeriodsResource } from './resources/grading-periods.js'
import { createLineItems, type LineItemsResource } from './resources/line-items.js'
import { createOrgs, type OrgsResource } from './resources/orgs.js'
import { createResources, type ResourcesResource } from './resources/resources.js'
import { createResults, type ResultsResource } from './resources/results.js'
import { createSchools, type SchoolsResource } from './resources/schools.js'
import { createScoreScales, type ScoreScalesResource } from './resources/score-scales.js'
import {
  createStudents, createTeachers, type StudentsResource, type TeachersResource,
} from './resources/students-teachers.js'
import { createTerms, type TermsResource } from './resources/terms.js'
import { createUsers, type UsersResource } from './resources/users.js'

/**
 * Typed client for Timeback's OneRoster 1.2 API. Sub-resources are built on first use.
 * @example
 * const client = new OneRosterClient({ env: 'staging', auth: { clientId, clientSecret } })
 * for await (const student of client.students.stream()) console.log(student.givenName)
 * await client.classes('class-1').enroll({ sourcedId: 'user-1', role: 'student' })
 */
export class OneRosterClient {
  readonly #runtime: ServiceRuntime
  #users?: UsersResource
  #students?: StudentsResource
  #teachers?: TeachersResource
  #orgs?: OrgsResource
  #schools?: SchoolsResource
  #classes?: ClassesResource
  #courses?: CoursesResource
  #courseComponents?: CourseComponentsResource
  #componentResources?: ComponentResourcesResource
  #enrollments?: EnrollmentsResource
  #academicSessions?: AcademicSessionsResource
  #terms?: TermsResource
  #gradingPeriods?: GradingPeriodsResource
  #demographics?: DemographicsResource
  #lineItems?: LineItemsResource
  #results?: ResultsResource
  #categories?: CategoriesResource
  #scoreScales?: ScoreScalesResource
  #assessmentLineItems?: AssessmentLineItemsResource
  #assessmentResults?: AssessmentResultsResource
  #resources?: ResourcesResource

  constructor(options: ClientOptions = {}) {
    this.#runtime = createServiceRuntime(service, options)
  }

  /** The resolved base URL (no credentials). */
  get baseUrl(): string {
    return this.#runtime.config.baseUrl
  }

  // ---- rostering ----

  /** `users`, and `users(id)` for a user's classes, resources, agents, credentials and demographics. */
  get users(): UsersResource {
    return (this.#users ??= createUsers(this.#runtime))
  }
  /** Users with a student role (read-only), and `students(id).classes()`. */
  get students(): StudentsResource {
    return (this.#students ??= createStudents(this.#runtime))
  }
  /** Users with a teacher role (read-only), and `teachers(id).classes()`. */
  get teachers(): TeachersResource {
    return (this.#teachers ??= createTeachers(this.#runtime))
  }
  /** Organisations of every type: districts, schools, departments… */
  get orgs(): OrgsResource {
    return (this.#orgs ??= createOrgs(this.#runtime))
  }
  /** Schools, and `schools(id)` for their classes, people, courses, enrollments, terms and line items. */
  get schools(): SchoolsResource {
    return (this.#schools ??= createSchools(this.#runtime))
  }
  /** Classes, and `classes(id)` for their students, teachers, enrollment, resources and gradebook. */
  get classes(): ClassesResource {
    return (this.#classes ??= createClasses(this.#runtime))
  }
  /** Courses, `courses(id)` for their classes and resources, and `courses.createStructure`. */
  get courses(): CoursesResource {
    return (this.#courses ??= createCourses(this.#runtime))
  }
  /** Units of courses (/courses/components). */
  get courseComponents(): CourseComponentsResource {
    return (this.#courseComponents ??= createCourseComponents(this.#runtime))
  }
  /** Lessons: resources placed in course components (/courses/component-resources). */
  get componentResources(): ComponentResourcesResource {
    return (this.#componentResources ??= createComponentResources(this.#runtime))
  }
  /** Enrollments of users in classes, with `patch` to merge goals and metrics into metadata. */
  get enrollments(): EnrollmentsResource {
    return (this.#enrollments ??= createEnrollments(this.#runtime))
  }
  /** School years, semesters, terms and grading periods. */
  get academicSessions(): AcademicSessionsResource {
    return (this.#academicSessions ??= createAcademicSessions(this.#runtime))
  }
  /** Terms (read-only), and `terms(id)` for their classes and grading periods. */
  get terms(): TermsResource {
    return (this.#terms ??= createTerms(this.#runtime))
  }
  /** Grading periods (academic sessions of type gradingPeriod). */
  get gradingPeriods(): GradingPeriodsResource {
    return (this.#gradingPeriods ??= createGradingPeriods(this.#runtime))
  }
  /** Demographic records of users. */
  get demographics(): DemographicsResource {
    return (this.#demographics ??= createDemographics(this.#runtime))
  }

  // ---- gradebook ----

  /** Gradebook line items, and `lineItems(id).createResults([...])`. */
  get lineItems(): LineItemsResource {
    return (this.#lineItems ??= createLineItems(this.#runtime))
  }
  /** Students' results on line items. */
  get results(): ResultsResource {
    return (this.#results ??= createResults(this.#runtime))
  }
  /** Gradebook categories. */
  get categories(): CategoriesResource {
    return (this.#categories ??= createCategories(this.#runtime))
  }
  /** Score scales. */
  get scoreScales(): ScoreScalesResource {
    return (this.#scoreScales ??= createScoreScales(this.#runtime))
  }
  /** Timeback's assessment line items, with `patch`. */
  get assessmentLineItems(): AssessmentLineItemsResource {
    return (this.#assessmentLineItems ??= createAssessmentLineItems(this.#runtime))
  }
  /** Timeback's assessment results (XP, accuracy…), with `patch`. */
  get assessmentResults(): AssessmentResultsResource {
    return (this.#assessmentResults ??= createAssessmentResults(this.#runtime))
  }

  // ---- resources ----

  /** Learning resources, and `resources.exportCommonCartridge(id)`. */
  get resources(): ResourcesResource {
    return (this.#resources ??= createResources(this.#runtime))
  }
}
