// Hands each attempt to the user's hooks and debug logger, redacted. Payloads are built only when someone
// listens, so a client without hooks or `logger.debug` pays nothing for redaction.

import { redactBody, redactJsonText } from '../redaction.js'
import { redactHeaders, type Hooks, type Logger, type RequestInfo, type ResponseInfo } from './hooks.js'
import { messageOf } from './response.js'

/** What a report needs to know about the request being made. */
export interface Sent {
  method: string
  /** Already redacted (`redactUrl`). */
  url: string
  headers: Record<string, string>
  attempt: number
  requestId: string
  /** The call's own headers (lower-cased), redacted like the client's. */
  callHeaders: Record<string, string> | undefined
}

/**
 * The per-transport reporter (built once from the client's hooks, logger, `logBodies` and `headers`).
 * @example if (reporter.listening) reporter.request(sent)
 */
export class Reporter {
  readonly #hooks: Hooks | undefined
  readonly #logger: Logger | undefined
  readonly #clientHeaders: Record<string, string> | undefined
  /** Whether `logBodies` is on: bodies (redacted) go into `onRequest` and `onResponse`. */
  readonly bodies: boolean

  constructor(hooks: Hooks | undefined, logger: Logger | undefined, logBodies: boolean | undefined, clientHeaders: Record<string, string> | undefined) {
    this.#hooks = hooks
    this.#logger = logger
    this.bodies = logBodies === true
    this.#clientHeaders = clientHeaders
  }

  get logger(): Logger | undefined {
    return this.#logger
  }

  /** Whether anyone listens; callers skip building a {@link Sent} (an allocation per attempt) otherwise. */
  get listening(): boolean {
    return this.#hooks !== undefined || typeof this.#logger?.debug === 'function'
  }

  /** `body`: the request's JSON value or pre-serialized text, only when bodies are logged for it. */
  request(sent: Sent, body?: { value?: unknown; json?: string }): void {
    this.emit('onRequest', () => {
      const info: RequestInfo = this.#base(sent)
      if (body) info.body = body.json !== undefined ? redactJsonText(body.json) : redactBody(body.value)
      return info
    })
  }

  /** `body`: present only for a parsed answer whose body is logged. */
  response(sent: Sent, status: number, started: number, body?: { value: unknown }): void {
    this.emit('onResponse', () => {
      const info: ResponseInfo = { ...this.#base(sent), status, durationMs: Date.now() - started }
      if (body) info.body = redactBody(body.value)
      return info
    })
  }

  emit<K extends keyof Hooks>(name: K, info: () => Parameters<NonNullable<Hooks[K]>>[0]): void {
    const hook = this.#hooks?.[name]
    const logger = this.#logger
    if (!hook && !logger?.debug) return
    const payload = info()
    if (logger?.debug) logger.debug(`timeback: ${name}`, payload)
    if (!hook) return
    try {
      ;(hook as (p: typeof payload) => void)(payload)
    } catch (error) {
      logger?.warn?.(`timeback: ${name} hook threw: ${messageOf(error)}`)
    }
  }

  #base(sent: Sent): RequestInfo {
    return {
      method: sent.method, url: sent.url, headers: redactHeaders(sent.headers, this.#clientHeaders, sent.callHeaders),
      attempt: sent.attempt, requestId: sent.requestId,
    }
  }
}
