// @timeback/sdk/clr
// @bundleMarkers ClrClient

export { ClrClient } from './client.js'
// The names every entry shares (options, pages, token stores, hooks): last, and the same objects everywhere.
export * from '../../core/public.js'
