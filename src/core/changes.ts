/**
 * @module core/changes — delta sync of a 1EdTech collection: `changes({ since })` lists the records whose
 * `dateLastModified` is at or after `since`, soft-deleted ones (`tobedeleted`) as deletions, and ends with the
 * checkpoint to pass as `since` next time.
 *
 * Why nothing is missed between two runs:
 * - The checkpoint is the first page's time minus an overlap: the earlier of the server's clock (its `Date`
 *   header, else the newest `dateLastModified` of the page) and this machine's clock when the run started. Either
 *   clock alone may run ahead (a host's clock off from the database that stamps records, a record imported with
 *   a future date, a laptop's clock); the earlier one is only wrong if both are ahead. Anything written after
 *   that moment has a later `dateLastModified` and is listed by the next run.
 * - Pages are sorted by `sourcedId` and filtered by `dateLastModified>=since`. A write can only move a record's
 *   date forward, so during a run records join the filtered set (new or newly modified ones) but never leave it
 *   (a soft delete keeps the record, with a new date). A joining record can push the rest one place to the
 *   right: a record is then listed twice, never skipped. Only a record that leaves the set (a hard delete, which
 *   OneRoster does not do) could pull the rest left and hide one; the service cannot report those anyway.
 * - The run never ends early on the server's word alone: an empty page ends it only when the total agrees (or
 *   there is none), a page shorter than asked (Timeback leaves soft-deleted records out of their page slots) is
 *   followed by the next one unless the total says it was the last, and an exactly full page always is (a total
 *   counted apart from the page can be short by a concurrent insert). Without a total, a short page sent again
 *   whole (a server that ignores offset) ends it too. Records a page repeats are dropped by id.
 * Duplicates are possible (the overlap, records shifted by a concurrent write, a server that ignores the
 * filter): apply changes as idempotent upserts and deletes.
 */

import { ServerError } from './errors.js'
import { checkpointOf, planChanges, type ChangesOptions, type ChangesPlan } from './changes-options.js'
import { readPageSize, readTotal } from './pagination.js'
import type { ServiceContext } from './resource/context.js'
import { dotPath, runSchema, type Schema } from './validation.js'
import type { Where } from './where.js'

export type { ChangesOptions }

/**
 * One item of a `changes()` run: a record to store, a record to delete, or (always last, exactly once) the
 * checkpoint to keep for the next run.
 * @example
 * for await (const change of client.users.changes({ since })) {
 *   if (change.type === 'upsert') mirror.set(change.sourcedId, change.record)
 *   else if (change.type === 'delete') mirror.delete(change.sourcedId)
 *   else since = change.checkpoint
 * }
 */
export type Change<T> =
  | { type: 'upsert'; sourcedId: string; record: T }
  | { type: 'delete'; sourcedId: string; record: T }
  | { type: 'checkpoint'; checkpoint: string }

/**
 * `changes()` of a collection whose records carry `dateLastModified`.
 * @example const run = client.users.changes({ since: await kv.get('users-checkpoint') ?? undefined })
 */
export interface ChangeMethods<T, W = Where<T>> {
  /**
   * Records changed since `since` (all of them without it), soft-deleted ones as `delete`, then the
   * `checkpoint`. Store the checkpoint only after applying every change before it; a run that throws or that
   * you stop early leaves your old checkpoint in place, and the next run lists everything again from there.
   * The same record may come more than once (in one run or in two consecutive runs): apply changes idempotently.
   */
  changes(options?: ChangesOptions<W>): AsyncGenerator<Change<T>, void, undefined>
}

/** Where the records of a collection are, as `changes()` needs to know. */
export interface ChangesSpec {
  /** Collection path, already encoded. */
  path: string
  /** Envelope keys of a list page. */
  listKeys: readonly string[]
  entity?: Schema | undefined
}

interface Page {
  items: unknown[]
  total: number | undefined
  limit: number | undefined
  /** The server's clock when it answered (ms), from the `Date` header. */
  date: number | undefined
}

function invalid(where: string, message: string): ServerError {
  return new ServerError(`${where}: ${message}`, { status: 200, method: 'GET', url: where, body: undefined }, 'invalid_response')
}

/** One page and the server's `Date`; the body is read inside the call's deadline (`bytes`), then parsed. */
async function fetchPage(ctx: ServiceContext, spec: ChangesSpec, plan: ChangesPlan, query: Record<string, string | number | undefined>): Promise<Page> {
  const answer = await ctx.transport.request<{ data: Uint8Array; headers: Headers }>(
    { method: 'GET', path: spec.path, query, responseType: 'bytes' }, plan.call,
  )
  let body: Record<string, unknown>
  try {
    body = JSON.parse(new TextDecoder().decode(answer.data))
  } catch {
    throw invalid(spec.path, 'the response is not valid JSON')
  }
  const items = spec.listKeys.map((key) => body?.[key]).find(Array.isArray)
  if (!items) throw invalid(spec.path, `the response has none of the keys ${spec.listKeys.join(', ')}`)
  if (ctx.validateResponses && spec.entity) {
    for (const [i, item] of items.entries()) {
      const issue = runSchema(spec.entity, item).issues?.[0]
      if (issue) throw invalid(spec.path, `item ${i} does not match the expected shape at ${dotPath(issue) ?? '(root)'}: ${issue.message}`)
    }
  }
  const date = Date.parse(answer.headers.get('date') ?? '')
  return { items, total: readTotal(body), limit: readPageSize(body), date: Number.isFinite(date) ? date : undefined }
}

/** The newest `dateLastModified` of a page, in ms (the fallback clock when the server sends no usable `Date`). */
function newestOf(items: unknown[]): number | undefined {
  let newest: number | undefined
  for (const item of items) {
    const ms = Date.parse(String((item as { dateLastModified?: unknown })?.dateLastModified ?? ''))
    if (Number.isFinite(ms) && (newest === undefined || ms > newest)) newest = ms
  }
  return newest
}

async function* run<T>(ctx: ServiceContext, spec: ChangesSpec, options: ChangesOptions<unknown> | undefined): AsyncGenerator<Change<T>, void, undefined> {
  const plan = planChanges(options)
  // Read before the first request: no record that page misses was written before this instant on this clock.
  const localMs = Date.now()
  let offset = 0
  let serverMs: number | undefined
  let first = true
  let previous = new Set<string>()
  let stale = 0
  let shortBefore = false
  for (;;) {
    const page = await fetchPage(ctx, spec, plan, { ...plan.query, limit: plan.pageSize, offset })
    if (first) {
      first = false
      // Every record of the first page was written before the server answered it; a server clock (or a record)
      // ahead of this machine's is not believed past this machine's.
      const server = page.date ?? newestOf(page.items)
      serverMs = server === undefined ? undefined : Math.min(server, localMs)
    }
    const current = new Set<string>()
    let fresh = 0
    for (const [i, item] of page.items.entries()) {
      const record = item as { sourcedId?: unknown; status?: unknown }
      const id = record?.sourcedId
      if (typeof id !== 'string' || id === '') throw invalid(spec.path, `record ${offset + i} has no sourcedId, so it cannot be applied or deleted`)
      const seen = current.has(id) || previous.has(id)
      current.add(id)
      if (seen) continue
      fresh++
      yield { type: record.status === 'tobedeleted' ? 'delete' : 'upsert', sourcedId: id, record: item as T }
    }
    // A server cap, reported in the envelope, is the real page size.
    const served = page.limit !== undefined && page.limit < plan.pageSize ? page.limit : plan.pageSize
    if (page.items.length === 0) {
      // Empty: the end, unless the total says its slots were records left out of the page (Timeback's short
      // pages), in which case the next slots are read. Each such request moves a whole page towards the total.
      if (page.total === undefined || offset + served >= page.total) break
      offset += served
    } else {
      // Without a total, a short page sent again whole is a server that ignores offset: it sent everything.
      if (fresh === 0 && page.total === undefined && shortBefore) break
      // A page made only of records already listed is an overlap after a short page; two in a row are a server
      // going round in circles, and ending there could checkpoint past records never listed.
      if (fresh === 0 && ++stale >= 2) throw invalid(spec.path, `pages at offset ${offset} repeat records already listed; the run stops without a checkpoint so that nothing is skipped`)
      if (fresh > 0) stale = 0
      offset += page.items.length
      // The total ends the run unless the page was exactly full (a total counted before a concurrent insert can
      // be one short, and more may follow); without a total, only an empty page ends it.
      if (page.total !== undefined && offset >= page.total && page.items.length !== served) break
      shortBefore = page.items.length < served
    }
    previous = current
  }
  yield { type: 'checkpoint', checkpoint: checkpointOf(serverMs, plan.since, plan.overlapMs) }
}

/**
 * `changes()` for one collection path. Bad options reject the first `next()` with an InputValidationError,
 * before any request.
 * @example const { changes } = changeMethods<User>(ctx, { path: '/ims/oneroster/rostering/v1p2/users/', listKeys: ['users'] })
 */
export function changeMethods<T, W = Where<T>>(ctx: ServiceContext, spec: ChangesSpec): ChangeMethods<T, W> {
  return { changes: (options) => run<T>(ctx, spec, options as ChangesOptions<unknown> | undefined) }
}

