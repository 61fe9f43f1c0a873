/**
 * @module services/edubridge/resources/applications — the learning apps registered with Timeback
 * (`GET /edubridge/applications/`) and the metrics each one reports (`/edubridge/applicationMetrics/{id}`).
 */

import type { ServiceContext } from '../../../core/resource/context.js'
import { many, none, one, operation } from '../../../core/resource/operation.js'
import type { CallOptions } from '../../../core/transport/http.js'
import { Input } from './check.js'

/** A registered application. */
export interface Application {
  sourcedId: string
  name: string
  description?: string | null
  domain?: string[]
  tenantId?: string | null
  clientAppId?: string | null
  status?: string
  dateLastModified?: string
  metadata?: Record<string, unknown> | null
  [key: string]: unknown
}

/** What an application can report. */
export type ApplicationMetricName = 'xp' | 'spent_minutes' | 'waste_minutes' | 'accuracy' | 'lessons' | 'quizzes' | 'unit_tests'
/** How the metric reaches Timeback. */
export type ApplicationMetricSource = 'timeback_app' | 'timeback_direct_integration' | 'timeback_adapter' | 'powerpath' | 'manual_entry'

/** One metric of an application. */
export interface ApplicationMetric {
  metric: ApplicationMetricName
  metricSource: ApplicationMetricSource
  [key: string]: unknown
}

/** What `applicationMetrics.add` / `remove` take. */
export interface ApplicationMetricInput {
  applicationSourcedId: string
  metric: ApplicationMetricName
  metricSource: ApplicationMetricSource
}

const METRICS = 'xp|spent_minutes|waste_minutes|accuracy|lessons|quizzes|unit_tests'
const SOURCES = 'timeback_app|timeback_direct_integration|timeback_adapter|powerpath|manual_entry'
const METRIC_PATH = '/edubridge/applicationMetrics/{applicationSourcedId}'

/** GET /edubridge/applications/ — `{ applications: Application[] }`. */
const listOp = /* @__PURE__ */ operation<undefined, Application[]>({ method: 'GET', path: '/edubridge/applications/', unwrap: many('applications') })
/** GET /edubridge/applicationMetrics/{applicationSourcedId} — `{ data: ApplicationMetric[] }`. */
const metricsOp = /* @__PURE__ */ operation<{ applicationSourcedId: string }, ApplicationMetric[]>({ method: 'GET', path: METRIC_PATH, unwrap: many('data') })
/** POST /edubridge/applicationMetrics/{applicationSourcedId} `{ applicationMetric }` — 201 `{ data }`. */
const addOp = /* @__PURE__ */ operation<object, ApplicationMetric>({ method: 'POST', path: METRIC_PATH, unwrap: one('data') })
/** DELETE /edubridge/applicationMetrics/{applicationSourcedId} `{ applicationMetric }` — 204. */
const removeOp = /* @__PURE__ */ operation<object, void>({ method: 'DELETE', path: METRIC_PATH, unwrap: none })

function metricParams(label: string, input: unknown): object {
  const check = new Input(label, input, 'applicationSourcedId|metric|metricSource')
  const { applicationSourcedId, metric, metricSource } = check
    .text('applicationSourcedId', true).pick('metric', METRICS, true).pick('metricSource', SOURCES, true).done()
  return { applicationSourcedId, body: { applicationMetric: { metric, metricSource } } }
}

/**
 * `client.applications`: the apps Timeback knows.
 * @example const apps = await client.applications.list()
 */
export interface ApplicationsResource {
  /** GET /edubridge/applications/ */
  list(call?: CallOptions): Promise<Application[]>
}

/**
 * `client.applicationMetrics`: which metrics an app reports, and from where.
 * @example
 * await client.applicationMetrics.add({ applicationSourcedId: 'app-1', metric: 'xp', metricSource: 'timeback_app' })
 * const metrics = await client.applicationMetrics.list('app-1')
 */
export interface ApplicationMetricsResource {
  /** GET /edubridge/applicationMetrics/{applicationSourcedId} */
  list(applicationSourcedId: string, call?: CallOptions): Promise<ApplicationMetric[]>
  /** POST /edubridge/applicationMetrics/{applicationSourcedId} */
  add(input: ApplicationMetricInput, call?: CallOptions): Promise<ApplicationMetric>
  /** DELETE /edubridge/applicationMetrics/{applicationSourcedId} */
  remove(input: ApplicationMetricInput, call?: CallOptions): Promise<void>
}

/**
 * Builds `client.applications`.
 * @example const apps = await createApplications(ctx).list()
 */
export function createApplications(ctx: ServiceContext): ApplicationsResource {
  return { list: (call) => listOp(ctx, undefined, call) }
}

/**
 * Builds `client.applicationMetrics`.
 * @example const metrics = await createApplicationMetrics(ctx).list('app-1')
 */
export function createApplicationMetrics(ctx: ServiceContext): ApplicationMetricsResource {
  return {
    list: (applicationSourcedId, call) => metricsOp(ctx, { applicationSourcedId }, call),
    add: async (input, call) => addOp(ctx, metricParams('applicationMetrics.add', input), call),
    remove: async (input, call) => removeOp(ctx, metricParams('applicationMetrics.remove', input), call),
  }
}
