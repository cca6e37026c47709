import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { StowawayError } from '@stowaway/core'
import type { FileAccess } from './file-access.ts'

/**
 * The Node {@link FileAccess}: ranged `fs` read streams, converted to Web streams of
 * plain Uint8Array.
 *
 * @returns file access over the local file system
 * @example
 * ```ts
 * import { nodeFiles } from '@stowaway/pull'
 * const f = await nodeFiles().open('/etc/hostname')
 * ```
 */
export function nodeFiles(): FileAccess {
  return {
    async open(path) {
      let st
      try {
        st = await stat(path)
      } catch (e) {
        throw new StowawayError('NOT_FOUND', `Cannot open "${path}": ${(e as NodeJS.ErrnoException).code ?? 'error'}`, { cause: e })
      }
      if (!st.isFile()) throw new StowawayError('NOT_FOUND', `Cannot open "${path}": not a regular file`)
      const size = st.size
      return {
        size,
        read(start, end, signal) {
          const last = Math.min(end, size) - 1
          if (last < start) return new ReadableStream({ start: (c) => c.close() })
          const s = createReadStream(path, { start, end: last, highWaterMark: 256 * 1024, ...(signal ? { signal } : {}) })
          const web = Readable.toWeb(s) as unknown as ReadableStream<Uint8Array>
          return web.pipeThrough(
            new TransformStream<Uint8Array, Uint8Array>({
              transform: (chunk, c) => c.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)),
            }),
          )
        },
      }
    },
  }
}
