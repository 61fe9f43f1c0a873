/**
 * @module @timeback/sdk/errors — the error classes, their `code` union (`TimebackErrorCode`) and the
 * cross-realm guards, without any client code: import it where you only catch.
 */

export * from './core/errors.js'
