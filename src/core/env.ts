/**
 * @module core/env — reading environment variables: from `vars` (a Worker's `env`, a test's fixture) or from
 * the runtime. This is the one place in the SDK that probes `globalThis` for `process` and `Deno`; Workers
 * have no global env at all (their variables arrive as the handler's `env`, which users pass as `vars`).
 */

/** A lookup of environment variables by name. */
export type EnvLookup = (name: string) => string | undefined

interface DenoEnvSlice {
  env?: { get?: (name: string) => string | undefined }
}
interface ProcessSlice {
  env?: Record<string, string | undefined>
}

/**
 * A lookup over `vars` when given (only string values count), else over the runtime's environment, else an
 * empty lookup where the runtime has none or denies access.
 * @example const read = envLookup(env); read('TIMEBACK_ENV') // 'staging'
 */
export function envLookup(vars?: object): EnvLookup {
  if (vars) {
    return (name) => {
      const value = (vars as Record<string, unknown>)[name]
      return typeof value === 'string' ? value : undefined
    }
  }
  const g = globalThis as { process?: ProcessSlice; Deno?: DenoEnvSlice }
  const deno = g.Deno
  if (deno?.env?.get) {
    return (name) => {
      try {
        return deno.env!.get!(name)
      } catch {
        // Deno without --allow-env throws; treat as unset rather than crash the constructor.
        return undefined
      }
    }
  }
  const env = g.process?.env
  if (env && typeof env === 'object') return (name) => env[name]
  return () => undefined
}

/**
 * The first non-blank value among `names` (trimmed), with the name that supplied it.
 * @example pickVar(read, ['ONEROSTER_CLIENT_ID', 'TIMEBACK_CLIENT_ID']) // { name: 'TIMEBACK_CLIENT_ID', value: 'abc' }
 */
export function pickVar(lookup: EnvLookup, names: readonly string[]): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = lookup(name)
    if (typeof value === 'string' && value.trim() !== '') return { name, value: value.trim() }
  }
  return undefined
}
