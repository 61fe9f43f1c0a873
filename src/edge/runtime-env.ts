// Reads environment variables from whichever runtime we are on. This is the one place in the SDK that names
// `process` and `Deno`; Workers have no global env at all (their variables arrive as the handler's `env`
// argument, which users pass to clients as `vars`).

interface DenoEnvSlice {
  env?: { toObject?: () => Record<string, string>; get?: (name: string) => string | undefined }
}
interface ProcessSlice {
  env?: Record<string, string | undefined>
}

/** A lookup of environment variables, or an empty lookup where the runtime has none or denies access. */
export function runtimeVars(): (name: string) => string | undefined {
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
