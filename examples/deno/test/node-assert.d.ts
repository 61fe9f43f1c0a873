// Types for the part of node:assert/strict these tests use. In a folder with package.json, Deno looks for the
// types of `node:` modules in node_modules/@types/node, which an example that only depends on @timeback/sdk does
// not have; each test imports assert with `// @ts-types="./node-assert.d.ts"` so that it is type-checked anyway.
type ErrorCheck = RegExp | ((error: any) => boolean) | (new (...args: any[]) => Error)

declare const assert: {
  ok(value: unknown, message?: string): asserts value
  equal<T>(actual: unknown, expected: T, message?: string): asserts actual is T
  notEqual(actual: unknown, expected: unknown, message?: string): void
  deepEqual<T>(actual: unknown, expected: T, message?: string): asserts actual is T
  throws(fn: () => unknown, expected?: ErrorCheck, message?: string): void
  rejects(promise: Promise<unknown> | (() => Promise<unknown>), expected?: ErrorCheck, message?: string): Promise<void>
}
export default assert
