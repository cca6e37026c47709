import { describe, it, expect, beforeAll } from 'vitest'
import type { Inventory } from '@stowaway/core'
import { initVersionCore, getVersionBackend } from '@stowaway/version'
import type { Advisory } from './advisory.ts'
import { AdvisoryDb, buildDb } from './db.ts'
import { matchInventory, targetOf } from './match.ts'
import { matchEveryWay } from '../../../test/match/bulk-backend.ts'
import { purlToTarget } from './purl-ecosystem.ts'

const range = (fixed: string) => [{ type: 'ECOSYSTEM' as const, events: [{ introduced: '0' }, { fixed }] }]

const advisories: Advisory[] = [
  { id: 'DSA-5139-1', aliases: ['CVE-2022-1292'], severities: [], references: [], affected: [{ ecosystem: 'Debian:11', name: 'openssl', ranges: range('1.1.1n-0+deb11u2') }] },
  { id: 'CVE-2022-1292', aliases: [], severities: [{ type: 'CVSS_V3', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', score: 9.8, rating: 'CRITICAL' }], references: [], affected: [{ ecosystem: 'Debian:11', name: 'openssl', ranges: range('1.1.1n-0+deb11u2'), severity: { type: 'RATING', rating: 'MEDIUM', source: 'Debian' } }] },
  { id: 'CVE-2021-3449', aliases: [], severities: [], references: [], affected: [{ ecosystem: 'Debian:11', name: 'openssl', ranges: range('1.1.1k-1') }] },
  { id: 'CVE-2023-9999', aliases: [], severities: [], references: [], affected: [{ ecosystem: 'Debian:11', name: 'openssl', ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }], status: 'wont-fix' }] },
  { id: 'CVE-2022-0001', aliases: [], severities: [], references: [], affected: [{ ecosystem: 'Debian:12', name: 'openssl', ranges: range('9:0') }] },
]

const inv: Inventory = {
  distro: { id: 'debian', versionId: '11' },
  packages: [
    { name: 'libssl1.1', version: '1.1.1n-0+deb11u1', type: 'deb', source: { name: 'openssl' }, locations: [{ path: 'var/lib/dpkg/status', layer: 'sha256:aa' }] },
    { name: 'openssl', version: '1.1.1n-0+deb11u2', type: 'deb', purl: 'pkg:deb/debian/openssl@1.1.1n-0%2Bdeb11u2?distro=debian-11' },
  ],
  warnings: [],
}

describe('matchInventory', () => {
  let db: AdvisoryDb
  beforeAll(async () => {
    const built = await buildDb(advisories, { sources: [] })
    db = await AdvisoryDb.open(async (n) => built.files.get(n)!)
  })

  it('matches distro packages by source name against their own release, one finding per vulnerability', async () => {
    const { findings } = await matchInventory(inv, db, { mode: 'reference' })
    const lib = findings.filter((f) => f.package.name === 'libssl1.1')
    // DSA-5139-1 and CVE-2022-1292 merge; CVE-2021-3449 fixed in 1.1.1k-1 < installed; Debian:12 record ignored.
    expect(lib.map((f) => f.id)).toEqual(['CVE-2022-1292', 'CVE-2023-9999'])
    expect(lib[0]).toMatchObject({ aliases: ['DSA-5139-1'], fixedVersions: ['1.1.1n-0+deb11u2'], status: 'fixed', severity: 'MEDIUM', layer: 'sha256:aa' })
    expect(lib[1]).toMatchObject({ status: 'wont-fix', fixedVersions: [] })
    const fixed = findings.filter((f) => f.package.name === 'openssl')
    expect(fixed.map((f) => f.id)).toEqual(['CVE-2023-9999'])
  })

  it('gives identical findings through the batched (WASM) path', async () => {
    await initVersionCore()
    expect(getVersionBackend().kind).toBe('wasm')
    const ref = await matchEveryWay(inv, db)
    // A WASM backend without a bulk core takes the compareMany path.
    const { core: _core, ...withoutCore } = getVersionBackend()
    const many = await matchInventory(inv, db, { backend: withoutCore })
    expect(many.findings).toEqual(ref.findings)
    expect(many.warnings).toEqual(ref.warnings)
  })

  it('stops when aborted', async () => {
    const ac = new AbortController()
    ac.abort()
    await expect(matchInventory(inv, db, { signal: ac.signal })).rejects.toThrow(/aborted/)
  })

  it('warns about ecosystems the DB lacks', async () => {
    const r = await matchInventory({ packages: [{ name: 'x', version: '1', type: 'npm', ecosystem: 'npm' }], warnings: [] }, db)
    expect(r.warnings[0]!.message).toMatch(/no advisories for it/)
  })
})

describe('purl → target', () => {
  it('maps distro qualifiers, upstream and epoch', () => {
    expect(purlToTarget('pkg:deb/debian/libssl1.1@1.1.1n-0+deb11u3?arch=amd64&upstream=openssl&distro=debian-11')).toMatchObject({ ecosystem: 'Debian:11', sourceName: 'openssl' })
    expect(purlToTarget('pkg:apk/alpine/libcrypto1.1@1.1.1d-r2?arch=x86_64&upstream=openssl&distro=alpine-3.10.2')).toMatchObject({ ecosystem: 'Alpine:v3.10', sourceName: 'openssl' })
    expect(purlToTarget('pkg:rpm/almalinux/openssl-libs@1.1.1k-5.el8_5?arch=x86_64&epoch=1&upstream=openssl-1.1.1k-5.el8_5.src.rpm&distro=almalinux-8.5')).toMatchObject({
      ecosystem: 'AlmaLinux:8',
      version: '1:1.1.1k-5.el8_5',
      sourceName: 'openssl',
    })
  })
  it('gives one shard key to the spellings of one release', async () => {
    const { ecosystemKey } = await import('./package-name.ts')
    expect(ecosystemKey('SUSE:Linux Enterprise Server 15 SP3')).toBe(ecosystemKey('SUSE:15.3'))
    expect(ecosystemKey('SUSE:Linux Enterprise Module for Basesystem 15 SP3')).toBe('suse:15.3')
    expect(ecosystemKey('SUSE:Linux Enterprise Server 15')).toBe('suse:15')
    expect(ecosystemKey('openSUSE:Leap 15.5')).toBe(ecosystemKey('openSUSE:15.5'))
    expect(ecosystemKey('Azure Linux:3.0')).toBe(ecosystemKey('Azure Linux:3'))
    expect(ecosystemKey('Red Hat:enterprise_linux:8::appstream')).toBe(ecosystemKey('Red Hat:8'))
    expect(ecosystemKey('Ubuntu:22.04:LTS')).toBe('ubuntu:22.04')
    expect(targetOf({ name: 'openssl-libs', version: '1:1.1.1k-7.el8_6', type: 'rpm', ecosystem: 'Red Hat' }, { packages: [], distro: { id: 'rhel', versionId: '8.6' }, warnings: [] })?.ecosystem).toBe('Red Hat:8')
  })
  it('maps SUSE family distro qualifiers', () => {
    expect(purlToTarget('pkg:rpm/suse/openssl@1.1.1d-11.20.1?distro=sles-15.1')).toMatchObject({ ecosystem: 'SUSE:15.1' })
    expect(purlToTarget('pkg:rpm/opensuse/curl@8.0.1-1.1?distro=opensuse-leap-15.5')).toMatchObject({ ecosystem: 'openSUSE:15.5' })
    expect(purlToTarget('pkg:rpm/opensuse/curl@8.0.1-1.1?distro=opensuse-tumbleweed')).toMatchObject({ ecosystem: 'openSUSE:Tumbleweed' })
    expect(purlToTarget('pkg:deb/debian/curl@7.74.0-1.3?distro=bullseye')).toMatchObject({ ecosystem: 'Debian:11' })
  })
  it('reads osv-scanner style apk purls (bare release, origin=)', () => {
    expect(purlToTarget('pkg:apk/alpine/zlib@1.2.12-r1?arch=x86_64&distro=3.22.0&origin=zlib')).toMatchObject({ ecosystem: 'Alpine:v3.22', sourceName: 'zlib', version: '1.2.12-r1' })
  })
  it('maps language purls with namespaces and Go stdlib', () => {
    expect(purlToTarget('pkg:npm/%40babel/core@7.0.0')).toMatchObject({ ecosystem: 'npm', name: '@babel/core' })
    expect(purlToTarget('pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1')).toMatchObject({ ecosystem: 'Maven', name: 'org.apache.logging.log4j:log4j-core' })
    expect(purlToTarget('pkg:golang/github.com/gin-gonic/gin@v1.7.0')).toMatchObject({ ecosystem: 'Go', name: 'github.com/gin-gonic/gin' })
    expect(purlToTarget('pkg:golang/stdlib@go1.20.4')).toMatchObject({ ecosystem: 'Go', name: 'stdlib', version: '1.20.4' })
  })
  it('falls back to the inventory distro for OS packages', () => {
    expect(targetOf({ name: 'musl', version: '1.1.20-r4', type: 'apk' }, { packages: [], distro: { id: 'alpine', versionId: '3.9.6' }, warnings: [] })).toEqual({ ecosystem: 'Alpine:v3.9', names: ['musl'], version: '1.1.20-r4' })
  })
})

describe('CPE matching against NVD configurations', () => {
  // CVE-2021-44228's NVD configuration for log4j 2.x (facts from the NVD record).
  const nvdRecord = {
    vulnerabilities: [
      {
        cve: {
          id: 'CVE-2021-44228',
          metrics: { cvssMetricV31: [{ cvssData: { vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H' } }] },
          configurations: [
            {
              nodes: [
                {
                  operator: 'OR',
                  cpeMatch: [
                    { vulnerable: true, criteria: 'cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*', versionStartIncluding: '2.13.0', versionEndExcluding: '2.15.0' },
                    { vulnerable: true, criteria: 'cpe:2.3:a:apache:log4j:2.0:beta9:*:*:*:*:*:*' },
                  ],
                },
              ],
            },
          ],
        },
      },
    ],
  }
  let db: AdvisoryDb
  beforeAll(async () => {
    const { parseNvdCve } = await import('./feeds/nvd.ts')
    const built = await buildDb(parseNvdCve(nvdRecord).advisories, { sources: [] })
    db = await AdvisoryDb.open(async (n) => built.files.get(n)!)
  })
  const jar = (version: string, ecosystem?: string) => ({
    name: 'log4j-core',
    version,
    type: 'java-archive',
    ...(ecosystem ? { ecosystem } : {}),
    cpes: [`cpe:2.3:a:apache:log4j:${version}:*:*:*:*:*:*:*`],
  })
  it('matches packages without an ecosystem by CPE and version range', async () => {
    const r = await matchInventory({ packages: [jar('2.14.1'), jar('2.15.0'), jar('2.12.1')], warnings: [] }, db, { mode: 'reference' })
    expect(r.findings.map((f) => `${f.package.version} ${f.id} ${f.severity}`)).toEqual(['2.14.1 CVE-2021-44228 CRITICAL'])
  })
  it('leaves packages with a native ecosystem alone unless asked', async () => {
    const inv = { packages: [jar('2.14.1', 'Maven')], warnings: [] }
    expect((await matchInventory(inv, db, { mode: 'reference' })).findings).toEqual([])
    expect((await matchInventory(inv, db, { mode: 'reference', cpe: 'all' })).findings.map((f) => f.id)).toEqual(['CVE-2021-44228'])
    expect((await matchInventory({ packages: [jar('2.14.1')], warnings: [] }, db, { cpe: 'off' })).findings).toEqual([])
  })
})
