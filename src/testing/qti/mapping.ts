// Scoring by a response declaration's <qti-mapping> (the map_response template): each distinct response is
// worth its entry's mapped value (the default value when unmapped), the sum is clamped to the lower and upper
// bounds, and the result is reported on the service's 0–1 scale (divided by the best score the mapping allows).
import { elements } from './xml-view.js'
import type { XmlElement } from './xml.js'

const num = (value: string | undefined, fallback: number): number => {
  const n = value === undefined ? NaN : Number(value)
  return Number.isFinite(n) ? n : fallback
}

/**
 * The 0–1 score of `given` by the mapping of the response declaration `identifier` in `root`, or `undefined`
 * when that declaration has no mapping.
 *
 * @example
 * mappedScore(root, 'RESPONSE', ['paris']) // 1 when the mapping gives 'paris' (case-insensitive) its full value
 */
export function mappedScore(root: XmlElement, identifier: string, given: readonly string[]): number | undefined {
  const declaration = elements(root, 'qti-response-declaration').find((d) => d.attrs.identifier === identifier)
  const mapping = declaration && elements(declaration, 'qti-mapping')[0]
  if (!mapping) return undefined
  const entries = elements(mapping, 'qti-map-entry').map((e) => ({
    key: e.attrs['map-key'] ?? '', value: num(e.attrs['mapped-value'], 0), exact: e.attrs['case-sensitive'] !== 'false',
  }))
  const fallback = num(mapping.attrs['default-value'], 0)
  const lower = num(mapping.attrs['lower-bound'], -Infinity)
  const upper = num(mapping.attrs['upper-bound'], Infinity)
  const valueOf = (response: string): number => {
    const hit = entries.find((e) => (e.exact ? e.key === response.trim() : e.key.toLowerCase() === response.trim().toLowerCase()))
    return hit ? hit.value : fallback
  }
  const single = declaration.attrs.cardinality === undefined || declaration.attrs.cardinality === 'single'
  const distinct = [...new Set(given)]
  const raw = Math.min(upper, Math.max(lower, distinct.reduce((sum, r) => sum + valueOf(r), 0)))
  // The best the mapping allows: its highest entry for one response, or every positive entry for several.
  const positives = entries.map((e) => e.value).filter((v) => v > 0)
  const best = Math.min(upper, single ? Math.max(0, fallback, ...positives) : positives.reduce((a, b) => a + b, 0))
  return best > 0 ? Math.max(0, Math.min(1, raw / best)) : 0
}
