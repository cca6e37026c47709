import { describe, it, expect } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { sharedPath } from '../../../test/support/shared.ts'
import { parseManifest } from './manifest.ts'
import { MediaTypes } from './media-types.ts'

const dir = sharedPath('images/containers__image/manifest/fixtures')
const load = (name: string) => new Uint8Array(readFileSync(join(dir!, name)))

describe.skipIf(!dir)('parseManifest on containers/image fixtures of every media type', () => {
  it.each([
    ['v2s2.manifest.json', MediaTypes.dockerManifest],
    ['v2s2.uncompressed.manifest.json', MediaTypes.dockerManifest],
    ['v2s2.nondistributable.manifest.json', MediaTypes.dockerManifest],
    ['ociv1.manifest.json', MediaTypes.ociManifest],
    ['ociv1.zstd.manifest.json', MediaTypes.ociManifest],
    ['ociv1.uncompressed.manifest.json', MediaTypes.ociManifest],
    ['ociv1.nondistributable.gzip.manifest.json', MediaTypes.ociManifest],
    ['ociv1.encrypted.manifest.json', MediaTypes.ociManifest],
  ])('%s is an image manifest (%s)', (name, mt) => {
    const doc = parseManifest(load(name))
    expect(doc.kind).toBe('image')
    expect(doc.mediaType).toBe(mt)
    if (doc.kind === 'image') {
      const raw = JSON.parse(new TextDecoder().decode(load(name)))
      expect(doc.config.digest).toBe(raw.config.digest)
      expect(doc.layers.map((l) => l.digest)).toEqual(raw.layers.map((l: { digest: string }) => l.digest))
    }
  })

  it('reads manifests without a mediaType field from their shape or Content-Type', () => {
    expect(parseManifest(load('ociv1nomime.manifest.json')).mediaType).toBe(MediaTypes.ociManifest)
    expect(parseManifest(load('v2s2nomime.manifest.json'), MediaTypes.dockerManifest).mediaType).toBe(MediaTypes.dockerManifest)
    expect(parseManifest(load('ociv1nomime.image.index.json')).kind).toBe('index')
  })

  it('reads both index kinds with their platforms', () => {
    const list = parseManifest(load('v2list.manifest.json'))
    expect(list.kind).toBe('index')
    if (list.kind === 'index') {
      expect(list.mediaType).toBe(MediaTypes.dockerManifestList)
      expect(list.manifests.map((m) => m.platform?.architecture)).toEqual(['ppc64le', 'amd64', 's390x', 'arm', 'arm64'])
    }
    const oci = parseManifest(load('ociv1.image.index.json'))
    expect(oci.kind === 'index' && oci.manifests.length).toBe(2)
  })

  it.each([
    ['v2s1.manifest.json', 'UNSUPPORTED'],
    ['v2s1-unsigned.manifest.json', 'UNSUPPORTED'],
    ['schema2-to-schema1-by-docker.json', 'UNSUPPORTED'],
    ['ociv1.artifact.json', 'UNSUPPORTED'],
    ['non-json.manifest.json', 'MANIFEST_INVALID'],
    ['unknown-version.manifest.json', 'MANIFEST_INVALID'],
  ])('refuses %s with %s', (name, code) => {
    expect(() => parseManifest(load(name))).toThrow(expect.objectContaining({ code }))
  })
})

describe('parseManifest limits', () => {
  it('rejects non-objects and descriptors without digest or size', () => {
    const enc = (v: unknown) => new TextEncoder().encode(JSON.stringify(v))
    expect(() => parseManifest(enc([1]))).toThrow(expect.objectContaining({ code: 'MANIFEST_INVALID' }))
    expect(() => parseManifest(enc({ schemaVersion: 2, mediaType: MediaTypes.ociManifest, config: { digest: 'sha256:x' }, layers: [] }))).toThrow(
      expect.objectContaining({ code: 'MANIFEST_INVALID' }),
    )
    expect(() => parseManifest(new Uint8Array(5 * 1024 * 1024))).toThrow(expect.objectContaining({ code: 'LIMIT_EXCEEDED' }))
  })
})
