// ClassFeed, a Durable Object: one per class, holding the newest events Timeback delivered back for it.
// Why a Durable Object and not KV: webhook deliveries are at least once and KV replay protection is
// best-effort across isolates (no compare-and-set, eventual consistency). One object per class serialises
// its writes, so keying entries by the Caliper event id makes the feed exactly once, and a teacher reading
// right after a delivery sees it (KV can lag by a minute in other locations).
import type { DurableObjectNamespace, DurableObjectState } from './worker-types.js'

export interface FeedEntry {
  /** The Caliper event's urn:uuid id: the de-duplication key. */
  readonly id: string
  readonly studentId: string
  readonly studentName: string
  readonly lesson: string
  readonly xp: number
  readonly eventTime: string
  readonly receivedAt: string
}

const KEEP = 100
const FIELDS = ['id', 'studentId', 'studentName', 'lesson', 'eventTime'] as const

function checkEntry(value: unknown): FeedEntry | string {
  if (typeof value !== 'object' || value === null) return 'body must be a JSON object'
  const entry = value as Record<string, unknown>
  for (const field of FIELDS) if (typeof entry[field] !== 'string' || entry[field] === '') return `${field} must be a non-empty string`
  if (typeof entry.xp !== 'number' || !Number.isFinite(entry.xp) || entry.xp < 0) return 'xp must be a number ≥ 0'
  return { id: entry.id, studentId: entry.studentId, studentName: entry.studentName, lesson: entry.lesson, xp: entry.xp, eventTime: entry.eventTime, receivedAt: new Date().toISOString() } as FeedEntry
}

export class ClassFeed {
  constructor(private readonly state: DurableObjectState) {}

  async fetch(request: Request): Promise<Response> {
    if (request.method === 'GET') return Response.json((await this.state.storage.get<FeedEntry[]>('feed')) ?? [])
    if (request.method !== 'POST') return new Response(null, { status: 405 })
    const entry = checkEntry(await request.json().catch(() => undefined))
    if (typeof entry === 'string') return Response.json({ error: entry }, { status: 400 })
    // One object runs one request's storage calls at a time (input gates), so read-check-write is atomic here.
    const feed = (await this.state.storage.get<FeedEntry[]>('feed')) ?? []
    if (feed.some((e) => e.id === entry.id)) return Response.json({ added: false })
    await this.state.storage.put('feed', [entry, ...feed].slice(0, KEEP))
    return Response.json({ added: true })
  }
}

function stub(ns: DurableObjectNamespace, classId: string) {
  return ns.get(ns.idFromName(`class:${classId}`))
}

/** Adds an entry to the class's feed; false when that event was already there. */
export async function addToFeed(ns: DurableObjectNamespace, classId: string, entry: Omit<FeedEntry, 'receivedAt'>): Promise<boolean> {
  const res = await stub(ns, classId).fetch('https://feed/events', { method: 'POST', body: JSON.stringify(entry), headers: { 'content-type': 'application/json' } })
  if (!res.ok) throw new Error(`class feed answered ${res.status}: ${await res.text()}`)
  return ((await res.json()) as { added: boolean }).added
}

export async function readFeed(ns: DurableObjectNamespace, classId: string): Promise<FeedEntry[]> {
  const res = await stub(ns, classId).fetch('https://feed/events')
  if (!res.ok) throw new Error(`class feed answered ${res.status}`)
  return (await res.json()) as FeedEntry[]
}
