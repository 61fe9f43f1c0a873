// The slice of the Workers runtime this app uses, declared here so it type-checks without
// @cloudflare/workers-types (a project of your own can use `wrangler types` instead). KV namespaces are the
// SDK's own `KVNamespaceLike`, which the real binding satisfies.
import type { KVNamespaceLike } from '@timeback/sdk/edge'

/** A Queue binding as a producer sees it. */
export interface Queue<Body = unknown> {
  send(body: Body, options?: { contentType?: 'json' | 'text' | 'bytes' | 'v8'; delaySeconds?: number }): Promise<void>
  sendBatch(messages: Iterable<{ body: Body; contentType?: 'json' | 'text' | 'bytes' | 'v8'; delaySeconds?: number }>): Promise<void>
}

/** One message of a batch handed to `queue()`. */
export interface Message<Body = unknown> {
  readonly id: string
  readonly timestamp: Date
  readonly body: Body
  readonly attempts: number
  ack(): void
  retry(options?: { delaySeconds?: number }): void
}

/** What `queue(batch, env, ctx)` receives. */
export interface MessageBatch<Body = unknown> {
  readonly queue: string
  readonly messages: readonly Message<Body>[]
  ackAll(): void
  retryAll(options?: { delaySeconds?: number }): void
}

/** Durable Object storage: the calls the class feed makes. */
export interface DurableObjectStorage {
  get<T = unknown>(key: string): Promise<T | undefined>
  put<T>(key: string, value: T): Promise<void>
  transaction<T>(closure: (txn: DurableObjectStorage) => Promise<T>): Promise<T>
}

/** `state` given to a Durable Object's constructor. */
export interface DurableObjectState {
  readonly storage: DurableObjectStorage
  blockConcurrencyWhile<T>(callback: () => Promise<T>): Promise<T>
}

export interface DurableObjectId {
  toString(): string
}

/** A Durable Object binding (namespace) and the stub it hands out. */
export interface DurableObjectNamespace {
  idFromName(name: string): DurableObjectId
  get(id: DurableObjectId): { fetch(input: Request | string, init?: RequestInit): Promise<Response> }
}

/** The bindings and variables of wrangler.toml (names must match it; test/bindings.test.ts checks). */
export interface Env {
  /** SDK token cache shared by isolates (KVTokenStore). */
  TOKENS: KVNamespaceLike
  /** Webhook deliveries already accepted (KVReplayStore). */
  REPLAY: KVNamespaceLike
  /** One live feed per class of the events Timeback delivered back (strongly consistent, de-duplicated). */
  CLASS_FEED: DurableObjectNamespace
  /** Caliper events waiting to be sent; consumed by `queue()` below. */
  EVENTS: Queue

  /** 'staging' | 'production': Timeback's hosts and sign-in issuer. Leave unset when base URLs are given. */
  TIMEBACK_ENV?: string
  /** The sensor IRI Caliper events are sent from (this app). */
  TIMEBACK_SENSOR: string
  /** Optional overrides (a proxy, the emulator in tests): read by the SDK clients from `vars`. */
  TIMEBACK_BASE_URL?: string
  CALIPER_BASE_URL?: string
  TIMEBACK_TOKEN_URL?: string
  /** Sign-in provider when not Timeback's own (the emulator in tests). */
  TIMEBACK_SSO_ISSUER?: string

  /** Secrets (`wrangler secret put …`). */
  TIMEBACK_CLIENT_ID: string
  TIMEBACK_CLIENT_SECRET: string
  TIMEBACK_SSO_CLIENT_ID: string
  TIMEBACK_SSO_CLIENT_SECRET: string
  COOKIE_SECRET: string
  WEBHOOK_SECRET: string
}
