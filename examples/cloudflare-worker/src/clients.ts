// SDK clients, built per request or per batch from the Worker's `env` (the only place a Worker has its
// settings), as the SDK's README shows for Workers. Building them is cheap: tokens are cached per isolate,
// and KVTokenStore shares them with other isolates, so a cold isolate usually asks KV, not the token endpoint.
import { CaliperClient } from '@timeback/sdk/caliper'
import { EduBridgeClient } from '@timeback/sdk/edubridge'
import { KVTokenStore } from '@timeback/sdk/edge'
import { OneRosterClient } from '@timeback/sdk/oneroster'
import type { Env } from './worker-types.js'

export function oneRoster(env: Env): OneRosterClient {
  return new OneRosterClient({ vars: env, tokenStore: new KVTokenStore(env.TOKENS) })
}

export function eduBridge(env: Env): EduBridgeClient {
  return new EduBridgeClient({ vars: env, tokenStore: new KVTokenStore(env.TOKENS) })
}

export function caliper(env: Env): CaliperClient {
  return new CaliperClient({ vars: env, tokenStore: new KVTokenStore(env.TOKENS) })
}
