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
 * Names each lookup was refused (Deno without `--allow-env`, or with a list that leaves them out). A refused name
 * reads as unset, so a narrow `--allow-env=TIMEBACK_CLIENT_ID,…` still works while the SDK also probes
 * `ONEROSTER_CLIENT_ID`; the errors for a setting that stayed missing ask {@link deniedEnvHint} whether the
 * runtime hid it, so the user is told about the permission rather than about missing credentials.
 */
const refusals = new WeakMap<EnvLookup, Set<string>>()

/** Deno 2 throws `NotCapable` for a name outside `--allow-env`; Deno 1 threw `PermissionDenied`. */
const isPermissionRefusal = (error: unknown) =>
  error instanceof Error && (error.name === 'NotCapable' || error.name === 'PermissionDenied')

/**
 * A lookup over `vars` when given (only string values count), else over the runtime's environment, else an
 * empty lookup where the runtime has none. A name the runtime refuses to read is unset, and remembered.
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
    const refused = new Set<string>()
    const lookup: EnvLookup = (name) => {
      try {
        return deno.env!.get!(name)
      } catch (error) {
        // Not fatal here: the name may be an optional override. Whoever needed it reports the refusal.
        if (isPermissionRefusal(error)) refused.add(name)
        return undefined
      }
    }
    refusals.set(lookup, refused)
    return lookup
  }
  const env = g.process?.env
  if (env && typeof env === 'object') return (name) => env[name]
  return () => undefined
}

/**
 * For an error about settings that stayed missing: when the runtime refused to read some of `settings` (each
 * a list of env var names, most specific first), a sentence naming the permission and `fix` (what to pass
 * instead); otherwise ''. The narrow flag suggested names, per setting, its most general (last) name if refused.
 * @example
 * deniedEnvHint(lookup, [names('CLIENT_ID'), names('CLIENT_SECRET')], 'pass auth.clientId and auth.clientSecret')
 * // ' Deno denied reading ONEROSTER_CLIENT_ID, TIMEBACK_CLIENT_ID, …: run with --allow-env (or --allow-env=TIMEBACK_CLIENT_ID,TIMEBACK_CLIENT_SECRET), or pass auth.clientId and auth.clientSecret.'
 */
export function deniedEnvHint(lookup: EnvLookup, settings: readonly (readonly string[])[], fix: string): string {
  const refused = refusals.get(lookup)
  if (!refused?.size) return ''
  const denied = settings.flat().filter((name) => refused.has(name))
  if (!denied.length) return ''
  // Per setting: its general name when that was refused; else (the general one was readable, and unset) the
  // refused specific names, where the value may be.
  const narrow = settings.flatMap((names) => {
    const hidden = names.filter((name) => refused.has(name))
    const general = names[names.length - 1]!
    return hidden.includes(general) ? [general] : hidden
  })
  return ` Deno denied reading ${denied.join(', ')}: run with --allow-env (or --allow-env=${narrow.join(',')}), or ${fix}.`
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
