import type { Agent, Dispatcher } from 'undici'
import { readAllBytes } from '@stowaway/core'
import { noteChunkGarbage } from './chunk-garbage.node.ts'
import { headerRecord } from './header-record.ts'
import { armParserCompile } from './parser-compile.node.ts'
import { loadUndiciAgent } from './undici-agent.node.ts'

/**
 * Options of {@link createUndiciFetch}.
 *
 * @example
 * ```ts
 * const o: UndiciFetchOptions = { connections: 4, collectEveryBytes: 0 }
 * ```
 */
export interface UndiciFetchOptions {
  /** Connections per origin (default 8). */
  connections?: number
  /** Idle keep-alive in ms (default 30 s). */
  keepAliveTimeout?: number
  /**
   * Bytes a response body may queue before the socket is paused (default 256 KiB); queued
   * socket reads are handed to the reader merged into one chunk.
   */
  bodyHighWaterMark?: number
  /**
   * Run a young-generation GC after this many received body bytes (default 4 MiB; 0 never).
   * Bounds the freed-but-uncollected socket buffers a long download leaves behind; see
   * {@link noteChunkGarbage}.
   */
  collectEveryBytes?: number
}

const REDIRECTS = new Set([301, 302, 303, 307, 308])
const NULL_BODY = new Set([101, 103, 204, 205, 304])
const MAX_REDIRECTS = 20

const requestBody = (body: BodyInit | null | undefined, headers: Record<string, string>): string | Uint8Array | null => {
  if (body === null || body === undefined) return null
  if (typeof body === 'string') {
    headers['content-type'] ??= 'text/plain;charset=UTF-8'
    return body
  }
  if (body instanceof URLSearchParams) {
    headers['content-type'] ??= 'application/x-www-form-urlencoded;charset=UTF-8'
    return body.toString()
  }
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength)
  if (body instanceof ArrayBuffer) return new Uint8Array(body)
  throw new TypeError('Cannot send request body: only strings, bytes and URLSearchParams are supported')
}

type RawHeaders = Record<string, string | string[] | undefined>

/**
 * Response headers of {@link createUndiciFetch}: the read side of `Headers` over undici's
 * parsed header record (names already lower-case), without loading Node's Fetch classes.
 *
 * @example
 * ```ts
 * import { UndiciHeaders } from '@stowaway/pull'
 * new UndiciHeaders({ 'content-type': 'text/plain' }).get('Content-Type') // 'text/plain'
 * ```
 */
export class UndiciHeaders {
  /** @param raw header record as undici's dispatcher hands it over */
  constructor(private readonly raw: RawHeaders) {}
  /**
   * @param name header name, any case
   * @returns the value (repeated values joined with `, `), or null
   */
  get(name: string): string | null {
    const v = this.raw[name.toLowerCase()]
    return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v
  }
  /**
   * @param name header name, any case
   * @returns whether the response has it
   */
  has(name: string): boolean {
    return this.raw[name.toLowerCase()] !== undefined
  }
  /** @param fn called with value and lower-case name for each header, in name order */
  forEach(fn: (value: string, name: string) => void): void {
    for (const [k, v] of this.entries()) fn(v, k)
  }
  /** @returns `[name, value]` pairs sorted by name, as `Headers` iterates */
  *entries(): IterableIterator<[string, string]> {
    for (const k of Object.keys(this.raw).sort()) {
      const v = this.get(k)
      if (v !== null) yield [k, v]
    }
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries()
  }
}

/**
 * A response of {@link createUndiciFetch}: the parts of a fetch `Response` a client uses
 * (status, headers, body stream, `text()` / `json()` / `arrayBuffer()` / `bytes()`),
 * without `clone()`, `blob()` or `formData()`. Not a `Response` subclass: in Node the
 * first `Response` or `Headers` loads the runtime's whole Fetch implementation.
 *
 * @example
 * ```ts
 * import { createUndiciFetch } from '@stowaway/pull'
 * const res: UndiciResponse = await createUndiciFetch().fetch('http://127.0.0.1:5000/v2/')
 * console.log(res.status, res.headers.get('docker-distribution-api-version'))
 * ```
 */
export class UndiciResponse {
  readonly type = 'basic'
  readonly redirected: boolean
  /**
   * @param status HTTP status
   * @param statusText reason phrase
   * @param headers response headers
   * @param body body stream (null for HEAD, 204, 304 …)
   * @param url the final URL
   * @param redirected whether redirects were followed to get here
   */
  constructor(
    readonly status: number,
    readonly statusText: string,
    readonly headers: UndiciHeaders,
    readonly body: ReadableStream<Uint8Array> | null,
    readonly url: string,
    redirected = false,
  ) {
    this.redirected = redirected
  }
  /** @returns whether the status is 2xx */
  get ok(): boolean {
    return this.status >= 200 && this.status < 300
  }
  /** @returns whether the body was read or locked */
  get bodyUsed(): boolean {
    return this.body?.locked ?? false
  }
  /** @returns the whole body */
  async bytes(): Promise<Uint8Array> {
    return this.body ? readAllBytes(this.body) : new Uint8Array(0)
  }
  /** @returns the whole body */
  async arrayBuffer(): Promise<ArrayBuffer> {
    const b = await this.bytes()
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer
  }
  /** @returns the body decoded as UTF-8 */
  async text(): Promise<string> {
    return new TextDecoder().decode(await this.bytes())
  }
  /** @returns the body parsed as JSON */
  async json(): Promise<unknown> {
    return JSON.parse(await this.text())
  }
}

/**
 * The fetch-like function of {@link createUndiciFetch}.
 *
 * @example
 * ```ts
 * import { createUndiciFetch, type UndiciFetch } from '@stowaway/pull'
 * const f: UndiciFetch = createUndiciFetch().fetch
 * ```
 */
export type UndiciFetch = (input: string | URL, init?: RequestInit) => Promise<UndiciResponse>

type BodyOptions = Required<Pick<UndiciFetchOptions, 'bodyHighWaterMark' | 'collectEveryBytes'>>

/**
 * A response body fed by undici's `onResponseData`. Socket reads arrive in chunks of at
 * most 64 KiB; while the reader is busy they queue here and the next read gets them merged
 * into one chunk, so a slow consumer pays its per-chunk stream overhead once per batch
 * rather than once per socket read. The socket is paused once `bodyHighWaterMark` bytes
 * wait and resumed on the next read.
 */
class BodySource {
  readonly stream: ReadableStream<Uint8Array>
  private controller!: ReadableStreamDefaultController<Uint8Array>
  private pending: Uint8Array[] = []
  private pendingBytes = 0
  private waiting = false
  private ended = false

  constructor(
    private readonly dispatch: () => Dispatcher.DispatchController | undefined,
    private readonly opts: BodyOptions,
    onCancel: (reason: unknown) => void,
  ) {
    this.stream = new ReadableStream<Uint8Array>(
      { start: (c) => void (this.controller = c), pull: () => this.pull(), cancel: onCancel },
      { highWaterMark: 0 },
    )
  }

  push(chunk: Uint8Array, c: Dispatcher.DispatchController): void {
    // Plain Uint8Array views (no copy): Buffer's slice() shares memory where Uint8Array's copies.
    this.pending.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength))
    this.pendingBytes += chunk.byteLength
    noteChunkGarbage(chunk.byteLength, this.opts.collectEveryBytes)
    if (this.waiting) this.flush()
    else if (this.pendingBytes >= this.opts.bodyHighWaterMark) c.pause()
  }

  end(): void {
    this.ended = true
    if (this.pendingBytes === 0) this.controller.close()
    else if (this.waiting) {
      this.flush()
      this.controller.close()
    }
  }

  error(err: unknown): void {
    this.pending = []
    try {
      this.controller.error(err)
    } catch {
      // Already closed or cancelled by the reader.
    }
  }

  private pull(): void {
    if (this.pendingBytes > 0) {
      this.flush()
      if (this.ended) this.controller.close()
    } else if (this.ended) this.controller.close()
    else this.waiting = true
    if (!this.ended) this.dispatch()?.resume()
  }

  private flush(): void {
    const parts = this.pending
    let chunk = parts[0]!
    if (parts.length > 1) {
      chunk = new Uint8Array(this.pendingBytes)
      let at = 0
      for (const p of parts) {
        chunk.set(p, at)
        at += p.byteLength
      }
    }
    this.pending = []
    this.pendingBytes = 0
    this.waiting = false
    this.controller.enqueue(chunk)
  }
}

interface Exchange {
  status: number
  statusText: string
  headers: UndiciHeaders
  body: ReadableStream<Uint8Array> | null
}

/**
 * One request through the agent's dispatcher: resolves at the response headers with a
 * body stream that pauses the socket when its queue is full and resumes when read.
 */
function dispatchOnce(
  agent: Agent,
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | Uint8Array | null,
  signal: AbortSignal | null | undefined,
  opts: BodyOptions,
): Promise<Exchange> {
  return new Promise<Exchange>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason)
      return
    }
    const settle = armParserCompile()
    let control: Dispatcher.DispatchController | undefined
    let source: BodySource | undefined
    let answered = false
    let finished = false
    const finish = () => {
      finished = true
      signal?.removeEventListener('abort', onAbort)
    }
    const onAbort = () => {
      const reason = signal!.reason
      if (!answered) {
        answered = true
        reject(reason)
      }
      control?.abort(reason)
    }
    signal?.addEventListener('abort', onAbort, { once: true })
    const nullBody = method === 'HEAD'
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(c) {
        control = c
        settle(true)
        if (signal?.aborted) c.abort(signal.reason)
      },
      onResponseStart(c, status, raw, statusMessage) {
        if (status < 200) return
        answered = true
        const headers = new UndiciHeaders(raw)
        if (nullBody || NULL_BODY.has(status)) {
          resolve({ status, statusText: statusMessage ?? '', headers, body: null })
          return
        }
        source = new BodySource(
          () => control,
          opts,
          (reason) => {
            if (!finished) control?.abort(reason instanceof Error ? reason : new Error('response body cancelled'))
            finish()
          },
        )
        resolve({ status, statusText: statusMessage ?? '', headers, body: source.stream })
      },
      onResponseData(c, chunk) {
        if (!source || finished) return
        source.push(chunk, c)
      },
      onResponseEnd() {
        if (!finished) {
          finish()
          source?.end()
        }
      },
      onResponseError(_c, err) {
        settle(false)
        if (!answered) {
          answered = true
          finish()
          reject(err)
          return
        }
        if (!finished) {
          finish()
          source?.error(err)
        }
      },
    }
    try {
      agent.dispatch({ origin: url.origin, path: url.pathname + url.search, method, headers, body }, handler)
    } catch (e) {
      settle(false)
      finish()
      reject(e)
    }
  })
}

/**
 * A `fetch` for the registry client backed by an undici `Agent` (pooled keep-alive
 * connections per origin) through its dispatcher API rather than undici's fetch: no
 * Fetch-spec layers and no copy of each body chunk, and undici's fetch, WebSocket and
 * cache modules are never loaded. The agent itself is created on the first request.
 *
 * What it implements of fetch: methods, headers, string / bytes / URLSearchParams
 * bodies, `signal`, and `redirect` (`follow`, the default, up to 20 hops without
 * `Authorization` across origins; `manual` returns the 3xx; `error` rejects). Bodies are
 * never decoded (no `Accept-Encoding` is sent). Responses are {@link UndiciResponse}s,
 * which carry what a fetch `Response` offers a reader but are not one (see there). The
 * pull stage's own limiter caps concurrent requests per registry on top.
 *
 * @param options pool, back-pressure and garbage-collection options
 * @returns a fetch-like function and a `close()` that ends the pool
 * @example
 * ```ts
 * import { createUndiciFetch, pullImage } from '@stowaway/pull'
 * const t = createUndiciFetch({ connections: 4 })
 * await pullImage('localhost:5000/a:b', { fetch: t.fetch })
 * await t.close()
 * ```
 */
export function createUndiciFetch(options: UndiciFetchOptions = {}): { fetch: UndiciFetch; close(): Promise<void> } {
  let agent: Agent | undefined
  const opts = {
    bodyHighWaterMark: options.bodyHighWaterMark ?? 256 * 1024,
    collectEveryBytes: options.collectEveryBytes ?? 4 * 1024 * 1024,
  }
  const getAgent = () => {
    if (agent) return agent
    const AgentClass = loadUndiciAgent()
    agent = new AgentClass({
      connections: options.connections ?? 8,
      keepAliveTimeout: options.keepAliveTimeout ?? 30_000,
      // Our own timeouts apply (header and idle-body); undici's are a backstop.
      headersTimeout: 300_000,
      bodyTimeout: 300_000,
    })
    return agent
  }
  const f = async (input: string | URL, init: RequestInit = {}): Promise<UndiciResponse> => {
    let url = new URL(String(input))
    let method = (init.method ?? 'GET').toUpperCase()
    const headers = headerRecord(init.headers)
    headers['user-agent'] ??= 'stowaway'
    let body = requestBody(init.body, headers)
    const mode = init.redirect ?? 'follow'
    for (let hops = 0; ; hops++) {
      const res = await dispatchOnce(getAgent(), url, method, headers, body, init.signal, opts)
      const location = res.headers.get('location')
      if (mode === 'manual' || !REDIRECTS.has(res.status) || location === null) {
        return new UndiciResponse(res.status, res.statusText, res.headers, res.body, url.href, hops > 0)
      }
      await res.body?.cancel()
      if (mode === 'error') throw new TypeError(`Cannot fetch "${url.href}": redirected with mode "error"`)
      if (hops >= MAX_REDIRECTS) throw new TypeError(`Cannot fetch "${url.href}": more than ${MAX_REDIRECTS} redirects`)
      const next = new URL(location, url)
      if (next.origin !== url.origin) delete headers.authorization
      if (res.status === 303 ? method !== 'HEAD' : (res.status === 301 || res.status === 302) && method === 'POST') {
        method = 'GET'
        body = null
        delete headers['content-type']
        delete headers['content-length']
      }
      url = next
    }
  }
  return { fetch: f, close: () => agent?.close() ?? Promise.resolve() }
}

let shared: { fetch: UndiciFetch } | undefined

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
export function defaultNodeFetch(): UndiciFetch {
  shared ??= createUndiciFetch()
  return shared.fetch
}
