/**
 * @module services/edubridge/resources/check — the hand checks of EduBridge inputs (no valibot: this entry stays
 * small). An `Input` reads one argument object, collects every problem (unknown names, missing or empty values,
 * values outside the service's enums, bad dates) and throws them together as one InputValidationError naming
 * each field and its fix, before any request.
 */

import { InputValidationError, type InputIssue } from '../../../core/errors.js'

/** EduBridge's subjects (EB-md). */
export const SUBJECTS = 'Reading|Language|Vocabulary|Social Studies|Writing|Science|FastMath|Math'

// "-1" (pre-K) to "13", as strings: the service's grade enum.
const GRADE = /^(-1|\d|1[0-3])$/
const DAY = /^(\d{4})-(\d\d)-(\d\d)$/
const ISO = /^(\d{4})-(\d\d)-(\d\d)T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/

/** A calendar day that exists (no 2026-02-30), from a DAY or ISO match. */
const realDay = (m: RegExpExecArray): boolean => {
  const [y, mo, d] = [+m[1]!, +m[2]!, +m[3]!]
  return new Date(Date.UTC(y, mo - 1, d)).getUTCDate() === d && mo >= 1 && mo <= 12
}

/**
 * A date as EduBridge takes it: `YYYY-MM-DD` becomes `YYYY-MM-DDT00:00:00.000Z` (as the vendor SDK sends it),
 * a full ISO 8601 date-time with a zone is sent as given, a valid Date as its ISO string; anything else is
 * undefined.
 * @example toIsoDate('2026-03-02') // '2026-03-02T00:00:00.000Z'
 */
export function toIsoDate(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString()
  if (typeof value !== 'string') return undefined
  const day = DAY.exec(value)
  if (day) return realDay(day) ? `${value}T00:00:00.000Z` : undefined
  const full = ISO.exec(value)
  return full && realDay(full) ? value : undefined
}

/** A received value as an error message shows it (an invalid Date would otherwise print as null). */
const shown = (value: unknown): string => (value instanceof Date ? 'an invalid Date' : JSON.stringify(value)) ?? String(value)

/** Reads and checks one argument object; every check records its problem and the first `done()` throws them all. */
export class Input {
  readonly v: Record<string, unknown>
  readonly #issues: InputIssue[] = []

  /** `fields`: the names the call knows, `|`-separated; any other name is a problem (a typo would be dropped). */
  constructor(readonly label: string, input: unknown, fields: string) {
    if (!input || typeof input !== 'object' || Array.isArray(input)) {
      throw new InputValidationError([{ path: 'input', message: `must be an object with ${fields.replace(/\|/g, ', ')}` }], label)
    }
    // A copy: checks may normalise values (a Date to its day) without touching the caller's object.
    this.v = { ...(input as Record<string, unknown>) }
    const known = fields.split('|')
    for (const key of Object.keys(this.v)) {
      if (this.v[key] !== undefined && !known.includes(key)) this.add(key, `is not a parameter of ${label} (expected one of ${known.join(', ')})`)
    }
  }

  add(path: string, message: string): void {
    this.#issues.push({ path, message })
  }

  /** True when `key` holds something (undefined counts as absent); a required absent one is a problem. */
  has(key: string, required?: boolean): boolean {
    if (this.v[key] !== undefined) return true
    if (required) this.add(key, 'is required')
    return false
  }

  /** A non-empty string. */
  text(key: string, required?: boolean): this {
    const value = this.v[key]
    if (this.has(key, required) && (typeof value !== 'string' || value.trim() === '')) this.add(key, 'must be a non-empty string')
    return this
  }

  /** One of `allowed` (`|`-separated), exactly as the service spells it. */
  pick(key: string, allowed: string, required?: boolean): this {
    const value = this.v[key]
    if (this.has(key, required) && !(typeof value === 'string' && allowed.split('|').includes(value))) {
      this.add(key, `must be one of ${allowed.split('|').map((a) => JSON.stringify(a)).join(', ')}, got ${JSON.stringify(value)}`)
    }
    return this
  }

  /** A grade as the service writes it: a string from "-1" (pre-K) to "13". */
  grade(key: string, required?: boolean): this {
    const value = this.v[key]
    if (this.has(key, required) && !(typeof value === 'string' && GRADE.test(value))) {
      this.add(key, `must be a grade string from "-1" (pre-K) to "13", e.g. "5", got ${JSON.stringify(value)}`)
    }
    return this
  }

  /** An array of non-empty strings (each one of `allowed` when given), non-empty unless `empty`. */
  list(key: string, required?: boolean, allowed?: string, empty?: boolean): this {
    const value = this.v[key]
    if (!this.has(key, required)) return this
    if (!Array.isArray(value) || (value.length === 0 && !empty)) return this.add(key, `must be a${empty ? 'n' : ' non-empty'} array of strings`), this
    value.forEach((item, i) => {
      if (typeof item !== 'string' || item.trim() === '') this.add(`${key}[${i}]`, 'must be a non-empty string')
      else if (allowed && !allowed.split('|').includes(item)) this.add(`${key}[${i}]`, `must be one of ${allowed.replace(/\|/g, ', ')}, got ${JSON.stringify(item)}`)
    })
    return this
  }

  /** A plain object (metadata, pacing…), passed on as given. */
  object(key: string, required?: boolean): this {
    const value = this.v[key]
    if (this.has(key, required) && (!value || typeof value !== 'object' || Array.isArray(value))) this.add(key, 'must be an object')
    return this
  }

  /** A nested object checked by `fn` with its own known `fields`; its problems are reported under `key.`. */
  sub(key: string, fields: string, required: boolean | undefined, fn: (check: Input) => Input): this {
    if (!this.has(key, required)) return this
    try {
      this.v[key] = fn(new Input(this.label, this.v[key], fields)).done()
    } catch (error) {
      if (!(error instanceof InputValidationError)) throw error
      for (const issue of error.issues) this.add(issue.path === 'input' ? key : `${key}.${issue.path}`, issue.message)
    }
    return this
  }

  /** A date (`YYYY-MM-DD`, full ISO 8601 with a zone, or a Date), returned as the ISO string to send. */
  date(key: string, required?: boolean): string | undefined {
    if (!this.has(key, required)) return undefined
    const iso = toIsoDate(this.v[key])
    if (!iso) this.add(key, `must be a date as YYYY-MM-DD or a full ISO 8601 date-time with a zone (2026-03-02T00:00:00.000Z), got ${shown(this.v[key])}`)
    return iso
  }

  /**
   * A day as the service stores it: `YYYY-MM-DD` that exists, sent as written, or a valid Date, sent as its UTC
   * day. A date-time is refused: the service answers 400 to one, and which day it meant depends on a zone.
   */
  day(key: string, required?: boolean): this {
    if (!this.has(key, required)) return this
    const value = this.v[key]
    const day = typeof value === 'string' ? DAY.exec(value) : null
    if (value instanceof Date && !Number.isNaN(value.getTime())) this.v[key] = value.toISOString().slice(0, 10)
    else if (!day || !realDay(day)) this.add(key, `must be a day as YYYY-MM-DD or a Date (e.g. 2026-03-02), got ${shown(value)}`)
    return this
  }

  /** An IANA time zone the runtime knows (`America/New_York`, `UTC`): it decides the service's day buckets. */
  timezone(key = 'timezone'): this {
    const value = this.v[key]
    if (!this.has(key)) return this
    try {
      if (typeof value !== 'string' || value === '') throw 0
      new Intl.DateTimeFormat('en-US', { timeZone: value })
    } catch {
      this.add(key, `must be an IANA time zone such as "America/New_York" or "UTC", got ${JSON.stringify(value)}`)
    }
    return this
  }

  /** Throws every problem found as one InputValidationError; returns the input otherwise. */
  done<T = Record<string, unknown>>(): T {
    if (this.#issues.length) throw new InputValidationError(this.#issues, this.label)
    return this.v as T
  }
}
