// The contract between portable suites and the per-runtime runners. Suites use only Web APIs and receive
// everything (harness, SDK modules, emulator setup) through `SuiteEnv`, so the same file runs in Node, Deno,
// Bun, workerd and Chromium, against src/ or dist/.

import type * as Testing from '../../src/testing/index.ts'
import type { sdk } from './sdk.src.ts'

export interface Assert {
  ok(value: unknown, message?: string): asserts value
  equal<T>(actual: T, expected: T, message?: string): void
  notEqual<T>(actual: T, expected: T, message?: string): void
  deepEqual<T>(actual: T, expected: T, message?: string): void
  match(actual: string, pattern: RegExp, message?: string): void
  doesNotMatch(actual: string, pattern: RegExp, message?: string): void
  /** Awaits `work` expecting a rejection; checks it with `expected` (a guard, a class, or a RegExp on the message) and returns the error. */
  rejects(work: Promise<unknown> | (() => Promise<unknown>), expected?: ((e: unknown) => boolean) | RegExp | (abstract new (...args: never[]) => unknown), message?: string): Promise<any>
  /** Calls `work` expecting a throw; same checks as `rejects`; returns the error. */
  throws(work: () => unknown, expected?: ((e: unknown) => boolean) | RegExp | (abstract new (...args: never[]) => unknown), message?: string): any
  fail(message: string): never
}

export interface Harness {
  describe(name: string, body: () => void): void
  it(name: string, body: () => Promise<void> | void): void
  assert: Assert
}

/** The SDK modules under test (from src/ or from dist/), one per package.json export: see sdk.src.ts. */
export type Sdk = typeof sdk

export type Emulator = ReturnType<typeof Testing.createEmulator>
export type EmulatorOptions = NonNullable<Parameters<typeof Testing.createEmulator>[0]>

/** An emulator plus client options that reach it the way this runner chose (injected fetch or msw). */
export interface Setup {
  emulator: Emulator
  /** Spread into any client's options: `new OneRosterClient({ ...setup.options, maxRetries: 0 })`. */
  options: {
    baseUrl: string
    auth: { clientId: string; clientSecret: string; authUrl: string }
    fetch?: typeof fetch
  }
}

export interface SuiteEnv {
  h: Harness
  sdk: Sdk
  /** 'inject': clients get `fetch: emulator.fetch`; 'global': the runner mounted emulators behind globalThis.fetch (msw). */
  mode: 'inject' | 'global'
  /** Name of the runtime, for messages only. */
  runtime: string
  /** A fresh emulator (seeded unless `seed: false`) and options for a OneRoster client against it. */
  setup(options?: EmulatorOptions): Setup
}

export type Suite = (env: SuiteEnv) => void
