// One AbortSignal per call that fires on the caller's abort or on the call's timeout, and remembers which
// of the two it was: users handle "I cancelled" and "it was too slow" differently.

import { AbortError, TimeoutError } from '../errors.js'

export interface CallScope {
  signal: AbortSignal
  /** Epoch ms after which no new attempt may start. */
  deadline: number
  /** The error to throw now that `signal` has fired. */
  abortError(what: string): AbortError | TimeoutError
  dispose(): void
}

let never: AbortSignal | undefined

export function openCallScope(caller: AbortSignal | undefined, timeoutMs: number): CallScope {
  const finite = Number.isFinite(timeoutMs) && timeoutMs > 0
  const deadline = finite ? Date.now() + timeoutMs : Infinity
  const timeoutError = (what: string) => new TimeoutError(`${what} timed out after ${timeoutMs} ms`, timeoutMs)
  if (!caller) {
    // The common case, kept cheap (it is on every request): the platform's timeout signal, no controller,
    // no listener. Its reason is a DOMException named TimeoutError, and nothing else can abort it.
    const signal = finite ? AbortSignal.timeout(timeoutMs) : (never ??= new AbortController().signal)
    return { signal, deadline, abortError: timeoutError, dispose() {} }
  }
  const controller = new AbortController()
  let timedOut = false
  const onAbort = () => controller.abort(caller.reason)
  if (caller.aborted) controller.abort(caller.reason)
  else caller.addEventListener('abort', onAbort, { once: true })
  const timer = finite
    ? setTimeout(() => {
        timedOut = true
        controller.abort(new TimeoutError(`timed out after ${timeoutMs} ms`, timeoutMs))
      }, timeoutMs)
    : undefined
  return {
    signal: controller.signal,
    deadline,
    abortError(what) {
      if (timedOut) return timeoutError(what)
      return new AbortError(`${what} was aborted`, caller.reason)
    },
    dispose() {
      if (timer !== undefined) clearTimeout(timer)
      caller.removeEventListener('abort', onAbort)
    },
  }
}
