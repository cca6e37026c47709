// Whiteout and overwrite fixtures from go-containerregistry's mutate tests (docker save
// archives, `./`-prefixed names, an empty last layer), read through the pull stage.
import { describe, it, expect } from 'vitest'
import { pullImage } from '@stowaway/pull'
import { extractFiles } from '@stowaway/extract'
import { sharedPath } from '../support/shared.ts'

const dir = sharedPath('images/google__go-containerregistry/pkg/v1/mutate/testdata')
const text = (b?: Uint8Array) => (b ? new TextDecoder().decode(b) : undefined)

describe.skipIf(!dir)('extract: go-containerregistry mutate fixtures', () => {
  it('whiteout_image: layer 2 whites out foo.txt, layer 3 is empty', async () => {
    const image = await pullImage(`docker-archive:${dir}/whiteout_image.tar`)
    const tree = await extractFiles(image.blobs(), { patterns: ['**'] })
    expect(tree.warnings).toEqual([])
    expect(tree.paths()).toEqual(['bar.txt'])
    expect(text(tree.get('bar.txt')?.bytes)).toBe('bar\n')
    expect(tree.stat!('foo.txt')).toBeUndefined()
  })

  it('overwritten_file: layer 2 replaces foo.txt with a symlink to its new bar.txt', async () => {
    const image = await pullImage(`docker-archive:${dir}/overwritten_file.tar`)
    const tree = await extractFiles(image.blobs(), { patterns: ['foo.txt', 'bar.txt'] })
    expect(text(tree.get('foo.txt')?.bytes)).toBe('bar\n')
    expect(tree.stat!('foo.txt')).toMatchObject({ path: 'bar.txt', layerIndex: 1 })
  })
})
