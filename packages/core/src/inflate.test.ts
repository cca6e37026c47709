import { describe, expect, it } from 'vitest'
import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib'
import { inflateBytes } from './inflate.ts'
import { StowawayError } from './errors.ts'

const text = new TextEncoder().encode('stowaway '.repeat(1000))

describe('inflateBytes', () => {
  it('inflates deflate-raw, zlib and gzip data made by zlib', async () => {
    expect(await inflateBytes(new Uint8Array(deflateRawSync(text)), 'deflate-raw', 1 << 20)).toEqual(text)
    expect(await inflateBytes(new Uint8Array(deflateSync(text)), 'deflate', 1 << 20)).toEqual(text)
    expect(await inflateBytes(new Uint8Array(gzipSync(text)), 'gzip', 1 << 20)).toEqual(text)
  })

  it('stops a bomb at the limit with LIMIT_EXCEEDED', async () => {
    const bomb = new Uint8Array(deflateRawSync(new Uint8Array(64 << 20)))
    await expect(inflateBytes(bomb, 'deflate-raw', 1 << 20)).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' })
  })

  it('reports corrupt data as ARCHIVE_INVALID', async () => {
    const corrupt = new Uint8Array(deflateSync(text)).slice(0, 20)
    corrupt[5] ^= 0xff
    const e = await inflateBytes(corrupt, 'deflate', 1 << 20).catch((x) => x)
    expect(e).toBeInstanceOf(StowawayError)
    expect(e.code).toBe('ARCHIVE_INVALID')
  })
})
