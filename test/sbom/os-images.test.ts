// Catalog real images end to end (extract → detect OS → dpkg/apk) and compare with
// what the images' own package managers recorded.
import { describe, it, expect } from 'vitest'
import { createReadStream, existsSync, readFileSync, readdirSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { Readable } from 'node:stream'
import { join } from 'node:path'
import { extractFiles } from '@stowaway/extract'
import { catalogFiles, catalogRequest } from '@stowaway/sbom'
import { CACHE_ROOT, ensureDebianImage } from '../support/debian-image.ts'
import { sharedPath } from '../support/shared.ts'
import { debianLayers } from '../extract/debian-layers.ts'

const img = ensureDebianImage()
const alpineRoot = sharedPath('images/alpinelinux__docker-alpine')

describe.skipIf(!img)('catalog: the Debian image', () => {
  const { out, expected } = img!

  it('finds exactly the 106 dpkg packages with source, arch, layer and licenses', async () => {
    const tree = await extractFiles(debianLayers(out, expected), catalogRequest())
    const inv = await catalogFiles(tree)
    expect(inv.distro).toMatchObject({ id: 'debian', versionId: '12', codename: 'bookworm' })
    const debs = inv.packages.filter((p) => p.type === 'deb')
    expect(debs.map((p) => [p.name, p.version, p.arch, p.source?.name, p.source?.version]).sort()).toEqual(
      expected.dpkg.packages.map((p: any) => [p.name, p.version, p.arch, p.source, p.source_version]).sort(),
    )
    for (const p of debs) expect(p.ecosystem).toBe('Debian:12')
    const [l1, l2] = expected.layers.map((l: any) => l.diff_id)
    const added = new Set(expected.dpkg.added_in_layer2)
    for (const p of debs) expect([p.name, p.locations![0]!.layer]).toEqual([p.name, added.has(p.name) ? l2 : l1])
    // copyright files survive only for the layer-2 packages (opaque /usr/share/doc)
    const withLicense = debs.filter((p) => p.licenses?.length).map((p) => p.name).sort()
    expect(withLicense.every((n) => expected.usr_share_doc_visible.includes(n))).toBe(true)
    expect(withLicense.length).toBeGreaterThan(10)
    expect(debs.find((p) => p.name === 'libssl3')!.purl).toBe(`pkg:deb/debian/libssl3@${encodeURIComponent(debs.find((p) => p.name === 'libssl3')!.version)}?arch=amd64&distro=debian-12&upstream=openssl`)
  })
})

describe.skipIf(!img)('catalog: layer 1 against dpkg-query on the rootfs it was made from', () => {
  const rootfs = join(CACHE_ROOT, 'debian-images', 'cache', 'rootfs-amd64')
  it.skipIf(!existsSync(join(rootfs, 'var/lib/dpkg/status')))('name, version and arch of every package', async () => {
    const { out, expected } = img!
    const listed = execFileSync('dpkg-query', [`--admindir=${join(rootfs, 'var/lib/dpkg')}`, '-W', '-f', '${Package}\\t${Version}\\t${Architecture}\\t${db:Status-Abbrev}\\n'], { encoding: 'utf8' })
    const want = listed.split('\n').filter((l) => l.endsWith('\tii ')).map((l) => l.split('\t').slice(0, 3).join('\t')).sort()
    const tree = await extractFiles(debianLayers(out, expected).slice(0, 1), catalogRequest())
    const inv = await catalogFiles(tree)
    const got = inv.packages.filter((p) => p.type === 'deb').map((p) => [p.name, p.version, p.arch].join('\t')).sort()
    expect(got).toEqual(want)
    expect(got.length).toBe(expected.dpkg.count_layer1_only)
  })
})

describe.skipIf(!alpineRoot)('catalog: Alpine minirootfs images', () => {
  const versions = alpineRoot ? readdirSync(alpineRoot).filter((v) => /^(v\d|edge)/.test(v)) : []
  for (const v of versions) {
    it(`${v}: the apk list equals the installed db's P:/V: records`, async () => {
      const dir = join(alpineRoot!, v, 'x86_64')
      const tarball = readdirSync(dir).find((f) => f.endsWith('.tar.gz'))!
      const rows = readFileSync(join(dir, 'packages.derived.txt'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t'))
      const tree = await extractFiles(
        [{ descriptor: { digest: 'sha256:rootfs', mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', size: 0 }, index: 0, body: Readable.toWeb(createReadStream(join(dir, tarball))) as ReadableStream<Uint8Array> }],
        catalogRequest(),
      )
      const inv = await catalogFiles(tree)
      expect(inv.warnings).toEqual([])
      expect(inv.distro?.id).toBe('alpine')
      const apks = inv.packages.filter((p) => p.type === 'apk')
      expect(apks.map((p) => [p.name, p.version, p.source?.name ?? '', p.arch]).sort()).toEqual(rows.map((r) => [r[0], r[1], r[2], r[3]]).sort())
      if (v !== 'edge') expect(apks[0]!.ecosystem).toBe(`Alpine:${v}`)
    })
  }
})
