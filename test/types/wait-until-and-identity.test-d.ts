// Compile-time checks of the `waitUntil` option and `isIdentityError` (tsc only, never run): each `@ts-expect-error`
// line must fail to compile and each plain line must compile (`npm run typecheck` runs tsc over this folder).

import { KVTokenStore, type KVNamespaceLike } from '../../src/edge/index.ts'
import { IdentityError, isIdentityError, type IdentityErrorCode } from '../../src/services/identity/index.ts'
import { MasteryTrackClient } from '../../src/services/masterytrack/index.ts'
import { OneRosterClient } from '../../src/services/oneroster/index.ts'
import { createTimeback, oneroster } from '../../src/index.ts'

/** A Worker's handler context as `wrangler types` declares it (the part used). */
interface ExecutionContext {
  waitUntil(promise: Promise<any>): void
  passThroughOnException(): void
}
declare const env: { TOKENS: KVNamespaceLike }
declare const ctx: ExecutionContext

export function workers(): void {
  // The Workers idiom: the bound method, or a wrapper.
  void new OneRosterClient({ vars: env, tokenStore: new KVTokenStore(env.TOKENS), waitUntil: ctx.waitUntil.bind(ctx) })
  void new OneRosterClient({ vars: env, waitUntil: (p) => ctx.waitUntil(p) })
  void new MasteryTrackClient({ vars: env, waitUntil: ctx.waitUntil.bind(ctx) })
  void createTimeback({ vars: env, use: { oneroster }, waitUntil: ctx.waitUntil.bind(ctx) })
  // @ts-expect-error the context itself is not the function
  void new OneRosterClient({ vars: env, waitUntil: ctx })
  // @ts-expect-error a waitUntil receives the promise
  void new OneRosterClient({ vars: env, waitUntil: (p: string) => void p })
}

export function guard(error: unknown): IdentityErrorCode | undefined {
  if (isIdentityError(error)) {
    const status: number = error.status
    void status
    return error.code
  }
  // @ts-expect-error not narrowed outside the guard
  void error.code
  const made: IdentityError = new IdentityError('invalid_state', 'x')
  return made.code
}
