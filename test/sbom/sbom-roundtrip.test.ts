// Write the real images' inventories as CycloneDX and SPDX, validate them against the
// official schemas, read them back and demand the same package identities.
import { describe, it, expect, beforeAll } from 'vitest'
import { createReadStream, readdirSync } from 'node:fs'
import { Readable } from 'node:stream'
import { join } from 'node:path'
import type { Inventory, Package } from '@stowaway/core'
import { extractFiles } from '@stowaway/extract'
import { catalogFiles, catalogRequest, readSbom, writeCycloneDx, writeSpdx } from '@stowaway/sbom'
import { validateCycloneDx, validateSpdx23 } from '../../packages/sbom/src/testing/schemas.ts'
import { ensureDebianImage } from '../support/debian-image.ts'
import { sharedPath } from '../support/shared.ts'
import { debianLayers } from '../extract/debian-layers.ts'

const img = ensureDebianImage()
const alpine = sharedPath('images/alpinelinux__docker-alpine/v3.20/x86_64')

const identity = (p: Package) =>
  JSON.stringify([p.type, p.name, p.version, p.purl, p.ecosystem, p.arch ?? null, p.source ?? null, p.locations?.[0]?.layer ?? null, p.locations?.[0]?.path ?? null, p.licenses ?? null, p.cpes ?? null])
const identities = (inv: Inventory) => inv.packages.map(identity).sort()

function roundTrip(name: string, get: () => Inventory) {
  const ts = '2026-01-01T00:00:00Z'
  for (const v of ['1.6', '1.5'] as const) {
    it(`${name}: CycloneDX ${v} validates and reads back to the same packages`, () => {
      const inv = get()
      const text = writeCycloneDx(inv, { specVersion: v, timestamp: ts })
      expect(validateCycloneDx(v)(JSON.parse(text))).toEqual([])
      expect(writeCycloneDx(structuredClone(inv), { specVersion: v, timestamp: ts })).toBe(text)
      const back = readSbom(text)
      expect(back.warnings).toEqual([])
      expect(identities(back)).toEqual(identities(inv))
      expect(back.distro).toMatchObject({ id: inv.distro!.id, versionId: inv.distro!.versionId })
    })
  }
  it(`${name}: SPDX 2.3 validates and reads back to the same packages`, () => {
    const inv = get()
    const text = writeSpdx(inv, { timestamp: ts })
    expect(validateSpdx23(JSON.parse(text))).toEqual([])
    expect(writeSpdx(structuredClone(inv), { timestamp: ts })).toBe(text)
    const back = readSbom(text)
    // SPDX has no place for arch or ecosystem: they come back from the purl.
    expect(identities(back)).toEqual(identities(inv))
  })
}

describe.skipIf(!img)('SBOM round trip: the Debian image', () => {
  let inv: Inventory
  beforeAll(async () => {
    const { out, expected } = img!
    const tree = await extractFiles(debianLayers(out, expected), catalogRequest())
    inv = await catalogFiles(tree, { source: { name: 'fixtures/debian-app:latest', digest: expected.oci_manifest_digest } })
    expect(inv.packages.length).toBeGreaterThanOrEqual(106)
  })
  roundTrip('debian', () => inv)
})

describe.skipIf(!alpine)('SBOM round trip: Alpine 3.20', () => {
  let inv: Inventory
  beforeAll(async () => {
    const file = readdirSync(alpine!).find((f) => f.endsWith('.tar.gz'))!
    const tree = await extractFiles(
      [{ descriptor: { digest: 'sha256:rootfs', mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', size: 0 }, index: 0, body: Readable.toWeb(createReadStream(join(alpine!, file))) as ReadableStream<Uint8Array> }],
      catalogRequest(),
    )
    inv = await catalogFiles(tree, { source: { name: 'alpine:3.20' } })
  })
  roundTrip('alpine', () => inv)
})
