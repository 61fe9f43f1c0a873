// The one place that finds and starts Chromium for tests: CHROME_PATH wins; then Debian's chromium; then the
// Chromium inside the @sparticuz/chromium npm package (Linux x64, no download at test time). Used by
// web-test-runner.config.js and by the Playwright tests (CDN bundles, the Cloudflare Worker example).
import { existsSync } from 'node:fs'

/** Path of a Chromium binary. */
export async function chromePath() {
  if (process.env.CHROME_PATH) return process.env.CHROME_PATH
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium'
  const { default: chromium } = await import('@sparticuz/chromium')
  return chromium.executablePath()
}

/** Flags for a headless Chromium on a machine with a closed network (no background lookups, no sandbox as root). */
export const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
]

/** A Playwright Chromium (playwright-core, never Playwright's own browser download). */
export async function launchChromium() {
  const { chromium } = await import('playwright-core')
  return chromium.launch({ executablePath: await chromePath(), headless: true, args: CHROME_ARGS })
}
