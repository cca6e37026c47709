import { describe, it, expect } from 'vitest'
import { readAllBytes, streamFrom } from '@stowaway/core'
import { verifiedStream } from './verify-stream.ts'

const abc = new TextEncoder().encode('abc')
// FIPS 180-2 test vectors for "abc".
const SHA256_ABC = 'sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
const SHA512_ABC = 'sha512:ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f'

describe('verifiedStream', () => {
  const run = (chunks: Uint8Array[], digest: string, size?: number) => readAllBytes(verifiedStream(streamFrom(chunks), digest, size === undefined ? {} : { size }))

  it('passes matching content through unchanged, chunk by chunk', async () => {
    expect(new TextDecoder().decode(await run([abc.subarray(0, 1), abc.subarray(1)], SHA512_ABC, 3))).toBe('abc')
    const seen: number[] = []
    await readAllBytes(verifiedStream(streamFrom([abc.subarray(0, 2), abc.subarray(2)]), SHA256_ABC, { onChunk: (n) => seen.push(n) }))
    expect(seen).toEqual([2, 3])
  })

  it('errors at the end with DIGEST_MISMATCH naming the digest', async () => {
    const wrong = 'sha256:' + '1'.repeat(64)
    await expect(run([abc], wrong)).rejects.toMatchObject({ code: 'DIGEST_MISMATCH', message: expect.stringContaining(wrong) })
  })

  it('errors on too few or too many bytes', async () => {
    await expect(run([abc.subarray(0, 2)], SHA256_ABC, 3)).rejects.toMatchObject({ code: 'DIGEST_MISMATCH' })
    await expect(run([abc, abc], SHA256_ABC, 3)).rejects.toMatchObject({ code: 'DIGEST_MISMATCH', message: expect.stringContaining('more than') })
  })

  it('cancels an endless source once it passes the declared size', async () => {
    let cancelled: unknown
    let pulls = 0
    const endless = new ReadableStream<Uint8Array>({
      pull: (c) => {
        pulls++
        c.enqueue(new Uint8Array(1024))
      },
      cancel: (reason) => void (cancelled = reason),
    })
    await expect(readAllBytes(verifiedStream(endless, SHA256_ABC, { size: 4096 }))).rejects.toMatchObject({ code: 'DIGEST_MISMATCH' })
    expect(cancelled).toMatchObject({ code: 'DIGEST_MISMATCH' })
    expect(pulls).toBeLessThan(10)
  })

  it('passes a reader cancel on to the source', async () => {
    let cancelled: unknown
    const src = new ReadableStream<Uint8Array>({ pull: (c) => c.enqueue(abc), cancel: (reason) => void (cancelled = reason) })
    const reader = verifiedStream(src, SHA256_ABC).getReader()
    await reader.read()
    await reader.cancel('enough')
    expect(cancelled).toBe('enough')
  })
})
