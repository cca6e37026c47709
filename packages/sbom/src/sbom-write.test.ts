import { describe, it, expect } from 'vitest'
import type { Inventory } from '@stowaway/core'
import { writeCycloneDx } from './cyclonedx-write.ts'
import { writeSpdx } from './spdx-write.ts'
import { spdxExpression, licenseRef, SPDX_IDS } from './spdx-license.ts'
import { readFileSync } from 'node:fs'
import { validateCycloneDx, validateSpdx23 } from './testing/schemas.ts'

const inv: Inventory = {
  distro: { id: 'debian', versionId: '12', codename: 'bookworm', prettyName: 'Debian GNU/Linux 12 (bookworm)' },
  source: { name: 'fixtures/debian-app:latest', digest: 'sha256:' + 'a'.repeat(64), layers: [{ digest: 'sha256:' + 'b'.repeat(64), diffId: 'sha256:' + 'c'.repeat(64) }] },
  packages: [
    {
      name: 'libssl3', version: '3.0.22-1~deb12u2', type: 'deb', ecosystem: 'Debian:12', arch: 'amd64',
      purl: 'pkg:deb/debian/libssl3@3.0.22-1~deb12u2?arch=amd64&distro=debian-12&upstream=openssl',
      source: { name: 'openssl', version: '3.0.22-1~deb12u2' }, licenses: ['Apache-2.0', 'GPL-2+'],
      cpes: ['cpe:2.3:a:openssl:openssl:3.0.22:*:*:*:*:*:*:*'],
      locations: [{ path: 'var/lib/dpkg/status', layer: 'sha256:' + 'c'.repeat(64) }],
    },
    { name: 'lodash', version: '4.17.20', type: 'npm', ecosystem: 'npm', purl: 'pkg:npm/lodash@4.17.20', licenses: ['MIT'], locations: [{ path: 'app/node_modules/lodash/package.json' }] },
    { name: 'lodash', version: '4.17.20', type: 'npm', ecosystem: 'npm', purl: 'pkg:npm/lodash@4.17.20', licenses: ['MIT OR Apache-2.0'], locations: [{ path: 'other/node_modules/lodash/package.json' }] },
    { name: 'no-purl', version: '1', type: 'generic' },
  ],
  warnings: [],
}
const ts = '2026-01-01T00:00:00Z'

describe('writeCycloneDx', () => {
  for (const v of ['1.6', '1.5'] as const) {
    it(`validates against the official ${v} schema`, () => {
      const doc = JSON.parse(writeCycloneDx(inv, { specVersion: v, timestamp: ts }))
      expect(validateCycloneDx(v)(doc)).toEqual([])
      expect(doc.specVersion).toBe(v)
      expect(doc.components.filter((c: any) => c.type === 'library')).toHaveLength(4)
    })
  }

  it('drops 1.6-only fields from 1.5 output', () => {
    expect(writeCycloneDx(inv, { specVersion: '1.6', timestamp: ts })).toContain('"acknowledgement"')
    expect(writeCycloneDx(inv, { specVersion: '1.5', timestamp: ts })).not.toContain('"acknowledgement"')
  })

  it('is deterministic whatever the input order, with unique bom-refs', () => {
    const a = writeCycloneDx(inv, { timestamp: ts })
    const b = writeCycloneDx({ ...inv, packages: [...inv.packages].reverse() }, { timestamp: ts })
    expect(b).toBe(a)
    const refs = JSON.parse(a).components.map((c: any) => c['bom-ref'])
    expect(new Set(refs).size).toBe(refs.length)
  })
})

describe('writeSpdx', () => {
  it('validates against the official SPDX 2.3 schema and is deterministic', () => {
    const text = writeSpdx(inv, { timestamp: ts })
    const doc = JSON.parse(text)
    expect(validateSpdx23(doc)).toEqual([])
    expect(writeSpdx({ ...inv, packages: [...inv.packages].reverse() }, { timestamp: ts })).toBe(text)
    const ssl = doc.packages.find((p: any) => p.name === 'libssl3')
    expect(ssl.licenseDeclared).toBe('Apache-2.0 AND LicenseRef-GPL-2-plus')
    expect(doc.hasExtractedLicensingInfos).toEqual([{ licenseId: 'LicenseRef-GPL-2-plus', extractedText: 'GPL-2+', name: 'GPL-2+' }])
    expect(new Set(doc.packages.map((p: any) => p.SPDXID)).size).toBe(doc.packages.length)
  })

  it('license expressions: SPDX ids pass, others become LicenseRefs', () => {
    expect(spdxExpression('GPL-2.0-or-later AND (mit OR bsd-3-clause)')).toBe('GPL-2.0-or-later AND (MIT OR BSD-3-Clause)')
    expect(spdxExpression('public-domain')).toBeUndefined()
    expect(licenseRef('BSD-3-clause and GPL-2+')).toBe('LicenseRef-BSD-3-clause-and-GPL-2-plus')
  })
})

describe('schema validators', () => {
  it('reject documents that break the schemas', () => {
    const cdx = JSON.parse(writeCycloneDx(inv, { timestamp: ts }))
    cdx.components[1].type = 'gadget'
    expect(validateCycloneDx('1.6')(cdx).length).toBeGreaterThan(0)
    const spdx = JSON.parse(writeSpdx(inv, { timestamp: ts }))
    delete spdx.packages[2].SPDXID
    expect(validateSpdx23(spdx).length).toBeGreaterThan(0)
  })
})

describe('SPDX ids', () => {
  it('every id we write as a CycloneDX license id is in the schema\'s SPDX list', () => {
    const url = new URL('../../../test/fixtures/schemas/CycloneDX__specification/spdx.schema.json', import.meta.url)
    const enumIds = new Set(JSON.parse(readFileSync(url, 'utf8')).enum)
    expect(SPDX_IDS.filter((id) => !enumIds.has(id))).toEqual([])
  })
})
