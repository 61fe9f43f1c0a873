/**
 * @module services/masterytrack/resources/check — the hand checks of MasteryTrack inputs (no valibot: this entry
 * stays small). Each throws an InputValidationError naming the field, before any request.
 */

import { InputValidationError } from '../../../core/errors.js'

/** Collects the problems of one input, then throws them together. */
export class Problems {
  readonly #issues: { path: string; message: string }[] = []
  constructor(readonly label: string) {}

  add(path: string, message: string): void {
    this.#issues.push({ path, message })
  }

  /** A string field: required ones must be non-empty; optional ones, when present, too. */
  text(input: Record<string, unknown>, key: string, required = false): void {
    const value = input[key]
    if (value === undefined && !required) return
    if (typeof value !== 'string' || value.trim() === '') this.add(key, 'must be a non-empty string')
  }

  /** An integer field within [min, max]. */
  integer(input: Record<string, unknown>, key: string, min: number, max: number): void {
    const value = input[key]
    if (value === undefined) return
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.add(key, `must be an integer from ${min} to ${max}${max === 12 ? ' (0 is kindergarten)' : ''}`)
    }
  }

  /** Fields the route does not know: a typo would otherwise be dropped by the service and change the variant. */
  known(input: Record<string, unknown>, keys: readonly string[]): void {
    for (const key of Object.keys(input)) {
      if (!keys.includes(key)) this.add(key, `is not a field of ${this.label} (expected one of ${keys.join(', ')})`)
    }
  }

  throwIfAny(): void {
    if (this.#issues.length) throw new InputValidationError(this.#issues, this.label)
  }
}

/** `input` as an object, or an InputValidationError naming `name`. */
export function objectInput(input: unknown, name: string, label: string): Record<string, unknown> {
  if (input && typeof input === 'object' && !Array.isArray(input)) return input as Record<string, unknown>
  throw new InputValidationError([{ path: name, message: 'must be an object' }], label)
}
