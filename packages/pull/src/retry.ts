import { StowawayError } from '@stowaway/core'

/**
 * Delay before retry `attempt` (0-based): exponential backoff with full jitter, or the
 * server's `Retry-After` (seconds or HTTP date) when given, capped at `max`.
 *
 * @param attempt retries done so far
 * @param baseMs backoff base
 * @param maxMs cap
 * @param retryAfter the `Retry-After` header value, if any
 * @param now clock (tests)
 * @param random jitter source (tests)
 * @returns milliseconds to wait
 * @example
 * ```ts
 * import { retryDelay } from '@stowaway/pull'
 * retryDelay(0, 500, 30_000, '2') // 2000
 * ```
 */
export function retryDelay(attempt: number, baseMs: number, maxMs: number, retryAfter?: string | null, now = Date.now(), random = Math.random): number {
  if (retryAfter) {
    const v = retryAfter.trim()
    if (/^\d+$/.test(v)) return Math.min(maxMs, Number(v) * 1000)
    const t = Date.parse(v)
    if (!Number.isNaN(t)) return Math.min(maxMs, Math.max(0, t - now))
  }
  return Math.floor(random() * Math.min(maxMs, baseMs * 2 ** attempt))
}

/**
 * Wait `ms`, rejecting with `ABORTED` as soon as `signal` aborts.
 *
 * @param ms milliseconds
 * @param signal optional abort signal
 * @returns resolves after the delay
 * @example
 * ```ts
 * import { sleep } from '@stowaway/pull'
 * await sleep(10)
 * ```
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal))
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(t)
      reject(abortError(signal!))
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/**
 * The error to throw when a caller's signal aborted.
 *
 * @param signal the aborted signal
 * @returns a StowawayError `ABORTED` with the reason as cause
 * @example
 * ```ts
 * import { abortError } from '@stowaway/pull'
 * const c = new AbortController(); c.abort(); abortError(c.signal).code // 'ABORTED'
 * ```
 */
export function abortError(signal: AbortSignal): StowawayError {
  return new StowawayError('ABORTED', 'Cannot continue: the operation was aborted', { cause: signal.reason })
}
