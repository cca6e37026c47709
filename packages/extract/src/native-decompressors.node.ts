import { Duplex } from 'node:stream'
import * as zlib from 'node:zlib'
import type { Decompressors } from './decompress.ts'

/**
 * Node's native decoders where this Node has them: zstd from `zlib.createZstdDecompress`
 * (Node ≥ 22.15, ~10× the pure-JS decoder). Empty on older Node, so the defaults apply.
 *
 * @returns decoders for `ExtractRequest.decompressors`
 * @example
 * ```ts
 * import { extractFiles, nodeDecompressors } from '@stowaway/extract'
 * const tree = await extractFiles([], { patterns: [], decompressors: nodeDecompressors() })
 * ```
 */
export function nodeDecompressors(): Decompressors {
  const make = (zlib as unknown as { createZstdDecompress?: () => Duplex }).createZstdDecompress
  if (typeof make !== 'function') return {}
  return { zstd: () => Duplex.toWeb(make()) as unknown as TransformStream<Uint8Array, Uint8Array> }
}
