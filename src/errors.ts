// @timeback/sdk/errors — error classes and cross-realm guards, without any client code.

export * from './core/errors.js'
