import { StowawayError } from '@stowaway/core'
import { nobleHashFactory, parseDigest, type HashFactory } from './digest.ts'

/**
 * A pass-through stream that hashes every chunk and, at the end, errors with
 * `DIGEST_MISMATCH` (naming the digest) unless the content matches. It errors early
 * when more bytes arrive than the descriptor's size, so a hostile source cannot make it
 * run forever.
 *
 * @param digest expected `algorithm:hex`
 * @param options `size` expected byte count (optional), `hash` factory, `onChunk` progress hook
 * @returns a TransformStream to pipe the raw blob through
 * @example
 * ```ts
 * import { verifyingStream } from '@stowaway/pull'
 * const body = new Response('').body!.pipeThrough(
 *   verifyingStream('sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'))
 * ```
 */
export function verifyingStream(
  digest: string,
  options: { size?: number; hash?: HashFactory; onChunk?: (bytesSoFar: number) => void } = {},
): TransformStream<Uint8Array, Uint8Array> {
  const { algorithm } = parseDigest(digest)
  const hasher = (options.hash ?? nobleHashFactory)(algorithm)
  const size = options.size !== undefined && options.size >= 0 ? options.size : undefined
  let seen = 0
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      seen += chunk.byteLength
      if (size !== undefined && seen > size) {
        throw new StowawayError('DIGEST_MISMATCH', `Cannot verify blob "${digest}": more than the ${size} bytes its descriptor says`, {
          details: { digest, size },
        })
      }
      hasher.update(chunk)
      options.onChunk?.(seen)
      controller.enqueue(chunk)
    },
    flush() {
      if (size !== undefined && seen !== size) {
        throw new StowawayError('DIGEST_MISMATCH', `Cannot verify blob "${digest}": got ${seen} bytes, descriptor says ${size}`, {
          details: { digest, size, actualSize: seen },
        })
      }
      const actual = `${algorithm}:${hasher.hex()}`
      if (actual !== digest) {
        throw new StowawayError('DIGEST_MISMATCH', `Cannot verify blob "${digest}": content hashes to "${actual}"`, {
          details: { digest, actual },
        })
      }
    },
  })
}
