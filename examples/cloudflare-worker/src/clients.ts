// SDK clients, built per request or per batch from the Worker's `env` (the only place a Worker has its
// settings), as the SDK's README shows for Workers. Building them is cheap: tokens are cached per isolate,
// and KVTokenStore shares them with other isolates, so a cold isolate usually asks KV, not the token endpoint.
import { CaliperClient } from '@timeback/sdk/caliper'
import { EduBridgeClient } from '@timeback/sdk/edubridge'
import { KVTokenStore } from '@timeback/sdk/edge'
import { OneRosterClient } from '@timeback/sdk/oneroster'
import type { Env } from './worker-types.js'

/** The part of a handler's `ctx` the clients use. */
export interface WaitUntil {
  waitUntil(promise: Promise<unknown>): void
}

// The token's KV write happens after the call that fetched the token has its answer. With `ctx.waitUntil`, the SDK
// keeps that write (and a background token refresh) alive after the response is sent; without it Cloudflare may
// cancel the write, and the next isolate fetches a token again.
export function oneRoster(env: Env, ctx: WaitUntil): OneRosterClient {
  return new OneRosterClient({ vars: env, tokenStore: new KVTokenStore(env.TOKENS), waitUntil: ctx.waitUntil.bind(ctx) })
}

export function eduBridge(env: Env, ctx: WaitUntil): EduBridgeClient {
  return new EduBridgeClient({ vars: env, tokenStore: new KVTokenStore(env.TOKENS), waitUntil: ctx.waitUntil.bind(ctx) })
}

export function caliper(env: Env, ctx: WaitUntil): CaliperClient {
  return new CaliperClient({ vars: env, tokenStore: new KVTokenStore(env.TOKENS), waitUntil: ctx.waitUntil.bind(ctx) })
}
