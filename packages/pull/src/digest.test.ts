import { describe, it, expect } from 'vitest'
import { createHash } from 'node:crypto'
import { digestBytes, nobleHashFactory, parseDigest, verifyBytes } from './digest.ts'
import { verifyingStream } from './verify-stream.ts'
import { readAllBytes, streamFrom } from '@stowaway/core'

const abc = new TextEncoder().encode('abc')
// FIPS 180-2 test vectors for "abc".
const SHA256_ABC = 'sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
const SHA512_ABC = 'sha512:ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f'

describe('digests', () => {
  it('match the FIPS 180-2 vectors', () => {
    expect(digestBytes(abc)).toBe(SHA256_ABC)
    expect(digestBytes(abc, 'sha512')).toBe(SHA512_ABC)
  })

  it('hash incrementally like node:crypto over a million bytes in odd chunks', () => {
    const big = new Uint8Array(1_000_003).map((_, i) => (i * 31) & 0xff)
    const h = nobleHashFactory('sha256')
    for (let o = 0; o < big.length; o += 7919) h.update(big.subarray(o, o + 7919))
    expect(h.hex()).toBe(createHash('sha256').update(big).digest('hex'))
  })

  it('parse only verifiable digests', () => {
    expect(parseDigest(SHA256_ABC).algorithm).toBe('sha256')
    expect(() => parseDigest('sha256:abc')).toThrow(expect.objectContaining({ code: 'REFERENCE_INVALID' }))
    expect(() => parseDigest('sha256:' + 'A'.repeat(64))).toThrow(expect.objectContaining({ code: 'REFERENCE_INVALID' }))
    expect(() => parseDigest('md5:' + 'a'.repeat(32))).toThrow(expect.objectContaining({ code: 'UNSUPPORTED' }))
    expect(() => parseDigest('nocolon')).toThrow(expect.objectContaining({ code: 'REFERENCE_INVALID' }))
  })

  it('verifyBytes names the digest on a mismatch', () => {
    expect(() => verifyBytes(abc, SHA256_ABC, 'config')).not.toThrow()
    const wrong = 'sha256:' + '0'.repeat(64)
    expect(() => verifyBytes(abc, wrong, 'config')).toThrow(expect.objectContaining({ code: 'DIGEST_MISMATCH', message: expect.stringContaining(wrong) }))
    expect(() => verifyBytes(abc, SHA256_ABC, 'config', undefined, 4)).toThrow(expect.objectContaining({ code: 'DIGEST_MISMATCH' }))
  })
})

describe('verifyingStream', () => {
  const run = (chunks: Uint8Array[], digest: string, size?: number) =>
    readAllBytes(streamFrom(chunks).pipeThrough(verifyingStream(digest, size === undefined ? {} : { size })))

  it('passes matching content through unchanged', async () => {
    expect(new TextDecoder().decode(await run([abc.subarray(0, 1), abc.subarray(1)], SHA512_ABC, 3))).toBe('abc')
  })

  it('errors at the end with DIGEST_MISMATCH naming the digest', async () => {
    const wrong = 'sha256:' + '1'.repeat(64)
    await expect(run([abc], wrong)).rejects.toMatchObject({ code: 'DIGEST_MISMATCH', message: expect.stringContaining(wrong) })
  })

  it('errors on too few or too many bytes', async () => {
    await expect(run([abc.subarray(0, 2)], SHA256_ABC, 3)).rejects.toMatchObject({ code: 'DIGEST_MISMATCH' })
    await expect(run([abc, abc], SHA256_ABC, 3)).rejects.toMatchObject({ code: 'DIGEST_MISMATCH', message: expect.stringContaining('more than') })
  })
})
