import { StowawayError, isStowawayError, readAllBytes } from '@stowaway/core'
import { RegistryAuth } from './auth.ts'
import type { Descriptor } from './manifest.ts'
import { Limiter } from './limiter.ts'
import { MANIFEST_ACCEPT } from './media-types.ts'
import { DOCKER_HUB, isLoopbackRegistry } from './reference.ts'
import { abortError, retryDelay, sleep } from './retry.ts'
import { headerRecord } from './header-record.ts'
import type { PullOptions, RegistryFetch, TransportHeaders, TransportResponse } from './types.ts'

/**
 * Options of {@link RegistryClient}: the transport-related part of {@link PullOptions}.
 *
 * @example
 * ```ts
 * const o: RegistryClientOptions = { retries: 2, timeoutMs: 10_000, concurrency: 2 }
 * ```
 */
export type RegistryClientOptions = Pick<
  PullOptions,
  'fetch' | 'plainHttp' | 'registryUrl' | 'auth' | 'timeoutMs' | 'retries' | 'retryDelayMs' | 'maxRetryDelayMs' | 'concurrency'
>

/**
 * A registry response whose body times out when idle and frees its concurrency slot when done.
 *
 * @example
 * ```ts
 * declare const client: RegistryClient
 * const res: RegistryResponse = await client.send(`${client.base}/v2/`, {})
 * ```
 */
export interface RegistryResponse {
  status: number
  headers: TransportHeaders
  url: string
  body: ReadableStream<Uint8Array>
}

const MAX_MANIFEST = 4 * 1024 * 1024
const MAX_REDIRECTS = 5

/**
 * The base URL of a registry's API: Docker Hub's real host, HTTPS unless the host is
 * loopback or `plainHttp` is set, or the caller's `registryUrl` (a CORS proxy).
 *
 * @param registry host[:port] as in references
 * @param options plainHttp / registryUrl
 * @returns base URL without trailing slash
 * @example
 * ```ts
 * import { registryBaseUrl } from '@stowaway/pull'
 * registryBaseUrl('docker.io') // 'https://registry-1.docker.io'
 * ```
 */
export function registryBaseUrl(registry: string, options: Pick<PullOptions, 'plainHttp' | 'registryUrl'> = {}): string {
  if (options.registryUrl) {
    const u = typeof options.registryUrl === 'function' ? options.registryUrl(registry) : options.registryUrl
    return u.replace(/\/+$/, '')
  }
  const host = registry === DOCKER_HUB ? 'registry-1.docker.io' : registry
  return `${options.plainHttp || isLoopbackRegistry(registry) ? 'http' : 'https'}://${host}`
}

/** A response whose body is read chunk by chunk with an idle timeout; ending or cancelling it frees the request slot. */
interface Exchange {
  status: number
  headers: TransportHeaders
  url: string
  raw: TransportResponse
  read(): Promise<ReadableStreamReadResult<Uint8Array>>
  cancel(reason?: unknown): Promise<void>
}

const exchangeBody = (x: Exchange) =>
  new ReadableStream<Uint8Array>({
    async pull(c) {
      const r = await x.read()
      if (r.done) c.close()
      else c.enqueue(r.value)
    },
    cancel: (reason) => x.cancel(reason),
  })

const retryable = (e: unknown) => isStowawayError(e, 'NETWORK') || isStowawayError(e, 'TIMEOUT')

/**
 * A Docker Registry HTTP API v2 / OCI distribution client for one registry: auth
 * challenges and token caching, retries with backoff and jitter (429, 5xx, dropped
 * connections; `Retry-After` honoured), redirects followed without leaking
 * `Authorization` to other hosts, per-request and idle-body timeouts, a concurrency limit,
 * and blob downloads that resume with `Range` after a cut.
 *
 * @example
 * ```ts
 * import { RegistryClient } from '@stowaway/pull'
 * const client = new RegistryClient('localhost:5000', {})
 * const m = await client.getManifest('fixtures/debian-app', 'latest')
 * ```
 */
export class RegistryClient {
  readonly base: string
  readonly origin: string
  readonly auth: RegistryAuth
  private readonly fetchFn: RegistryFetch
  private readonly limiter: Limiter
  private readonly timeoutMs: number
  private readonly retries: number
  private readonly retryDelayMs: number
  private readonly maxRetryDelayMs: number

  /**
   * @param registry host[:port]
   * @param options transport options
   */
  constructor(
    readonly registry: string,
    options: RegistryClientOptions = {},
  ) {
    this.base = registryBaseUrl(registry, options)
    this.origin = new URL(this.base).origin
    this.fetchFn = options.fetch ?? ((url, init) => globalThis.fetch(url, init))
    this.limiter = new Limiter(options.concurrency ?? 4)
    this.timeoutMs = options.timeoutMs ?? 30_000
    this.retries = options.retries ?? 4
    this.retryDelayMs = options.retryDelayMs ?? 500
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 30_000
    this.auth = new RegistryAuth({
      registry,
      ...(options.auth ? { auth: options.auth } : {}),
      send: async (url, init) => {
        const r = await this.send(url, init, undefined, true)
        return { status: r.status, body: r.body }
      },
    })
  }

  /** One HTTP exchange with a header timeout; body reads get an idle timeout. */
  private async exchange(url: string, init: RequestInit, signal: AbortSignal | undefined, release: () => void): Promise<Exchange> {
    const ctrl = new AbortController()
    const onAbort = () => ctrl.abort(signal!.reason)
    if (signal?.aborted) throw abortError(signal)
    signal?.addEventListener('abort', onAbort, { once: true })
    let timedOut = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const arm = () => {
      timer = setTimeout(() => {
        timedOut = true
        ctrl.abort(new Error('timeout'))
      }, this.timeoutMs)
    }
    const done = () => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
      release()
    }
    const mapError = (e: unknown, what: string) => {
      if (isStowawayError(e)) return e
      if (signal?.aborted) return abortError(signal)
      if (timedOut) return new StowawayError('TIMEOUT', `Cannot ${what} "${url}": no data for ${this.timeoutMs} ms`, { cause: e, details: { url } })
      return new StowawayError('NETWORK', `Cannot ${what} "${url}": ${(e as Error)?.message ?? e}`, { cause: e, details: { url } })
    }
    arm()
    let res: TransportResponse
    try {
      res = await this.fetchFn(url, { ...init, signal: ctrl.signal })
    } catch (e) {
      done()
      throw mapError(e, 'reach')
    }
    clearTimeout(timer)
    const reader = res.body?.getReader()
    return {
      status: res.status,
      headers: res.headers,
      url,
      raw: res,
      async read() {
        if (!reader) {
          done()
          return { done: true, value: undefined }
        }
        arm()
        try {
          const r = await reader.read()
          clearTimeout(timer)
          if (timedOut) throw new Error('timeout')
          if (r.done) done()
          return r
        } catch (e) {
          done()
          throw mapError(e, 'read')
        }
      },
      async cancel(reason) {
        done()
        await reader?.cancel(reason).catch(() => {})
      },
    }
  }

  /**
   * Send a request with retries, redirects and (for the registry's own origin) auth.
   *
   * @param url absolute URL
   * @param init method/headers/body; `Authorization` is managed here
   * @param signal abort signal
   * @param bare true for token-realm requests: no registry auth, no limiter
   * @param scope auth scope for registry requests
   * @returns the final response (2xx, or any status when `bare`)
   */
  async send(url: string, init: RequestInit, signal?: AbortSignal, bare = false, scope = ''): Promise<RegistryResponse> {
    const x = await this.request(url, init, signal, bare, scope)
    return { status: x.status, headers: x.headers, url: x.url, body: exchangeBody(x) }
  }

  /** {@link send} without the body stream: the pull stage reads blobs straight from the exchange. */
  private async request(url: string, init: RequestInit, signal?: AbortSignal, bare = false, scope = ''): Promise<Exchange> {
    const start = url
    let attempt = 0
    let redirects = 0
    let renewed = false
    let follow = false
    let authHeader = bare ? undefined : await this.auth.authorization(scope)
    for (;;) {
      if (signal?.aborted) throw abortError(signal)
      const sameOrigin = new URL(url).origin === this.origin
      // A plain record, not Headers: in Node the first Headers object loads the runtime's whole
      // Fetch implementation (15–30 ms at start-up), which the undici transport does not need.
      const headers = headerRecord(init.headers)
      if (!bare && sameOrigin && authHeader) headers.authorization = authHeader
      if (!sameOrigin && !bare) delete headers.authorization
      const release = bare ? () => {} : await this.limiter.acquire()
      let res: Exchange
      try {
        res = await this.exchange(url, { ...init, headers, redirect: follow ? 'follow' : 'manual' }, signal, release)
      } catch (e) {
        if (retryable(e) && attempt < this.retries) {
          await sleep(retryDelay(attempt++, this.retryDelayMs, this.maxRetryDelayMs), signal)
          url = start
          redirects = 0
          continue
        }
        throw e
      }
      const location = res.headers.get('location')
      if (res.status >= 300 && res.status < 400 && location) {
        await res.cancel()
        if (++redirects > MAX_REDIRECTS) throw new StowawayError('REGISTRY_HTTP', `Cannot fetch "${start}": more than ${MAX_REDIRECTS} redirects`)
        url = new URL(location, url).href
        continue
      }
      if (res.raw.type === 'opaqueredirect') {
        // Browsers hide manual redirects; let fetch follow, which drops Authorization cross-origin.
        await res.cancel()
        follow = true
        continue
      }
      if (!bare && res.status === 401 && sameOrigin && !renewed) {
        const challenge = res.headers.get('www-authenticate')
        await res.cancel()
        renewed = true
        authHeader = await this.auth.unauthorized(challenge, scope, authHeader)
        continue
      }
      if (res.status === 429 || res.status >= 500) {
        const retryAfter = res.headers.get('retry-after')
        await res.cancel()
        if (attempt < this.retries) {
          await sleep(retryDelay(attempt++, this.retryDelayMs, this.maxRetryDelayMs, retryAfter), signal)
          url = start
          redirects = 0
          continue
        }
        throw new StowawayError('REGISTRY_HTTP', `Cannot fetch "${start}": HTTP ${res.status} after ${attempt} retries`, { details: { url: start, status: res.status } })
      }
      if (bare || (res.status >= 200 && res.status < 300)) return res
      const text = await readAllBytes(exchangeBody(res), 64 * 1024).then((b) => new TextDecoder().decode(b)).catch(() => '')
      let message = ''
      try {
        message = (JSON.parse(text).errors ?? []).map((x: { code?: string; message?: string }) => `${x.code}: ${x.message}`).join('; ')
      } catch {
        message = text.slice(0, 200)
      }
      const what = `Cannot fetch "${start}": HTTP ${res.status}${message ? ` (${message})` : ''}`
      const details = { url: start, status: res.status }
      if (res.status === 404) throw new StowawayError('REGISTRY_NOT_FOUND', what, { details })
      if (res.status === 401 || res.status === 403) throw new StowawayError('REGISTRY_AUTH', what, { details })
      throw new StowawayError('REGISTRY_HTTP', what, { details })
    }
  }

  /**
   * Fetch a manifest by tag or digest with every supported `Accept` type.
   *
   * @param repository repository path
   * @param ref tag or digest
   * @param signal abort signal
   * @returns body bytes (≤ 4 MiB), Content-Type and Docker-Content-Digest
   */
  async getManifest(repository: string, ref: string, signal?: AbortSignal): Promise<{ bytes: Uint8Array; mediaType?: string; digest?: string }> {
    const res = await this.send(`${this.base}/v2/${repository}/manifests/${ref}`, { headers: { Accept: MANIFEST_ACCEPT.join(', ') } }, signal, false, `repository:${repository}:pull`)
    const bytes = await readAllBytes(res.body, MAX_MANIFEST)
    const mediaType = res.headers.get('content-type')?.split(';')[0]?.trim()
    const digest = res.headers.get('docker-content-digest') ?? undefined
    return { bytes, ...(mediaType ? { mediaType } : {}), ...(digest ? { digest } : {}) }
  }

  /**
   * Stream a blob, resuming with `Range: bytes=N-` after a dropped connection or a short
   * body (or skipping N bytes when the server ignores Range). Unverified: pipe it through
   * {@link verifyingStream}.
   *
   * @param repository repository path
   * @param desc the blob's descriptor (size -1 when unknown)
   * @param signal abort signal
   * @returns the raw blob stream
   */
  async openBlob(repository: string, desc: Descriptor, signal?: AbortSignal): Promise<ReadableStream<Uint8Array>> {
    const url = `${this.base}/v2/${repository}/blobs/${desc.digest}`
    const scope = `repository:${repository}:pull`
    let res = await this.request(url, {}, signal, false, scope)
    let received = 0
    let skip = 0
    let resumes = 0
    const self = this
    // One stream straight over the exchange (no intermediate body stream): per chunk this is the
    // only hop between the transport and the verifier.
    return new ReadableStream<Uint8Array>(
      {
        async pull(c) {
          for (;;) {
            try {
              const r = await res.read()
              if (r.done) {
                if (desc.size >= 0 && received < desc.size) {
                  throw new StowawayError('NETWORK', `Cannot read blob "${desc.digest}": body ended after ${received} of ${desc.size} bytes`)
                }
                c.close()
                return
              }
              let chunk = r.value
              if (skip > 0) {
                const n = Math.min(skip, chunk.byteLength)
                chunk = chunk.subarray(n)
                skip -= n
                if (chunk.byteLength === 0) continue
              }
              received += chunk.byteLength
              c.enqueue(chunk)
              return
            } catch (e) {
              if (!retryable(e) || resumes >= self.retries) throw e
              await res.cancel()
              await sleep(retryDelay(resumes++, self.retryDelayMs, self.maxRetryDelayMs), signal)
              res = await self.request(url, received > 0 ? { headers: { Range: `bytes=${received}-` } } : {}, signal, false, scope)
              const cr = res.headers.get('content-range')
              if (res.status === 206 && cr && new RegExp(`^bytes ${received}-`).test(cr)) skip = 0
              else if (res.status === 200) skip = received
              else {
                await res.cancel()
                throw new StowawayError('REGISTRY_HTTP', `Cannot resume blob "${desc.digest}": HTTP ${res.status} ${cr ?? ''}`.trim())
              }
            }
          }
        },
        cancel: (reason) => res.cancel(reason),
      },
      { highWaterMark: 0 },
    )
  }
}
