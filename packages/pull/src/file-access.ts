import { StowawayError } from '@stowaway/core'

/**
 * A file that can be read in byte ranges. Node backs it with fs; a browser can back it
 * with a `File`/`Blob` (`blob.slice(start, end).stream()`).
 * @example
 * ```ts
 * const f: RandomAccessFile = { size: 3, read: () => new Response('abc').body! }
 * ```
 */
export interface RandomAccessFile {
  /** Size in bytes, or -1 when unknown (a decompressed view). */
  size: number
  /** Stream bytes `[start, end)`; `end` may be Infinity for "to the end". */
  read(start: number, end: number, signal?: AbortSignal): ReadableStream<Uint8Array>
}

/**
 * Read access to local files, injected so the archive and layout readers stay
 * browser-safe. `open` throws `StowawayError('NOT_FOUND')` for a missing path.
 *
 * @example A FileAccess over browser Blobs
 * ```ts
 * import type { FileAccess } from '@stowaway/pull'
 * const blobs = new Map<string, Blob>()
 * const files: FileAccess = {
 *   async open(path) {
 *     const b = blobs.get(path)!
 *     return { size: b.size, read: (s, e) => b.slice(s, e === Infinity ? undefined : e).stream() }
 *   },
 * }
 * ```
 */
export interface FileAccess {
  open(path: string): Promise<RandomAccessFile>
}

/**
 * A {@link FileAccess} over in-memory files (tests, browser uploads already read).
 *
 * @param files map of path → bytes
 * @returns the file access
 * @example
 * ```ts
 * import { memoryFiles } from '@stowaway/pull'
 * const files = memoryFiles(new Map([['dir/index.json', new TextEncoder().encode('{}')]]))
 * ```
 */
export function memoryFiles(files: Map<string, Uint8Array>): FileAccess {
  return {
    async open(path) {
      const bytes = files.get(path)
      if (!bytes) throw new StowawayError('NOT_FOUND', `Cannot open "${path}": no such file`)
      return {
        size: bytes.byteLength,
        read: (s, e) =>
          new ReadableStream({
            start(c) {
              c.enqueue(bytes.subarray(s, Math.min(e, bytes.byteLength)))
              c.close()
            },
          }),
      }
    },
  }
}
