// Path matching. The raw (still percent-encoded) path is split on '/' before each segment is decoded
// once, so an id containing '%2F' stays one segment and keeps its slash.
import type { Method, Route } from './context.js'
import { ImsxError } from './http.js'

type Segment = { readonly literal: string } | { readonly param: string }

interface Compiled {
  readonly route: Route
  readonly segments: readonly Segment[]
  /** Literal segments outrank parameters position by position: `courses/components` beats `courses/{id}`. */
  readonly rank: string
}

export type Match =
  | { readonly kind: 'route'; readonly route: Route; readonly params: Record<string, string> }
  | { readonly kind: 'method'; readonly allow: readonly string[] }
  | { readonly kind: 'none' }

function splitPath(path: string): string[] {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path // collection routes take both forms
  return trimmed.split('/').slice(1)
}

function compile(route: Route): Compiled {
  const segments = splitPath(route.path).map((s): Segment => (s.startsWith('{') && s.endsWith('}') ? { param: s.slice(1, -1) } : { literal: s }))
  return { route, segments, rank: segments.map((s) => ('literal' in s ? '0' : '1')).join('') }
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    throw new ImsxError(400, `Malformed percent-encoding in path segment '${segment}'.`)
  }
}

/** Build a matcher over `routes`. */
export function createRouter(routes: readonly Route[]): (method: string, rawPath: string) => Match {
  const compiled = routes.map(compile)
  const byLength = new Map<number, Compiled[]>()
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
    let best: Compiled[] = []
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
