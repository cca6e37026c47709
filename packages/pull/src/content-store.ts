import type { Descriptor } from './manifest.ts'

/**
 * The root manifest of a source: verified bytes, or an unverifiable local index.
 *
 * @example
 * ```ts
 * const root: RootManifest = { bytes: new TextEncoder().encode('{}'), mediaType: 'application/vnd.oci.image.index.v1+json' }
 * ```
 */
export interface RootManifest {
  bytes: Uint8Array
  mediaType?: string
  /** Digest the bytes were verified against; absent for an OCI layout's index.json. */
  digest?: string
}

/**
 * What a source (registry, OCI layout, archive) must provide for {@link resolveImage}.
 * Fetched manifests and raw blobs are verified by the caller, so stores only move bytes.
 * @example
 * ```ts
 * declare const store: ContentStore
 * const root = await store.root()
 * ```
 */
export interface ContentStore {
  /** For messages: the source as the user named it. */
  name: string
  /** The manifest or index the source's tag/digest points at (the store verifies it). */
  root(signal?: AbortSignal): Promise<RootManifest>
  /** A manifest by descriptor (bytes unverified; the caller checks the digest). */
  manifest(desc: Descriptor, signal?: AbortSignal): Promise<{ bytes: Uint8Array; mediaType?: string }>
  /** A raw blob stream (unverified; the caller verifies). */
  blob(desc: Descriptor, signal?: AbortSignal): Promise<ReadableStream<Uint8Array>>
}
