// The clients the CLI can drive, and what they offer, read from the clients themselves: a resource is a getter
// of the client class, an operation is a function on the object that getter returns. Help and dispatch both come
// from here, so a method added to a client shows up in `timeback api … --help` without touching the CLI.

import { CaliperClient } from '../../services/caliper/index.js'
import { CaseClient } from '../../services/case/index.js'
import { ClrClient } from '../../services/clr/index.js'
import { EduBridgeClient } from '../../services/edubridge/index.js'
import { MasteryTrackClient } from '../../services/masterytrack/index.js'
import { OneRosterClient } from '../../services/oneroster/index.js'
import { OpenBadgesClient } from '../../services/openbadges/index.js'
import { PowerPathClient } from '../../services/powerpath/index.js'
import { QtiClient } from '../../services/qti/index.js'
import { WebhooksClient } from '../../services/webhooks/index.js'

/**
 * A client class as the CLI sees it: constructed from options, read by property name.
 * @example const Client: AnyClientClass = OneRosterClient
 */
export type AnyClientClass = new (options: any) => object

/**
 * One client class per service folder (test/node/cli-help.test.ts checks this covers src/services, identity
 * aside: it signs people in, it has no API to call).
 * @example new CLIENTS.oneroster({ env: 'staging' })
 */
export const CLIENTS: Readonly<Record<string, AnyClientClass>> = Object.freeze({
  oneroster: OneRosterClient,
  caliper: CaliperClient,
  webhooks: WebhooksClient,
  masterytrack: MasteryTrackClient,
  powerpath: PowerPathClient,
  edubridge: EduBridgeClient,
  qti: QtiClient,
  case: CaseClient,
  clr: ClrClient,
  openbadges: OpenBadgesClient,
})

const FUNCTION_OWN = new Set(['length', 'name', 'prototype', 'arguments', 'caller'])
/** Getters that are facts about the client, not resources. */
const NOT_RESOURCES = new Set(['baseUrl'])

/**
 * What one client offers: `resources` (getter name → operation names, nested ones dotted: `admin.list`) and
 * `methods` (functions on the client itself: `qti validate`).
 * @example describeClient(new OneRosterClient(options)).resources.users // ['list', 'listAll', …]
 */
export interface ClientShape {
  resources: Record<string, string[]>
  methods: string[]
}

/**
 * The operation names of a resource object: its own function-valued members, and one level of nested objects.
 * @example operationsOf(client.testAssignments) // ['list', …, 'admin.list', …]
 */
export function operationsOf(resource: unknown, depth = 1): string[] {
  if (resource === null || (typeof resource !== 'object' && typeof resource !== 'function')) return []
  const out: string[] = []
  for (const name of Object.getOwnPropertyNames(resource)) {
    if (typeof resource === 'function' && FUNCTION_OWN.has(name)) continue
    const value = (resource as Record<string, unknown>)[name]
    if (typeof value === 'function') out.push(name)
    // A nested object (`admin.list`), or a callable list that also has methods (`classes(id).students.stream`).
    if (depth > 0 && value !== null && (typeof value === 'object' || typeof value === 'function')) {
      for (const inner of operationsOf(value, depth - 1)) out.push(`${name}.${inner}`)
    }
  }
  return out
}

/**
 * The operations of a resource scoped to one id (`users('id')` → `classes`, `agents.list`…), or undefined when
 * the resource is not callable. Making the scope sends nothing.
 * @example scopedOperations(client.users, 'u-1') // ['classes', 'classes.list', …, 'agents.list', …]
 */
export function scopedOperations(resource: unknown, id: string): { target: object; operations: string[] } | undefined {
  if (typeof resource !== 'function') return undefined
  const target = (resource as (id: string) => object)(id)
  return { target, operations: operationsOf(target) }
}

/**
 * Reads a constructed client's resources and methods from its class (no request is made).
 * @example describeClient(new QtiClient(OFFLINE_OPTIONS)).methods // ['validate', …, 'processResponse']
 */
export function describeClient(client: object): ClientShape {
  const resources: Record<string, string[]> = {}
  const methods: string[] = []
  const proto = Object.getPrototypeOf(client) as object
  for (const [name, d] of Object.entries(Object.getOwnPropertyDescriptors(proto))) {
    if (name === 'constructor' || NOT_RESOURCES.has(name)) continue
    if (d.get) resources[name] = operationsOf((client as Record<string, unknown>)[name])
    else if (typeof d.value === 'function') methods.push(name)
  }
  return { resources, methods }
}

/**
 * Options that construct any client without a network or real credentials: for help only.
 * @example describeClient(new CaseClient(OFFLINE_OPTIONS))
 */
export const OFFLINE_OPTIONS = Object.freeze({
  baseUrl: 'http://127.0.0.1:9',
  auth: { clientId: 'help', clientSecret: 'help', authUrl: 'http://127.0.0.1:9/token', apiKey: 'help', email: 'help@example.test' },
  fetch: () => Promise.reject(new TypeError('help never calls the network')),
})
