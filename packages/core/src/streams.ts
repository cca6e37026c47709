import { StowawayError } from './errors.ts'

/**
 * Iterate a `ReadableStream` with `for await`, also in runtimes whose streams are not
 * async-iterable (Safari). Releases the reader lock when iteration stops early.
 *
 * @param stream the stream to read
 * @returns an async iterable over its chunks
 * @example
 * ```ts
 * import { iterateStream } from '@stowaway/core'
 * for await (const chunk of iterateStream(new Response('hi').body!)) console.log(chunk.length)
 * ```
 */
export async function* iterateStream<T>(stream: ReadableStream<T>): AsyncGenerator<T, void, undefined> {
  const reader = stream.getReader()
  let done = false
  try {
    while (true) {
      const r = await reader.read()
      if (r.done) {
        done = true
        return
      }
      yield r.value
    }
  } finally {
    if (!done) await reader.cancel().catch(() => {})
    reader.releaseLock()
  }
}

/**
 * Build a `ReadableStream` from a (sync or async) iterable, as `ReadableStream.from` does
 * where it exists.
 *
 * @param iterable source of chunks
 * @returns a pull-based stream
 * @example
 * ```ts
 * import { streamFrom } from '@stowaway/core'
 * const s = streamFrom([new Uint8Array([1]), new Uint8Array([2])])
 * ```
 */
export function streamFrom<T>(iterable: Iterable<T> | AsyncIterable<T>): ReadableStream<T> {
  const it: Iterator<T> | AsyncIterator<T> =
    Symbol.asyncIterator in iterable
      ? (iterable as AsyncIterable<T>)[Symbol.asyncIterator]()
      : (iterable as Iterable<T>)[Symbol.iterator]()
  return new ReadableStream<T>({
    async pull(controller) {
      const r = await it.next()
      if (r.done) controller.close()
      else controller.enqueue(r.value)
    },
    async cancel(reason) {
      await it.return?.(reason)
    },
  })
}

/**
 * Read a byte stream to the end into one `Uint8Array`, failing once `limit` bytes are
 * exceeded so hostile input cannot exhaust memory.
 *
 * @param stream byte stream
 * @param limit maximum bytes accepted (default 256 MiB)
 * @returns all bytes
 * @example
 * ```ts
 * import { readAllBytes } from '@stowaway/core'
 * const bytes = await readAllBytes(new Response('abc').body!, 1024)
 * ```
 */
export async function readAllBytes(stream: ReadableStream<Uint8Array>, limit = 256 * 1024 * 1024): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  let total = 0
  for await (const c of iterateStream(stream)) {
    total += c.byteLength
    if (total > limit) {
      throw new StowawayError('LIMIT_EXCEEDED', `Cannot read stream: more than ${limit} bytes`, { details: { limit } })
    }
    chunks.push(c)
  }
  if (chunks.length === 1) return chunks[0]!
  const out = new Uint8Array(total)
  let off = 0
  for (const c of chunks) {
    out.set(c, off)
    off += c.byteLength
  }
  return out
}
