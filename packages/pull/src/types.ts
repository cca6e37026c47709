import type { HashFactory } from './digest.ts'
import type { ImageConfig } from './image-config.ts'
import type { Platform } from './platform.ts'
import type { FileAccess } from './file-access.ts'
import type { Warning } from '@stowaway/core'

/**
 * One layer of the chosen image, bottom-up.
 *
 * @example
 * ```ts
 * const l: LayerDescriptor = { digest: 'sha256:' + 'a'.repeat(64), mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', size: 1024 }
 * ```
 */
export interface LayerDescriptor {
  /** Digest of the blob as stored (compressed). */
  digest: string
  /** Digest of the uncompressed tar, from the config's `rootfs.diff_ids`. */
  diffId?: string
  mediaType: string
  /** Blob size in bytes; -1 when the source does not say. */
  size: number
}

/**
 * A layer handed to the extract stage; consume or cancel `body` before asking for the next.
 *
 * @example
 * ```ts
 * declare const image: PulledImage
 * for await (const blob of image.blobs()) await blob.body.cancel()
 * ```
 */
export interface LayerBlob {
  descriptor: LayerDescriptor
  /** 0-based, bottom-up. */
  index: number
  /** The blob bytes as stored; errors with `DIGEST_MISMATCH` at the end if they do not verify. */
  body: ReadableStream<Uint8Array>
}

/**
 * Progress of one layer download.
 *
 * @example
 * ```ts
 * const onProgress = (e: PullProgress) => console.log(e.index, e.bytes, e.total)
 * ```
 */
export interface PullProgress {
  index: number
  digest: string
  /** Bytes received so far. */
  bytes: number
  /** Expected total, or -1 when unknown. */
  total: number
}

/**
 * Registry credentials; which fields are set picks the auth kind.
 *
 * @example
 * ```ts
 * const c: Credentials = { username: 'me', password: process.env.TOKEN ?? '' }
 * ```
 */
export type Credentials =
  | { username: string; password: string }
  /** An identity (refresh) token as `docker login` stores it; exchanged at the token realm. */
  | { identityToken: string; username?: string }
  /** A ready bearer token, sent as is. */
  | { registryToken: string }

/**
 * Finds credentials for a registry host (e.g. from `~/.docker/config.json`).
 *
 * @example
 * ```ts
 * const r: CredentialResolver = (host) => (host === 'ghcr.io' ? { registryToken: 'x' } : undefined)
 * ```
 */
export type CredentialResolver = (registry: string) => Promise<Credentials | undefined> | Credentials | undefined

/**
 * Response headers as the registry client reads them; a `Headers` object satisfies this.
 *
 * @example
 * ```ts
 * const h: TransportHeaders = new Headers({ 'content-type': 'application/json' })
 * h.get('Content-Type') // 'application/json'
 * ```
 */
export interface TransportHeaders {
  /** The value of a header (name case-insensitive), repeated values joined with `, `; null when absent. */
  get(name: string): string | null
}

/**
 * The part of a fetch `Response` the registry client reads; a `Response` satisfies it.
 *
 * @example
 * ```ts
 * const r: TransportResponse = new Response('{}', { status: 200 })
 * ```
 */
export interface TransportResponse {
  status: number
  headers: TransportHeaders
  body: ReadableStream<Uint8Array> | null
  /** `opaqueredirect` when a browser hid a manual redirect. */
  type?: string
}

/**
 * What the pull stage needs of `fetch`: `globalThis.fetch` satisfies it, and so does the
 * Node transport ({@link createUndiciFetch}), whose responses skip the Fetch classes.
 *
 * @example
 * ```ts
 * const f: RegistryFetch = (url, init) => fetch(url, init)
 * ```
 */
export type RegistryFetch = (url: string, init: RequestInit) => Promise<TransportResponse>

/**
 * Options of {@link pullImage}.
 *
 * @example
 * ```ts
 * const o: PullOptions = { platform: 'linux/arm64', retries: 2, onProgress: (e) => console.log(e.bytes) }
 * ```
 */
export interface PullOptions {
  /** `os/arch[/variant]` or a Platform; default `linux/amd64`. */
  platform?: string | Platform
  /** Credentials, or a resolver asked per registry. Anonymous when absent. */
  auth?: Credentials | CredentialResolver
  /** Use plain HTTP for a non-loopback registry (loopback always may). */
  plainHttp?: boolean
  /**
   * Transport; defaults to `globalThis.fetch` (the Node entry injects undici). Any `fetch`
   * fits; the client reads only what {@link RegistryFetch} names.
   */
  fetch?: RegistryFetch
  /**
   * Base URL to reach a registry through, e.g. a CORS proxy for browsers (Docker Hub sends
   * no CORS headers). A string is used for every registry; a function maps each host.
   */
  registryUrl?: string | ((registry: string) => string)
  signal?: AbortSignal
  /** Time allowed for response headers and between body chunks (default 30 s). */
  timeoutMs?: number
  /** Retries after 429, 5xx and dropped connections (default 4). */
  retries?: number
  /** Backoff base in ms, doubled per attempt with full jitter (default 500). */
  retryDelayMs?: number
  /** Longest wait honoured from `Retry-After` or backoff, in ms (default 30 s). */
  maxRetryDelayMs?: number
  /** Concurrent requests per registry (default 4). */
  concurrency?: number
  onProgress?: (event: PullProgress) => void
  /** Incremental hash implementation (the Node entry injects node:crypto). */
  hash?: HashFactory
  /** File access for `oci:`, `oci-archive:` and `docker-archive:` sources (Node: fs). */
  files?: FileAccess
}

/**
 * An image resolved to one platform, with verified access to its layers.
 *
 * @example
 * ```ts
 * const image: PulledImage = await pullImage('oci:./layout')
 * console.log(image.manifestDigest, image.layers.length)
 * ```
 */
export interface PulledImage {
  /** The source string as given. */
  source: string
  /** Resolved reference for registry sources, e.g. `docker.io/library/alpine:latest`. */
  reference?: string
  /** Digest of the image manifest (of the chosen platform). */
  manifestDigest: string
  /** Digest of the index the manifest was chosen from, when there was one. */
  indexDigest?: string
  mediaType: string
  manifest: unknown
  config: ImageConfig
  configDigest: string
  platform: Platform
  layers: LayerDescriptor[]
  /** Non-fatal problems met while resolving (e.g. missing oci-layout file). */
  warnings: Warning[]
  /**
   * Open one layer's blob; the stream errors with `DIGEST_MISMATCH` at the end if it does
   * not verify. A registry stream holds one of the `concurrency` request slots until it is
   * read to the end or cancelled, so do not open more layers than that and then read them
   * one after another.
   */
  openLayer(index: number, opts?: { signal?: AbortSignal }): Promise<ReadableStream<Uint8Array>>
  /** Every layer in order, each opened only when the iteration reaches it. */
  blobs(opts?: { signal?: AbortSignal }): AsyncIterable<LayerBlob>
}
