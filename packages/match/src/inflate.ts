import { inflateBytes, readAllBytes } from '@stowaway/core'

async function pipe(bytes: Uint8Array, stream: TransformStream<Uint8Array, Uint8Array>, limit: number): Promise<Uint8Array> {
  const body = new Blob([bytes as BlobPart]).stream().pipeThrough(stream)
  return readAllBytes(body, limit)
}

/**
 * Inflate raw DEFLATE bytes (RFC 1951) with the platform's `DecompressionStream`.
 *
 * @param bytes compressed bytes
 * @param limit maximum output bytes
 * @returns the inflated bytes
 * @example
 * ```ts
 * import { inflateRaw } from '@stowaway/match'
 * const out = await inflateRaw(new Uint8Array([3, 0]), 1024) // empty
 * ```
 */
export function inflateRaw(bytes: Uint8Array, limit = 512 * 1024 * 1024): Promise<Uint8Array> {
  return inflateBytes(bytes, 'deflate-raw', limit)
}

/**
 * Compress bytes to raw DEFLATE with the platform's `CompressionStream`.
 *
 * @param bytes input
 * @returns compressed bytes
 * @example
 * ```ts
 * import { deflateRaw } from '@stowaway/match'
 * const z = await deflateRaw(new TextEncoder().encode('hello'))
 * ```
 */
export function deflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  return pipe(bytes, new CompressionStream('deflate-raw') as unknown as TransformStream<Uint8Array, Uint8Array>, 2 ** 31)
}
