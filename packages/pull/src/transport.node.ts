import { Agent, fetch as undiciFetch } from 'undici'

/**
 * Options of {@link createUndiciFetch}.
 *
 * @example
 * ```ts
 * const o: UndiciFetchOptions = { connections: 4 }
 * ```
 */
export interface UndiciFetchOptions {
  /** Connections per origin (default 8). */
  connections?: number
  /** Idle keep-alive in ms (default 30 s). */
  keepAliveTimeout?: number
}

/**
 * A `fetch` backed by an undici `Agent`: pooled keep-alive connections per origin. The
 * pull stage's own limiter caps concurrent requests per registry on top.
 *
 * @param options pool options
 * @returns a fetch function and a `close()` that ends the pool
 * @example
 * ```ts
 * import { createUndiciFetch, pullImage } from '@stowaway/pull'
 * const t = createUndiciFetch({ connections: 4 })
 * await pullImage('localhost:5000/a:b', { fetch: t.fetch })
 * await t.close()
 * ```
 */
export function createUndiciFetch(options: UndiciFetchOptions = {}): { fetch: typeof fetch; close(): Promise<void> } {
  const agent = new Agent({
    connections: options.connections ?? 8,
    keepAliveTimeout: options.keepAliveTimeout ?? 30_000,
    // Our own timeouts apply (header and idle-body); undici's are a backstop.
    headersTimeout: 300_000,
    bodyTimeout: 300_000,
  })
  const f = ((input: string | URL | Request, init?: RequestInit) =>
    undiciFetch(input as string, { ...(init as object), dispatcher: agent } as Parameters<typeof undiciFetch>[1])) as unknown as typeof fetch
  return { fetch: f, close: () => agent.close() }
}

let shared: { fetch: typeof fetch } | undefined

/**
 * The process-wide undici fetch the Node entry uses by default.
 *
 * @returns a pooled fetch
 * @example
 * ```ts
 * import { defaultNodeFetch } from '@stowaway/pull'
 * const f = defaultNodeFetch()
 * ```
 */
export function defaultNodeFetch(): typeof fetch {
  shared ??= createUndiciFetch()
  return shared.fetch
}
