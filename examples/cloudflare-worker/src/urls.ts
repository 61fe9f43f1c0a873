// IRIs the app's events carry. The actor is the student's OneRoster user URL (what Timeback's analytics match
// students by); the group is the OneRoster class, which the webhook receiver uses to pick the class's feed.
// `rosterBase` is the OneRoster client's `baseUrl`, so the IRIs follow TIMEBACK_ENV or a base-URL override.

const ROSTERING = '/ims/oneroster/rostering/v1p2'

export const userIri = (rosterBase: string, id: string) => `${rosterBase}${ROSTERING}/users/${encodeURIComponent(id)}`
export const classIri = (rosterBase: string, id: string) => `${rosterBase}${ROSTERING}/classes/${encodeURIComponent(id)}`

/** The id after `/<collection>/` at the end of a OneRoster IRI, or undefined. */
function idOf(iri: unknown, collection: 'classes' | 'users'): string | undefined {
  const m = typeof iri === 'string' ? new RegExp(`/${collection}/([^/?#]+)$`).exec(iri) : null
  if (!m) return undefined
  try {
    return decodeURIComponent(m[1]!)
  } catch {
    return undefined
  }
}

export const classIdOf = (iri: unknown) => idOf(iri, 'classes')
export const userIdOf = (iri: unknown) => idOf(iri, 'users')
