import { StowawayError } from '@stowaway/core'
import { nobleHashFactory, parseDigest, type DigestAlgorithm, type HashFactory, type Hasher } from './digest.ts'

/**
 * Options of {@link verifyingStream} and {@link verifiedStream}.
 *
 * @example
 * ```ts
 * const o: VerifyOptions = { size: 1024, onChunk: (n) => console.log(n) }
 * ```
 */
export interface VerifyOptions {
  /** Expected byte count (optional; negative means unknown). */
  size?: number
  /** Hash implementation (default @noble/hashes). */
  hash?: HashFactory
  /** Progress hook: bytes seen so far, after each chunk. */
  onChunk?: (bytesSoFar: number) => void
}

/** The push-based core of both stream forms: feed chunks, then `finish()`. */
class BlobVerifier {
  private readonly algorithm: DigestAlgorithm
  private readonly hasher: Hasher
  private readonly size: number | undefined
  private seen = 0

  constructor(
    private readonly digest: string,
    private readonly options: VerifyOptions,
  ) {
    this.algorithm = parseDigest(digest).algorithm
    this.hasher = (options.hash ?? nobleHashFactory)(this.algorithm)
    this.size = options.size !== undefined && options.size >= 0 ? options.size : undefined
  }

  update(chunk: Uint8Array): void {
    this.seen += chunk.byteLength
    const { size, digest } = this
    if (size !== undefined && this.seen > size) {
      throw new StowawayError('DIGEST_MISMATCH', `Cannot verify blob "${digest}": more than the ${size} bytes its descriptor says`, {
        details: { digest, size },
      })
    }
    this.hasher.update(chunk)
    this.options.onChunk?.(this.seen)
  }

  finish(): void {
    const { size, digest } = this
    if (size !== undefined && this.seen !== size) {
      throw new StowawayError('DIGEST_MISMATCH', `Cannot verify blob "${digest}": got ${this.seen} bytes, descriptor says ${size}`, {
        details: { digest, size, actualSize: this.seen },
      })
    }
    const actual = `${this.algorithm}:${this.hasher.hex()}`
    if (actual !== digest) {
      throw new StowawayError('DIGEST_MISMATCH', `Cannot verify blob "${digest}": content hashes to "${actual}"`, {
        details: { digest, actual },
      })
    }
  }
}

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
export function verifyingStream(digest: string, options: VerifyOptions = {}): TransformStream<Uint8Array, Uint8Array> {
  const v = new BlobVerifier(digest, options)
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      v.update(chunk)
      controller.enqueue(chunk)
    },
    flush: () => v.finish(),
  })
}

/**
 * The same check as {@link verifyingStream} as one pull-driven stream over `body`: each
 * read pulls one chunk from the source, hashes it and hands it on. It does the work of
 * `body.pipeThrough(verifyingStream(…))` without the pipe machinery (a writable side, two
 * queues and a pipe loop per chunk), which is what the pull stage uses for layers. A
 * size overrun or digest mismatch errors the stream and cancels the source.
 *
 * @param body the raw blob stream (it gets locked)
 * @param digest expected `algorithm:hex`
 * @param options `size` expected byte count (optional), `hash` factory, `onChunk` progress hook
 * @returns a stream of the same chunks that errors with `DIGEST_MISMATCH` unless they verify
 * @example
 * ```ts
 * import { verifiedStream } from '@stowaway/pull'
 * const body = verifiedStream(new Response('').body!, 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
 * ```
 */
export function verifiedStream(body: ReadableStream<Uint8Array>, digest: string, options: VerifyOptions = {}): ReadableStream<Uint8Array> {
  const v = new BlobVerifier(digest, options)
  const reader = body.getReader()
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const r = await reader.read()
        try {
          if (r.done) {
            v.finish()
            controller.close()
            return
          }
          v.update(r.value)
        } catch (e) {
          await reader.cancel(e).catch(() => {})
          throw e
        }
        controller.enqueue(r.value)
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  )
}
