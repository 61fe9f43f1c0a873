// Chromium runner: `npx wtr --config web-test-runner.config.js` (after `npm run build`). Runs
// test/runners/browser.test.ts, which tests dist/ with msw's service worker behind globalThis.fetch.
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { chromeLauncher, summaryReporter } from '@web/test-runner'
import { esbuildPlugin } from '@web/dev-server-esbuild'
import { CHROME_ARGS, chromePath } from './scripts/chrome.mjs'


const require = createRequire(import.meta.url)
const workerScript = require.resolve('msw/mockServiceWorker.js')

/** Prints `chromium: N passed, N failed` (counted over every test of every session) for scripts/test-all.js. */
function countReporter() {
  const count = (results, acc) => {
    for (const t of results?.tests ?? []) if (!t.skipped) acc[t.passed ? 'passed' : 'failed']++
    for (const s of results?.suites ?? []) count(s, acc)
    return acc
  }
  return {
    onTestRunFinished({ sessions }) {
      const acc = { passed: 0, failed: 0 }
      for (const session of sessions) {
        count(session.testResults, acc)
        if (!session.passed && !session.testResults?.tests?.length && !session.testResults?.suites?.length) acc.failed++
      }
      console.log(`chromium: ${acc.passed} passed, ${acc.failed} failed`)
    },
  }
}

export default {
  files: ['test/runners/browser.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 15_000 } },
  plugins: [esbuildPlugin({ ts: true })],
  // msw's worker script must be served from the root so its scope covers the test page.
  middleware: [
    async (ctx, next) => {
      if (ctx.path !== '/mockServiceWorker.js') return next()
      ctx.type = 'application/javascript'
      ctx.body = await readFile(workerScript, 'utf8')
    },
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: await chromePath(),
        headless: true,
        args: CHROME_ARGS,
      },
    }),
  ],
  reporters: [summaryReporter(), countReporter()],
}
