// The `--kv <path>` option both tasks take: where the Deno KV database lives. Its folder is created on first run
// (the tasks grant --allow-write for that folder only).

/**
 * The path after `--kv` (or in `--kv=<path>`), its folder created; an error naming the option when it is missing.
 * @example const kv = await Deno.openKv(await kvPath(Deno.args))
 */
export async function kvPath(args: readonly string[]): Promise<string> {
  const index = args.findIndex((arg) => arg === '--kv' || arg.startsWith('--kv='))
  const path = index < 0 ? undefined : args[index].startsWith('--kv=') ? args[index].slice(5) : args[index + 1]
  if (!path || path.startsWith('--')) throw new Error('--kv <path> is required: the file of the Deno KV database, e.g. --kv data/roster.sqlite')
  const slash = path.lastIndexOf('/')
  if (slash > 0) await Deno.mkdir(path.slice(0, slash), { recursive: true })
  return path
}
