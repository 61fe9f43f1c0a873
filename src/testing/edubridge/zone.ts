// Local calendar days in an IANA time zone, for the day buckets of EduBridge analytics (Intl does the zone rules).
import { HttpError } from '../http.js'

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
// Zone names are case-insensitive, so callers could spell one many ways: the cache is capped, not keyed on trust.
const MAX_CACHED = 64
const formatters = new Map<string, Intl.DateTimeFormat>()

/** The formatter of a zone, or a 400 naming the parameter when the zone is unknown. */
export function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (f) return f
  try {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short' })
  } catch {
    throw new HttpError(400, `'timezone' must be an IANA time zone name such as America/Chicago (got ${JSON.stringify(timeZone)}).`)
  }
  if (formatters.size >= MAX_CACHED) formatters.clear()
  formatters.set(timeZone, f)
  return f
}

/** The local calendar day of an instant: `date` YYYY-MM-DD, its parts, and the weekday (0 = Sunday). */
export interface LocalDay {
  readonly date: string
  readonly year: number
  readonly month: number
  readonly day: number
  readonly dayOfWeek: number
}

export function localDay(ms: number, formatter: Intl.DateTimeFormat): LocalDay {
  const parts: Record<string, string> = {}
  for (const p of formatter.formatToParts(new Date(ms))) parts[p.type] = p.value
  const [year, month, day] = [Number(parts.year), Number(parts.month), Number(parts.day)]
  const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  return { date, year, month, day, dayOfWeek: WEEKDAYS.indexOf(parts.weekday ?? '') }
}
