// Starts the example as it runs on Cloudflare, on this machine: the Worker bundled as wrangler bundles it, in
// Miniflare (workerd) with real KV, Durable Object and Queue bindings, against the SDK's emulator served on
// 127.0.0.1, which delivers its webhooks back to the Worker's loopback URL.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import * as esbuild from 'esbuild'
import { Miniflare } from 'miniflare'
import { serveEmulator, type EmulatorServer } from '@timeback/sdk/testing'
import { WebhooksClient } from '@timeback/sdk/webhooks'

export const EXAMPLE = fileURLToPath(new URL('..', import.meta.url))
export const COMPATIBILITY_DATE = /compatibility_date\s*=\s*"([^"]+)"/.exec(readFileSync(`${EXAMPLE}/wrangler.toml`, 'utf8'))![1]!
export const WEBHOOK_SECRET = 'whsec-example-0123456789abcdef'
export const SENSOR = 'https://worker-example.test'

/** The binding names the tests give the Worker; test/bindings.test.ts compares them with wrangler.toml. */
export const BINDINGS = {
  kvNamespaces: { TOKENS: 'tokens', REPLAY: 'replay' },
  durableObjects: { CLASS_FEED: 'ClassFeed' },
  queueProducers: { EVENTS: 'caliper-events' },
  queueConsumers: ['caliper-events'],
  deadLetterQueue: 'caliper-events-dlq',
} as const

/** src/index.ts bundled the way wrangler does it (esbuild, ESM, the workerd/worker/browser conditions). */
export async function bundleWorker(minify = false): Promise<string> {
  const out = await esbuild.build({
    entryPoints: [`${EXAMPLE}/src/index.ts`], bundle: true, write: false, format: 'esm', target: 'es2022', minify,
    platform: 'neutral', conditions: ['workerd', 'worker', 'browser'], mainFields: ['module', 'main'], logLevel: 'silent',
  })
  return out.outputFiles[0]!.text
}

export interface App {
  readonly mf: Miniflare
  /** The Worker's URL on loopback (what the browser opens and the emulator delivers to). */
  readonly url: string
  readonly server: EmulatorServer
  /** Lines the Worker wrote to stdout (console.log), newest last. */
  readonly logs: string[]
  close(): Promise<void>
}

export async function startApp(): Promise<App> {
  const script = await bundleWorker()
  const server = await serveEmulator({ port: 0, host: '127.0.0.1' })
  const { emulator } = server
  const vars = {
    TIMEBACK_SENSOR: SENSOR,
    TIMEBACK_BASE_URL: emulator.services.oneroster,
    CALIPER_BASE_URL: emulator.services.caliper,
    TIMEBACK_TOKEN_URL: emulator.tokenUrl,
    TIMEBACK_SSO_ISSUER: emulator.services.oidc,
    TIMEBACK_CLIENT_ID: emulator.credentials.clientId,
    TIMEBACK_CLIENT_SECRET: emulator.credentials.clientSecret,
    TIMEBACK_SSO_CLIENT_ID: emulator.oidc.client.clientId,
    TIMEBACK_SSO_CLIENT_SECRET: emulator.oidc.client.clientSecret,
    COOKIE_SECRET: 'test-cookie-secret-0123456789abcdef0123456789',
    WEBHOOK_SECRET,
  }
  const worker = {
    modules: true, script, compatibilityDate: COMPATIBILITY_DATE, bindings: vars,
    kvNamespaces: { ...BINDINGS.kvNamespaces },
    queueProducers: { ...BINDINGS.queueProducers },
  }
  const logs: string[] = []
  const mf = new Miniflare({
    host: '127.0.0.1', port: 0,
    handleRuntimeStdio(stdout, stderr) {
      let rest = ''
      stdout.on('data', (chunk: Buffer) => {
        const lines = (rest + chunk.toString('utf8')).split('\n')
        rest = lines.pop() ?? ''
        logs.push(...lines)
      })
      stderr.pipe(process.stderr)
    },
    workers: [
      {
        ...worker, name: 'app', durableObjects: { ...BINDINGS.durableObjects },
        // wrangler.toml's consumer, with a 1 s batch window and no retry delay so the tests do not wait.
        queueConsumers: { 'caliper-events': { maxBatchSize: 50, maxBatchTimeout: 1, maxRetries: 5, deadLetterQueue: BINDINGS.deadLetterQueue, retryDelay: 0 } },
      },
      // A second Worker on the same KV namespaces: another isolate, to show tokens travel through KV.
      { ...worker, name: 'app-b', durableObjects: { CLASS_FEED: { className: 'ClassFeed', scriptName: 'app' } } },
    ],
  })
  try {
    const url = (await mf.ready).href.replace(/\/$/, '')
    // The operator's one-time setup (e.g. with `npx timeback api webhooks …`): Timeback delivers ActivityEvents here.
    const hooks = new WebhooksClient({ baseUrl: emulator.services.webhooks, auth: { ...emulator.credentials, authUrl: emulator.tokenUrl } })
    const hook = await hooks.webhooks.create({ name: 'Worker example', description: null, targetUrl: `${url}/webhooks/timeback`, secret: WEBHOOK_SECRET, active: true })
    await hooks.filters.create({ webhookId: hook.id, filterKey: 'type', filterValue: 'ActivityEvent', filterType: 'string', filterOperation: 'eq', active: true })
    return { mf, url, server, logs, close: async () => { await mf.dispose(); await server.close() } }
  } catch (error) {
    await mf.dispose()
    await server.close()
    throw error
  }
}

/** Polls `check` until it returns a value other than undefined, or fails after `ms`. No fixed sleeps. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms
  let last: unknown
  for (;;) {
    try {
      const value = await check()
      if (value !== undefined) return value
    } catch (error) {
      last = error
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
