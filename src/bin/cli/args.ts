// Command-line words → positionals and flags. Written by hand rather than with node:util parseArgs because
// `timeback api` accepts any `--param value` (each becomes a field of the call's options).

/**
 * A mistake in how the command was typed: exit code 2, with the usage of the command.
 * @example throw new UsageError('--limit needs a value')
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

/**
 * Parsed words: `positionals` in order, `flags` by name as typed (`--max-items` → 'max-items'); a flag without a
 * value (one of `booleans`, or last) is `true`. A repeated flag is refused: which one would win is a guess.
 * @example parseWords(['users', 'list', '--limit', '1'], new Set()) // { positionals: ['users', 'list'], flags: { limit: '1' } }
 */
export interface Words {
  positionals: string[]
  flags: Record<string, string | true>
}

/** Splits the words (see {@link Words}). @example parseWords(['--all'], new Set(['all'])).flags.all // true */
export function parseWords(argv: readonly string[], booleans: ReadonlySet<string>): Words {
  const positionals: string[] = []
  const flags: Record<string, string | true> = Object.create(null)
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!
    if (word === '--') {
      positionals.push(...argv.slice(i + 1))
      break
    }
    if (word === '-h') {
      flags.help = true
      continue
    }
    if (!word.startsWith('--') || word === '--') {
      positionals.push(word)
      continue
    }
    const eq = word.indexOf('=')
    const name = eq === -1 ? word.slice(2) : word.slice(2, eq)
    if (!/^[a-zA-Z][\w-]*$/.test(name)) throw new UsageError(`'${word}' is not a flag name (letters, digits, '-' and '_')`)
    if (name in flags) throw new UsageError(`--${name} is given twice`)
    if (booleans.has(name)) {
      if (eq !== -1) throw new UsageError(`--${name} takes no value`)
      flags[name] = true
    } else if (eq !== -1) {
      flags[name] = word.slice(eq + 1)
    } else {
      const next = argv[i + 1]
      if (next === undefined) throw new UsageError(`--${name} needs a value`)
      flags[name] = next
      i++
    }
  }
  return { positionals, flags }
}

/**
 * `max-items` → `maxItems`: flags are typed in kebab case, options are camel case.
 * @example camel('max-items') // 'maxItems'
 */
export function camel(name: string): string {
  return name.replace(/[-_]([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase())
}

/**
 * A flag's text value, or a usage error naming it when it was given without one.
 * @example text({ env: 'staging' }, 'env') // 'staging'
 */
export function text(flags: Words['flags'], name: string): string | undefined {
  const value = flags[name]
  if (value === true) throw new UsageError(`--${name} needs a value`)
  return value
}

/**
 * An integer flag within bounds, or a usage error naming the flag, the bounds and what was typed.
 * @example integer({ limit: '5' }, 'limit', 1, 3000) // 5
 */
export function integer(flags: Words['flags'], name: string, min: number, max: number): number | undefined {
  const value = text(flags, name)
  if (value === undefined) return undefined
  const n = /^\d+$/.test(value) ? Number(value) : NaN
  if (!(n >= min && n <= max)) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got '${value}'`)
  return n
}

/**
 * A JSON flag, parsed; `object` asks for a plain object (not an array or null).
 * @example json('where', '{"status":"active"}', 'object') // { status: 'active' }
 */
export function json(name: string, value: string, want: 'object' | 'any'): unknown {
  let parsed: unknown
  try {
    parsed = JSON.parse(value)
  } catch (err) {
    throw new UsageError(`--${name} is not JSON (${(err as Error).message}); quote it for the shell: --${name} '{"status":"active"}'`)
  }
  if (want === 'object' && (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))) {
    throw new UsageError(`--${name} must be a JSON object such as '{"status":"active"}'`)
  }
  return parsed
}
