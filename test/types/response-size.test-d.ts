// Compile-time checks of the `maxResponseBytes` option and the `response_too_large` code (tsc only, never run):
// each `@ts-expect-error` line must fail to compile and each plain line must compile.

import { isServerError, type ServerErrorCode, type TimebackErrorCode } from '../../src/errors.ts'
import { OneRosterClient } from '../../src/services/oneroster/index.ts'
import { createTimeback, oneroster } from '../../src/index.ts'

export function options(): void {
  void new OneRosterClient({ env: 'staging', maxResponseBytes: 64 * 1024 * 1024 })
  void createTimeback({ env: 'staging', use: { oneroster }, maxResponseBytes: 1024 })
  // @ts-expect-error a number of bytes, not a size string
  void new OneRosterClient({ env: 'staging', maxResponseBytes: '64MB' })
}

export function codes(error: unknown): string | undefined {
  if (!isServerError(error)) return undefined
  const code: ServerErrorCode = error.code
  const any: TimebackErrorCode = code
  switch (code) {
    case 'response_too_large': return 'raise maxResponseBytes or page with a smaller limit'
    // @ts-expect-error not a ServerError code
    case 'response_too_big': return any
    default: return undefined
  }
}
