import { describe, it, expect } from 'vitest'
import { TarStream, type TarEntry } from './tar-stream.ts'
import { chunkedStream, makeTar } from './testing/make-tar.ts'

async function entries(bytes: Uint8Array, want?: (name: string) => boolean): Promise<TarEntry[]> {
  const out: TarEntry[] = []
  await chunkedStream(bytes, 100)
    .pipeThrough(new TarStream(want ? { want: (h) => want(h.name) } : {}))
    .pipeTo(new WritableStream({ write: (e) => void out.push(e) }))
  return out
}

describe('TarStream', () => {
  it('yields entries in order, with bodies only where wanted', async () => {
    const tar = makeTar([{ name: 'a', body: 'A' }, { name: 'dir', type: 'dir' }, { name: 'b', body: 'B'.repeat(700) }])
    const got = await entries(tar, (n) => n === 'b')
    expect(got.map((e) => [e.header.name, e.bytes?.length ?? null])).toEqual([
      ['a', null],
      ['dir', null],
      ['b', 700],
    ])
  })

  it('errors the stream on a truncated archive', async () => {
    const tar = makeTar([{ name: 'a', body: 'x'.repeat(2000) }])
    await expect(entries(tar.subarray(0, 900))).rejects.toMatchObject({ code: 'ARCHIVE_INVALID' })
  })
})
