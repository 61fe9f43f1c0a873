// Path matching. The raw (still percent-encoded) path is split on '/' before each segment is decoded
// once, so an id containing '%2F' stays one segment and keeps its slash.
import type { Method } from './context.js'
import { HttpError } from './http.js'

/** What the router needs of a route; the kernel's mounted routes carry more (their handler and service). */
export interface Routable {
  readonly method: Method
  /** Full path template, e.g. `/caliper-host/caliper/events/{externalId}`. */
  readonly path: string
}

type Segment = { readonly literal: string } | { readonly param: string }

interface Compiled<R extends Routable> {
  readonly route: R
  readonly segments: readonly Segment[]
  /** Literal segments outrank parameters position by position: `courses/components` beats `courses/{id}`. */
  readonly rank: string
}

export type Match<R extends Routable> =
  | { readonly kind: 'route'; readonly route: R; readonly params: Record<string, string> }
  | { readonly kind: 'method'; readonly allow: readonly string[] }
  | { readonly kind: 'none' }

function splitPath(path: string): string[] {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path // collection routes take both forms
  return trimmed.split('/').slice(1)
}

function compile<R extends Routable>(route: R): Compiled<R> {
  const segments = splitPath(route.path).map((s): Segment => (s.startsWith('{') && s.endsWith('}') ? { param: s.slice(1, -1) } : { literal: s }))
  return { route, segments, rank: segments.map((s) => ('literal' in s ? '0' : '1')).join('') }
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    throw new HttpError(400, `Malformed percent-encoding in path segment '${segment}'.`)
  }
}

/** Build a matcher over `routes`. */
export function createRouter<R extends Routable>(routes: readonly R[]): (method: string, rawPath: string) => Match<R> {
  const compiled = routes.map(compile)
  const byLength = new Map<number, Compiled<R>[]>()
  for (const c of compiled) {
    const list = byLength.get(c.segments.length) ?? []
    list.push(c)
    byLength.set(c.segments.length, list)
  }

  return (method, rawPath) => {
    const raw = splitPath(rawPath)
    const candidates = byLength.get(raw.length)
    if (!candidates) return { kind: 'none' }
    const decoded = raw.map(decode)
    let best: Compiled<R>[] = []
    for (const c of candidates) {
      const fits = c.segments.every((s, i) => ('literal' in s ? s.literal === decoded[i] : decoded[i] !== ''))
      if (!fits) continue
      if (best.length === 0 || c.rank < best[0]!.rank) best = [c]
      else if (c.rank === best[0]!.rank) best.push(c)
    }
    if (best.length === 0) return { kind: 'none' }
    const wanted = (method === 'HEAD' ? 'GET' : method) as Method
    const hit = best.find((c) => c.route.method === wanted)
    if (!hit) {
      const allow = [...new Set(best.flatMap((c) => (c.route.method === 'GET' ? ['GET', 'HEAD'] : [c.route.method])))]
      return { kind: 'method', allow }
    }
    const params: Record<string, string> = {}
    hit.segments.forEach((s, i) => {
      if ('param' in s) params[s.param] = decoded[i]!
    })
    return { kind: 'route', route: hit.route, params }
  }
}
