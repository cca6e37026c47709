import { StowawayError, isStowawayError } from '@stowaway/core'
import { Decompress } from 'fzstd'

/** Compression of a layer blob. */
export type Compression = 'gzip' | 'zstd' | 'none'

/** Largest zstd window accepted: zstd's own decoder default limit (2^27). */
export const MAX_ZSTD_WINDOW = 1 << 27

/**
 * Tell the compression of a blob from its first bytes, falling back to the media type.
 * Magic bytes win over the media type, which registries sometimes get wrong.
 *
 * @param head the first bytes (4 are enough)
 * @param mediaType the descriptor's media type, if any
 * @returns the compression
 * @throws {StowawayError} `UNSUPPORTED` for bzip2 or xz blobs
 * @example
 * ```ts
 * import { detectCompression } from '@stowaway/extract'
 * detectCompression(new Uint8Array([0x1f, 0x8b, 8, 0])) // 'gzip'
 * ```
 */
export function detectCompression(head: Uint8Array, mediaType?: string): Compression {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip'
  if (head.length >= 4 && head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return 'zstd'
  if (head.length >= 3 && head[0] === 0x42 && head[1] === 0x5a && head[2] === 0x68) {
    throw new StowawayError('UNSUPPORTED', 'Cannot decompress layer: bzip2 is not supported')
  }
  if (head.length >= 6 && head[0] === 0xfd && head[1] === 0x37 && head[2] === 0x7a && head[3] === 0x58) {
    throw new StowawayError('UNSUPPORTED', 'Cannot decompress layer: xz is not supported')
  }
  if (head.length >= 4) return 'none'
  // Too short to sniff (tiny or empty blob): trust the media type.
  if (mediaType && /gzip/.test(mediaType)) return 'gzip'
  if (mediaType && /zstd/.test(mediaType)) return 'zstd'
  return 'none'
}

/**
 * Check a zstd frame header's window size before decoding so a hostile header cannot
 * make the decoder allocate gigabytes.
 *
 * @param head the first bytes of the frame (at least 6)
 * @param max largest accepted window
 * @throws {StowawayError} `LIMIT_EXCEEDED` when the window is larger than `max`
 */
export function checkZstdWindow(head: Uint8Array, max = MAX_ZSTD_WINDOW): void {
  if (head.length < 6) return
  const flg = head[4]!
  const singleSegment = (flg >> 5) & 1
  let window: number
  if (!singleSegment) {
    const exp = 2 ** (10 + (head[5]! >> 3))
    window = exp + (exp >> 3) * (head[5]! & 7)
  } else {
    // Single-segment frames decode into a buffer of the whole content size.
    const fcf = flg >> 6
    const dictBytes = [0, 1, 2, 4][flg & 3]!
    const sizeBytes = fcf ? 1 << fcf : 1
    const off = 5 + dictBytes
    if (head.length < off + sizeBytes) return
    window = 0
    for (let i = sizeBytes - 1; i >= 0; i--) window = window * 256 + head[off + i]!
    if (fcf === 1) window += 256
  }
  if (window > max) {
    throw new StowawayError('LIMIT_EXCEEDED', `Cannot decompress zstd layer: window of ${window} bytes exceeds ${max}`, { details: { limit: max } })
  }
}

function wrap(e: unknown, what: string): unknown {
  if (isStowawayError(e)) return e
  const msg = e instanceof Error ? e.message : String(e)
  return new StowawayError('ARCHIVE_INVALID', `Cannot decompress ${what} layer: ${msg}`, { cause: e })
}

/**
 * Decoders a runtime may supply instead of the defaults (e.g. Node's native zstd).
 *
 * @example
 * ```ts
 * import type { Decompressors } from '@stowaway/extract'
 * const d: Decompressors = { gzip: () => new DecompressionStream('gzip') }
 * ```
 */
export interface Decompressors {
  gzip?: () => TransformStream<Uint8Array, Uint8Array>
  zstd?: () => TransformStream<Uint8Array, Uint8Array>
}

/**
 * Decompress a layer blob stream, choosing gzip (the platform `DecompressionStream`),
 * zstd (pure-JS `fzstd`, streamed block by block, unless a native decoder is supplied)
 * or pass-through by magic bytes.
 * Errors of the source stream (e.g. `DIGEST_MISMATCH`) pass through unchanged; corrupt
 * or truncated compressed data becomes `ARCHIVE_INVALID`.
 *
 * @param source the compressed blob
 * @param mediaType the descriptor's media type, used only when the blob is too short to sniff
 * @param decoders replacement decoders (default: platform gzip, fzstd)
 * @returns the uncompressed tar bytes, chunk by chunk
 * @example
 * ```ts
 * import { decompressChunks } from '@stowaway/extract'
 * for await (const chunk of decompressChunks(new Response(new Uint8Array(1024)).body!)) console.log(chunk.length)
 * ```
 */
export async function* decompressChunks(
  source: ReadableStream<Uint8Array>,
  mediaType?: string,
  decoders: Decompressors = {},
): AsyncGenerator<Uint8Array, void, undefined> {
  const reader = source.getReader()
  let done = false
  let sourceError: unknown
  const read = async () => {
    try {
      return await reader.read()
    } catch (e) {
      sourceError = e
      throw e
    }
  }
  try {
    // Gather enough bytes to sniff the magic.
    const headChunks: Uint8Array[] = []
    let headLen = 0
    while (headLen < 18) {
      const r = await read()
      if (r.done) {
        done = true
        break
      }
      if (r.value.length) {
        headChunks.push(r.value)
        headLen += r.value.length
      }
    }
    const head = concat(headChunks, headLen)
    const kind = detectCompression(head, mediaType)
    if (kind === 'none') {
      if (head.length) yield head
      while (!done) {
        const r = await read()
        if (r.done) {
          done = true
          break
        }
        yield r.value
      }
      return
    }
    if (kind === 'zstd' && !decoders.zstd) {
      checkZstdWindow(head)
      const out: Uint8Array[] = []
      const z = new Decompress((chunk) => {
        if (chunk.length) out.push(chunk)
      })
      const feed = (c: Uint8Array, final: boolean) => {
        try {
          z.push(c, final)
        } catch (e) {
          throw wrap(e, 'zstd')
        }
      }
      // fzstd decodes everything a push allows at once, and a few compressed bytes can
      // expand a thousandfold: feeding small slices bounds what one push produces.
      const SLICE = 2048
      let pending: Uint8Array | undefined = head
      while (true) {
        if (!pending) {
          const r = await read()
          if (r.done) {
            done = true
            feed(new Uint8Array(0), true)
            for (const c of out.splice(0)) yield c
            return
          }
          pending = r.value
        }
        const take: Uint8Array = pending.length > SLICE ? pending.subarray(0, SLICE) : pending
        pending = pending.length > SLICE ? pending.subarray(SLICE) : undefined
        feed(take, false)
        for (const c of out.splice(0)) yield c
      }
    }
    // A stream decoder (platform gzip, or an injected one): write and read concurrently
    // to keep back-pressure.
    const ds = kind === 'zstd' ? decoders.zstd!() : (decoders.gzip?.() ?? (new DecompressionStream('gzip') as TransformStream<Uint8Array, Uint8Array>))
    const writer = ds.writable.getWriter() as WritableStreamDefaultWriter<Uint8Array>
    const pump = (async () => {
      try {
        await writer.write(head)
        while (!done) {
          const r = await read()
          if (r.done) {
            done = true
            break
          }
          await writer.write(r.value)
        }
        await writer.close()
      } catch (e) {
        await writer.abort(e).catch(() => {})
        throw e
      }
    })()
    let pumpError: unknown
    pump.catch((e) => {
      pumpError = e
    })
    const out = ds.readable.getReader()
    let finished = false
    try {
      while (true) {
        let r: ReadableStreamReadResult<Uint8Array>
        try {
          r = await out.read()
        } catch (e) {
          await pump.catch(() => {})
          throw wrap(pumpError !== undefined ? pumpError : e, kind)
        }
        if (r.done) break
        yield r.value
      }
      finished = true
      await pump.catch((e) => {
        throw isStowawayError(e) ? e : wrap(e, kind)
      })
    } finally {
      // Stopped early: cancelling the inflater unblocks the pump's pending write.
      if (!finished) await out.cancel().catch(() => {})
      out.releaseLock()
    }
  } catch (e) {
    // Corrupt data may be a tampered blob: read the source to its end so that its
    // digest check (DIGEST_MISMATCH) reports that instead of a mere decoding error.
    if (sourceError === undefined) {
      while (!done) if ((await reader.read()).done) done = true
    }
    throw e
  } finally {
    if (!done) await reader.cancel().catch(() => {})
    reader.releaseLock()
  }
}

function concat(chunks: Uint8Array[], len: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!
  const out = new Uint8Array(len)
  let off = 0
  for (const c of chunks) {
    out.set(c, off)
    off += c.length
  }
  return out
}
