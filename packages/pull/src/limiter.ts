/**
 * A counting semaphore: at most `limit` holders at once, others wait in FIFO order.
 *
 * @example
 * ```ts
 * import { Limiter } from '@stowaway/pull'
 * const l = new Limiter(2)
 * const release = await l.acquire()
 * release()
 * ```
 */
export class Limiter {
  private active = 0
  private queue: (() => void)[] = []
  /** @param limit maximum concurrent holders (at least 1) */
  constructor(readonly limit: number) {}
  /**
   * @returns a release function; calling it more than once is harmless
   */
  async acquire(): Promise<() => void> {
    if (this.active >= Math.max(1, this.limit)) await new Promise<void>((r) => this.queue.push(r))
    else this.active++
    let released = false
    return () => {
      if (released) return
      released = true
      const next = this.queue.shift()
      if (next) next()
      else this.active--
    }
  }
}
