import { describe, it, expect } from 'vitest'
import { execFileSync } from 'node:child_process'
import * as zlib from 'node:zlib'
import { decompressChunks } from './decompress.ts'
import { nodeDecompressors } from './native-decompressors.node.ts'
import { chunkedStream } from './testing/make-tar.ts'

const native = typeof (zlib as { createZstdDecompress?: unknown }).createZstdDecompress === 'function'

describe('nodeDecompressors', () => {
  it('offers zstd exactly when this Node has a native decoder', () => {
    expect('zstd' in nodeDecompressors()).toBe(native)
  })

  it.runIf(native)('the native zstd decoder inflates what zstd(1) wrote', async () => {
    const plain = new TextEncoder().encode('stowaway '.repeat(50_000))
    const zst = new Uint8Array(execFileSync('zstd', ['-c', '-q'], { input: plain }))
    const parts: Uint8Array[] = []
    for await (const c of decompressChunks(chunkedStream(zst, 999), undefined, nodeDecompressors())) parts.push(c)
    expect(Buffer.compare(Buffer.concat(parts), plain)).toBe(0)
  })
})
