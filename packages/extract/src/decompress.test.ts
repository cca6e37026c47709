import { describe, it, expect } from 'vitest'
import { execFileSync } from 'node:child_process'
import { StowawayError, isStowawayError } from '@stowaway/core'
import { checkZstdWindow, decompressChunks, detectCompression } from './decompress.ts'
import { chunkedStream } from './testing/make-tar.ts'

async function collect(s: ReadableStream<Uint8Array>, mediaType?: string): Promise<Uint8Array> {
  const parts: Uint8Array[] = []
  for await (const c of decompressChunks(s, mediaType)) parts.push(c)
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let off = 0
  for (const p of parts) {
    out.set(p, off)
    off += p.length
  }
  return out
}

async function code(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p
    return undefined
  } catch (e) {
    return isStowawayError(e) ? e.code : `not a StowawayError: ${String(e)}`
  }
}

// Test data: pseudo-random but compressible, large enough to span many chunks.
const plain = new Uint8Array(300_000)
for (let i = 0, x = 1; i < plain.length; i++) {
  x = (x * 1103515245 + 12345) >>> 0
  plain[i] = 97 + ((x >>> 16) % 8)
}
// Native tools are the oracle for the compressed forms.
const gz = new Uint8Array(execFileSync('gzip', ['-c', '-n'], { input: plain }))
const zst = new Uint8Array(execFileSync('zstd', ['-c', '-q', '--no-progress'], { input: plain }))

describe('detectCompression', () => {
  it('sniffs magic bytes before the media type', () => {
    expect(detectCompression(gz.subarray(0, 4), 'application/vnd.oci.image.layer.v1.tar+zstd')).toBe('gzip')
    expect(detectCompression(zst.subarray(0, 4))).toBe('zstd')
    expect(detectCompression(plain.subarray(0, 4), 'application/vnd.oci.image.layer.v1.tar+gzip')).toBe('none')
    expect(detectCompression(new Uint8Array(0), 'application/vnd.oci.image.layer.v1.tar+gzip')).toBe('gzip')
    expect(() => detectCompression(new TextEncoder().encode('BZh91AY'))).toThrow(StowawayError)
  })
})

describe('decompressChunks', () => {
  for (const chunk of [1000, 65536]) {
    it(`inflates gzip, zstd and plain tar the way gzip(1) and zstd(1) wrote them (chunks of ${chunk})`, async () => {
      for (const data of [gz, zst, plain]) {
        const out = await collect(chunkedStream(data, chunk))
        expect(Buffer.compare(out, plain)).toBe(0)
      }
    })
  }

  it('fails with ARCHIVE_INVALID on truncated gzip and zstd', async () => {
    expect(await code(collect(chunkedStream(gz.subarray(0, gz.length - 100))))).toBe('ARCHIVE_INVALID')
    expect(await code(collect(chunkedStream(zst.subarray(0, zst.length - 100))))).toBe('ARCHIVE_INVALID')
  })

  it('fails with ARCHIVE_INVALID on corrupt gzip and zstd', async () => {
    const badGz = gz.slice()
    for (let i = 20; i < 200; i++) badGz[i] ^= 0x5a
    expect(await code(collect(chunkedStream(badGz)))).toBe('ARCHIVE_INVALID')
    const badZ = zst.slice()
    for (let i = 20; i < 200; i++) badZ[i] ^= 0x5a
    expect(await code(collect(chunkedStream(badZ)))).toBe('ARCHIVE_INVALID')
  })

  it('passes source errors (a digest mismatch) through unchanged', async () => {
    const err = new StowawayError('DIGEST_MISMATCH', 'Cannot verify blob: digest "sha256:x" does not match')
    for (const data of [gz, zst, plain]) {
      let sent = false
      const s = new ReadableStream<Uint8Array>({
        pull(c) {
          if (!sent) {
            sent = true
            c.enqueue(data.slice(0, 20_000))
          } else c.error(err)
        },
      })
      expect(await code(collect(s))).toBe('DIGEST_MISMATCH')
    }
  })

  it('refuses zstd frames that claim a window over the limit', () => {
    // frame header: magic, descriptor 0x00 (no single segment), window byte 0xF8 → 2^41
    const head = new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0xf8])
    expect(() => checkZstdWindow(head)).toThrow(expect.objectContaining({ code: 'LIMIT_EXCEEDED' }))
    expect(() => checkZstdWindow(zst.subarray(0, 18))).not.toThrow()
  })

  it('cancels the source when the reader stops early', async () => {
    let cancelled = false
    // An endless uncompressed source: only cancellation can stop it.
    const s = new ReadableStream<Uint8Array>({
      pull(c) {
        c.enqueue(new Uint8Array(4096))
      },
      cancel() {
        cancelled = true
      },
    })
    for await (const _ of decompressChunks(s)) break
    expect(cancelled).toBe(true)
  })
})

describe('decompressChunks: tampered blobs', () => {
  it('reports the source digest error rather than the decoding error it caused', async () => {
    const err = new StowawayError('DIGEST_MISMATCH', 'Cannot verify blob: digest "sha256:x" does not match')
    for (const data of [gz, zst]) {
      const bad = data.slice()
      for (let i = 20; i < 200; i++) bad[i] ^= 0x5a
      let off = 0
      // Like pull's verifying stream: the error comes only after the last byte.
      const s = new ReadableStream<Uint8Array>({
        pull(c) {
          if (off >= bad.length) return c.error(err)
          c.enqueue(bad.slice(off, off + 1000))
          off += 1000
        },
      })
      expect(await code(collect(s))).toBe('DIGEST_MISMATCH')
    }
  })
})

describe('decompressChunks: injected decoders', () => {
  it('uses a supplied zstd stream decoder and maps its failures to ARCHIVE_INVALID', async () => {
    const { Decompress } = await import('fzstd')
    let used = 0
    const viaStream = () => {
      used++
      let d: InstanceType<typeof Decompress>
      return new TransformStream<Uint8Array, Uint8Array>({
        start(c) {
          d = new Decompress((chunk) => c.enqueue(chunk))
        },
        transform(chunk) {
          d.push(chunk)
        },
        flush() {
          d.push(new Uint8Array(0), true)
        },
      })
    }
    const out = await (async () => {
      const parts: Uint8Array[] = []
      for await (const c of decompressChunks(chunkedStream(zst, 1000), undefined, { zstd: viaStream })) parts.push(c)
      return Buffer.concat(parts)
    })()
    expect(used).toBe(1)
    expect(Buffer.compare(out, plain)).toBe(0)
    const bad = zst.slice(0, zst.length - 100)
    let failure: unknown
    try {
      for await (const _ of decompressChunks(chunkedStream(bad), undefined, { zstd: viaStream }));
    } catch (e) {
      failure = e
    }
    expect(isStowawayError(failure, 'ARCHIVE_INVALID')).toBe(true)
  })
})
