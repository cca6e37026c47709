import { StowawayError } from './errors.ts'
import { readAllBytes } from './streams.ts'

/** The formats the platform's `DecompressionStream` inflates. */
export type InflateFormat = 'deflate' | 'deflate-raw' | 'gzip'

/**
 * Inflate a whole buffer with the platform's `DecompressionStream`, stopping as soon as
 * the output passes `limit` so that a bomb cannot exhaust memory.
 *
 * @param bytes compressed bytes
 * @param format `deflate` (zlib), `deflate-raw` (RFC 1951, zip members) or `gzip`
 * @param limit maximum output bytes
 * @returns the inflated bytes
 * @throws {StowawayError} `LIMIT_EXCEEDED` past `limit` (`details.limit`);
 *   `ARCHIVE_INVALID` when the data does not inflate
 * @example
 * ```ts
 * import { inflateBytes } from '@stowaway/core'
 * const out = await inflateBytes(new Uint8Array([3, 0]), 'deflate-raw', 1024) // empty
 * ```
 */
export async function inflateBytes(bytes: Uint8Array, format: InflateFormat, limit: number): Promise<Uint8Array> {
  const body = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream(format) as unknown as TransformStream<Uint8Array, Uint8Array>)
  try {
    return await readAllBytes(body, limit)
  } catch (e) {
    if (e instanceof StowawayError) throw e
    throw new StowawayError('ARCHIVE_INVALID', `Cannot inflate ${format} data: ${e instanceof Error ? e.message : String(e)}`, { cause: e })
  }
}
