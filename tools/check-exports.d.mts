// Types of tools/check-exports.mjs for the TypeScript callers (its test).

/** Every disagreement between package.json exports, rollup inputs, src/services/* and the harness lists. */
export function checkExports(root?: string): Promise<string[]>
