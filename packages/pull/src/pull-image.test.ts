import { describe, it, expect, beforeAll } from 'vitest'
import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { iterateStream } from '@stowaway/core'
import { ensureDebianImage, type DebianImage } from '../../../test/support/debian-image.ts'
import { sharedPath } from '../../../test/support/shared.ts'
import { pullImage } from './index.node.ts'
import type { PulledImage } from './types.ts'

// Drains every layer (verifying each) and returns the byte counts.
async function drain(image: PulledImage): Promise<number[]> {
  const sizes: number[] = []
  for await (const blob of image.blobs()) {
    let n = 0
    for await (const c of iterateStream(blob.body)) n += c.byteLength
    sizes.push(n)
  }
  return sizes
}

const skopeo = (ref: string, ...args: string[]) => JSON.parse(execFileSync('skopeo', ['inspect', ...args, ref], { encoding: 'utf8' }))

const debian: DebianImage | undefined = sharedPath('images/debian/build-images.sh') ? ensureDebianImage() : undefined

describe.skipIf(!debian)('local sources: the Debian image', () => {
  const out = debian?.out ?? ''
  const exp = debian?.expected
  const amd64 = () => exp.platforms.find((p: { platform: string }) => p.platform === 'linux/amd64')

  it('oci: by tag matches expected.json and skopeo', async () => {
    const image = await pullImage(`oci:${out}/oci:latest`)
    expect(image.manifestDigest).toBe(exp.oci_manifest_digest)
    expect(image.manifestDigest).toBe(skopeo(`oci:${out}/oci:latest`).Digest)
    expect(image.configDigest).toBe(amd64().config_digest)
    expect(image.layers.map((l) => l.digest)).toEqual(exp.layers.map((l: any) => l.gzip.digest))
    expect(image.layers.map((l) => l.diffId)).toEqual(exp.layers.map((l: any) => l.diff_id))
    expect(image.layers.map((l) => l.size)).toEqual(exp.layers.map((l: any) => l.gzip.size))
    expect(image.platform).toEqual({ os: 'linux', architecture: 'amd64' })
    expect(await drain(image)).toEqual(exp.layers.map((l: any) => l.gzip.size))
  })

  it('oci: by digest, and the zstd layout', async () => {
    const byDigest = await pullImage(`oci:${out}/oci@${exp.oci_manifest_digest}`)
    expect(byDigest.layers.map((l) => l.digest)).toEqual(exp.layers.map((l: any) => l.gzip.digest))
    const zstd = await pullImage(`oci:${out}/oci-zstd`)
    expect(zstd.manifestDigest).toBe(exp.zstd_manifest_digest)
    expect(zstd.layers.map((l) => l.digest)).toEqual(exp.layers.map((l: any) => l.zstd.digest))
    expect(zstd.layers.every((l) => l.mediaType === 'application/vnd.oci.image.layer.v1.tar+zstd')).toBe(true)
    expect(await drain(zstd)).toEqual(exp.layers.map((l: any) => l.zstd.size))
  })

  it('oci: multi-platform index picks linux/amd64 by default and linux/386 on request', async () => {
    const def = await pullImage(`oci:${out}/oci-multiarch:latest`)
    expect(def.indexDigest).toBe(exp.multiarch_index_digest)
    expect(def.manifestDigest).toBe(amd64().manifest_digest)
    const i386 = exp.platforms.find((p: { platform: string }) => p.platform === 'linux/386')
    const img386 = await pullImage(`oci:${out}/oci-multiarch:latest`, { platform: 'linux/386' })
    expect(img386.manifestDigest).toBe(i386.manifest_digest)
    expect(img386.platform.architecture).toBe('386')
    expect(img386.layers.map((l) => l.digest)).toEqual(i386.layers.map((l: any) => l.digest))
    await expect(pullImage(`oci:${out}/oci-multiarch`, { platform: 'linux/arm64' })).rejects.toMatchObject({
      code: 'PLATFORM_NOT_FOUND',
      message: expect.stringMatching(/"linux\/amd64".*"linux\/386"|"linux\/386".*"linux\/amd64"/),
    })
  })

  it('docker-archive: layers are the uncompressed tars, digests equal diffIDs', async () => {
    const image = await pullImage(`docker-archive:${out}/debian-app.docker-archive.tar`)
    expect(image.reference).toBe('docker.io/fixtures/debian-app:latest')
    expect(image.configDigest).toBe(amd64().config_digest)
    expect(image.layers.map((l) => l.digest)).toEqual(exp.layers.map((l: any) => l.diff_id))
    expect(image.layers.map((l) => l.diffId)).toEqual(exp.layers.map((l: any) => l.diff_id))
    expect(await drain(image)).toEqual(exp.layers.map((l: any) => l.uncompressed_size))
    const tagged = await pullImage(`docker-archive:${out}/debian-app.docker-archive.tar:fixtures/debian-app:latest`)
    expect(tagged.configDigest).toBe(amd64().config_digest)
  })

  it('oci-archive: same image as the layout', async () => {
    const image = await pullImage(`oci-archive:${out}/debian-app.oci-archive.tar`)
    expect(image.manifestDigest).toBe(exp.oci_manifest_digest)
    expect(image.manifestDigest).toBe(skopeo(`oci-archive:${out}/debian-app.oci-archive.tar`).Digest)
    expect(await drain(image)).toEqual(exp.layers.map((l: any) => l.gzip.size))
  })

  it('oci-archive: by tag and by digest', async () => {
    const byTag = await pullImage(`oci-archive:${out}/debian-app.oci-archive.tar:latest`)
    expect(byTag.manifestDigest).toBe(exp.oci_manifest_digest)
    const byDigest = await pullImage(`oci-archive:${out}/debian-app.oci-archive.tar@${exp.oci_manifest_digest}`)
    expect(byDigest.configDigest).toBe(amd64().config_digest)
  })

  it('docker-archive in the Docker 25+ layout: the embedded OCI manifest is used, so digests match the registry', async () => {
    // Docker 25+ `docker save` = an OCI layout plus manifest.json whose paths point into blobs/.
    const tmp = mkdtempSync(join(tmpdir(), 'stowaway-v25-'))
    cpSync(`${out}/oci`, `${tmp}/img`, { recursive: true })
    const man = JSON.parse(readFileSync(`${tmp}/img/blobs/sha256/${exp.oci_manifest_digest.slice(7)}`, 'utf8'))
    const path = (d: string) => `blobs/sha256/${d.slice(7)}`
    writeFileSync(`${tmp}/img/manifest.json`, JSON.stringify([{ Config: path(man.config.digest), RepoTags: ['fixtures/debian-app:v25'], Layers: man.layers.map((l: any) => path(l.digest)) }]))
    execFileSync('tar', ['-cf', `${tmp}/v25.tar`, '-C', `${tmp}/img`, '.'])
    const image = await pullImage(`docker-archive:${tmp}/v25.tar`)
    expect(image.manifestDigest).toBe(exp.oci_manifest_digest)
    expect(image.reference).toBe('fixtures/debian-app:v25')
    expect(image.layers.map((l) => l.digest)).toEqual(exp.layers.map((l: any) => l.gzip.digest))
    expect(await drain(image)).toEqual(exp.layers.map((l: any) => l.gzip.size))
  })

  it('reports progress per layer up to its size', async () => {
    const last = new Map<number, [number, number]>()
    const image = await pullImage(`oci:${out}/oci`, { onProgress: (e) => last.set(e.index, [e.bytes, e.total]) })
    await drain(image)
    expect([...last.values()]).toEqual(exp.layers.map((l: any) => [l.gzip.size, l.gzip.size]))
  })
})

describe('local sources: third-party fixtures', () => {
  const gcr = sharedPath('images/google__go-containerregistry/pkg/v1/tarball/testdata')
  const trivy = sharedPath('images/aquasecurity__trivy/pkg/fanal/test/testdata')
  const stereo = sharedPath('images/anchore__stereoscope/pkg/image/oci/testdata')

  it.skipIf(!trivy)('reads a gzip-wrapped docker save (alpine 3.11)', async () => {
    const file = `${trivy}/alpine-311.tar.gz`
    const image = await pullImage(`docker-archive:${file}`)
    const entry = JSON.parse(execFileSync('tar', ['-xzOf', file, 'manifest.json'], { encoding: 'utf8' }))[0]
    const layerSha = execFileSync('sh', ['-c', `tar -xzOf '${file}' '${entry.Layers[0]}' | sha256sum`], { encoding: 'utf8' }).split(' ')[0]
    expect(image.reference).toBe('alpine:3.11')
    expect(image.layers.map((l) => l.digest)).toEqual([`sha256:${layerSha}`])
    expect(image.configDigest).toBe(`sha256:${entry.Config.replace('.json', '')}`)
    expect(image.config.os).toBe('linux')
    expect(await drain(image)).toEqual([5861888])
  })

  it.skipIf(!gcr)('reads the Docker 25+ archive format', async () => {
    const image = await pullImage(`docker-archive:${gcr}/hello-world-v25.tar`)
    expect(image.configDigest).toBe('sha256:ee301c921b8aadc002973b2e0c3da17d701dcd994b606769a7e6eaa100b81d44')
    expect(image.layers.map((l) => l.digest)).toEqual(['sha256:12660636fe55438cc3ae7424da7ac56e845cdb52493ff9cf949c47a7f57f8b43'])
    expect(image.platform.architecture).toBe('arm64')
    expect(await drain(image)).toEqual([10752])
  })

  it.skipIf(!gcr)('picks an image by tag from a multi-image archive, and lists tags otherwise', async () => {
    const image = await pullImage(`docker-archive:${gcr}/test_bundle.tar:test_image_2`)
    expect(image.configDigest).toBe('sha256:930705ce23e3b6ed4c08746b6fe880089c864fbaf62482702ae3fdd66b8c7fe9')
    await drain(image)
    await expect(pullImage(`docker-archive:${gcr}/test_bundle.tar`)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('test_image_2') })
    await expect(pullImage(`docker-archive:${gcr}/test_bundle.tar:nope`)).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it.skipIf(!gcr)('rejects archives without a usable manifest.json', async () => {
    await expect(pullImage(`docker-archive:${gcr}/no_manifest.tar`)).rejects.toMatchObject({ code: 'ARCHIVE_INVALID' })
    await expect(pullImage(`docker-archive:${gcr}/null_manifest.tar`)).rejects.toMatchObject({ code: 'ARCHIVE_INVALID' })
    await expect(pullImage(`docker-archive:${gcr}/does-not-exist.tar`)).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it.skipIf(!stereo)('follows a nested index in an OCI layout to the platform asked for', async () => {
    const dir = `${stereo}/multiplatform_oci_dir`
    const inner = JSON.parse(readFileSync(`${dir}/blobs/sha256/a1a8d08faa5fe3d2ccc0ba54874e39dede9a17120f883c5cb56f2fd9309067c8`, 'utf8'))
    for (const arch of ['amd64', 'arm64']) {
      const image = await pullImage(`oci:${dir}`, { platform: `linux/${arch}` })
      expect(image.manifestDigest).toBe(inner.manifests.find((m: any) => m.platform.architecture === arch).digest)
      expect(image.layers.map((l) => l.digest)).toEqual(skopeo(`oci:${dir}`, '--override-arch', arch).Layers)
      await drain(image)
    }
    const tarred = await pullImage(`oci-archive:${stereo}/valid-oci.tar`)
    await drain(tarred)
  })

  it.skipIf(!trivy)('reads trivy layouts by tag and rejects its broken ones', async () => {
    const want = skopeo(`oci:${trivy}/test_image_tag.oci:0.0.1`)
    const image = await pullImage(`oci:${trivy}/test_image_tag.oci:0.0.1`)
    expect(image.manifestDigest).toBe(want.Digest)
    expect(image.layers.map((l) => l.digest)).toEqual(want.Layers)
    await drain(image)
    await expect(pullImage(`oci:${trivy}/test_image_tag.oci:9.9.9`)).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('"0.0.1"') })
    await expect(pullImage(`oci:${trivy}/test_bad_index_json.oci`)).rejects.toMatchObject({ code: 'MANIFEST_INVALID' })
    await expect(pullImage(`oci:${trivy}/test_index_json_dir.oci`)).rejects.toMatchObject({ code: 'ARCHIVE_INVALID' })
    await expect(pullImage(`oci:${trivy}/test_no_valid_manifests.oci`)).rejects.toMatchObject({ code: 'MANIFEST_INVALID' })
    await expect(pullImage(`oci:${trivy}/test_invalid_oci_image.oci`)).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it.skipIf(!trivy)('fails with DIGEST_MISMATCH naming the digest when a blob was altered', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'stowaway-pull-'))
    cpSync(`${trivy}/test.oci`, `${tmp}/layout`, { recursive: true })
    const layer = 'cdd16bd695eda2819e7637648f573c2ca64896c4f7bff9732ac9db734ca3bc2c'
    const p = `${tmp}/layout/blobs/sha256/${layer}`
    const bytes = readFileSync(p)
    bytes[bytes.length - 20] ^= 0xff
    writeFileSync(p, bytes)
    const image = await pullImage(`oci:${tmp}/layout`)
    await expect(drain(image)).rejects.toMatchObject({ code: 'DIGEST_MISMATCH', message: expect.stringContaining(`sha256:${layer}`) })
    const manifest = `${tmp}/layout/blobs/sha256/afb744871f99e0ff8e6f253244836ed34c5d805fdb096d3a205ffaf5e9073cab`
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('sha256:b23a', 'sha256:c23a'))
    await expect(pullImage(`oci:${tmp}/layout`)).rejects.toMatchObject({
      code: 'DIGEST_MISMATCH',
      message: expect.stringContaining('sha256:afb744871f99e0ff8e6f253244836ed34c5d805fdb096d3a205ffaf5e9073cab'),
    })
  })
})

describe('dir: sources', () => {
  let root: string
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'stowaway-dir-'))
    mkdirSync(`${root}/etc`)
    writeFileSync(`${root}/etc/os-release`, 'ID=debian\nVERSION_ID="12"\n')
    const deep = `${root}/${'d'.repeat(60)}/${'e'.repeat(60)}`
    mkdirSync(deep, { recursive: true })
    writeFileSync(`${deep}/long-name-file.txt`, 'x'.repeat(1000))
    symlinkSync('../etc/os-release', `${root}/etc/link`)
  })

  it('tars the tree into one verified layer that GNU tar can list and read', async () => {
    const image = await pullImage(`dir:${root}`)
    expect(image.layers).toHaveLength(1)
    expect(image.layers[0]!.diffId).toBe(image.layers[0]!.digest)
    const body = await image.openLayer(0)
    const chunks: Uint8Array[] = []
    for await (const c of iterateStream(body)) chunks.push(c)
    const tarPath = join(root, '..', `layer-${Date.now()}.tar`)
    writeFileSync(tarPath, Buffer.concat(chunks))
    const listing = execFileSync('tar', ['-tvf', tarPath], { encoding: 'utf8' })
    expect(listing).toContain(`${'d'.repeat(60)}/${'e'.repeat(60)}/long-name-file.txt`)
    expect(listing).toMatch(/etc\/link -> \.\.\/etc\/os-release/)
    expect(execFileSync('tar', ['-xOf', tarPath, 'etc/os-release'], { encoding: 'utf8' })).toBe('ID=debian\nVERSION_ID="12"\n')
    const sha = execFileSync('sha256sum', [tarPath], { encoding: 'utf8' }).split(' ')[0]
    expect(image.layers[0]!.digest).toBe(`sha256:${sha}`)
  })

  it('fails for a path that is not a directory', async () => {
    await expect(pullImage(`dir:${root}/etc/os-release`)).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})
