// Types of tools/entries.mjs for the TypeScript callers (tests, bench).

/** One package.json `exports` entry and what the build, tests and tools derive from it. */
export interface Entry {
  /** rollup input name and dist file stem: 'oneroster' ('index' for "."). */
  name: string
  /** The `exports` key: './oneroster'. */
  subpath: string
  /** What users import: '@timeback/sdk/oneroster'. */
  specifier: string
  /** 'src/services/oneroster/index.ts'; undefined when no source matches the convention. */
  source: string | undefined
  /** Every candidate source that exists (more than one is an error check-exports reports). */
  sources: string[]
  /** 'dist/oneroster.js' */
  dist: string
  /** 'dist/oneroster.d.ts' */
  types: string | undefined
  /** True when the source is a src/services/<name>/ folder. */
  service: boolean
  /** Strings only this entry's code contains (its `// @bundleMarkers` line). */
  markers: string[]
  /** Entries whose markers it may carry ('*' for any; its `// @bundleMayContain` line). */
  mayContain: string[]
}
export const ROOT: string
export function sourceCandidates(name: string): string[]
export function packageEntries(root?: string): Entry[]
export function programs(root?: string): Record<string, string>
export function serviceFolders(root?: string): string[]
export function rollupInputs(root?: string): Record<string, string>
