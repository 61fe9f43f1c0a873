// The proxy's whole surface: which paths exist and what each may return. Anything not matched here is a 404,
// so adding a route is a deliberate change to this table, never an accident of forwarding a path upstream.

/**
 * OneRoster sourcedIds are opaque strings; this proxy accepts the characters real ids use (letters, digits,
 * `-`, `_`, `.`, `:`), up to 128, starting with a letter or digit and never containing `..`. An id that fails is
 * refused before any request, so a percent-encoded `/` or `../` can never reach an upstream path.
 */
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/
export const isValidId = (id: string): boolean => ID.test(id) && !id.includes('..')

/** A matched route: its name and the id it names. */
export interface RouteMatch {
  route: 'user' | 'class' | 'class-students'
  id: string
}

/** What `match` answers for a path that is not the proxy's, or whose id is refused. */
export type RouteMiss = { miss: 'unknown-route' } | { miss: 'bad-id'; raw: string }

const TABLE: { pattern: RegExp; route: RouteMatch['route'] }[] = [
  { pattern: /^\/users\/([^/]+)$/, route: 'user' },
  { pattern: /^\/classes\/([^/]+)$/, route: 'class' },
  { pattern: /^\/classes\/([^/]+)\/students$/, route: 'class-students' },
]

/**
 * The route of a raw (still percent-encoded) pathname. The id segment is decoded once and checked; a segment
 * that is not valid percent-encoding is a bad id, not a crash.
 * @example match('/classes/seed-class-1/students') // { route: 'class-students', id: 'seed-class-1' }
 */
export function match(pathname: string): RouteMatch | RouteMiss {
  for (const { pattern, route } of TABLE) {
    const found = pattern.exec(pathname)
    if (!found) continue
    let id: string
    try {
      id = decodeURIComponent(found[1]!)
    } catch {
      return { miss: 'bad-id', raw: found[1]! }
    }
    return isValidId(id) ? { route, id } : { miss: 'bad-id', raw: found[1]! }
  }
  return { miss: 'unknown-route' }
}
