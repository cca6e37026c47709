// The native distro feeds and the SBOM stage must name a release the same way, or a
// package never meets its advisories. For each distro: the ecosystem the SBOM stage gives
// an OS package (osEcosystem / rpmEcosystem, or none, then the matcher's fallback to the
// inventory's distro), the one a syft-style purl gives, and the one the feed writes must
// fall in one shard key. os-release IDs and VERSION_IDs are the distros' own.
import { describe, it, expect } from 'vitest'
import type { Distro, Package } from '@stowaway/core'
import { osEcosystem, rpmEcosystem } from '@stowaway/sbom'
import { ecosystemKey, purlToTarget, targetOf, ubuntuEcosystem } from '@stowaway/match'

const rows: { distro: Distro; type: 'deb' | 'rpm'; feed: string; via: string }[] = [
  { distro: { id: 'ubuntu', versionId: '22.04' }, type: 'deb', feed: ubuntuEcosystem('jammy')!, via: 'Ubuntu CVE tracker' },
  { distro: { id: 'ubuntu', versionId: '23.10' }, type: 'deb', feed: ubuntuEcosystem('mantic')!, via: 'Ubuntu CVE tracker' },
  { distro: { id: 'amzn', versionId: '2' }, type: 'rpm', feed: 'Amazon Linux:2', via: 'ALAS2-' },
  { distro: { id: 'amzn', versionId: '2023' }, type: 'rpm', feed: 'Amazon Linux:2023', via: 'ALAS2023-' },
  { distro: { id: 'amzn', versionId: '2018.03' }, type: 'rpm', feed: 'Amazon Linux:1', via: 'ALAS-' },
  { distro: { id: 'rocky', versionId: '8.5' }, type: 'rpm', feed: 'Rocky Linux:8', via: 'Rocky errata' },
  { distro: { id: 'almalinux', versionId: '8.5' }, type: 'rpm', feed: 'AlmaLinux:8', via: 'AlmaLinux errata' },
  { distro: { id: 'ol', versionId: '8.6' }, type: 'rpm', feed: 'Oracle Linux:8', via: 'Oracle OVAL' },
  { distro: { id: 'rhel', versionId: '8.6' }, type: 'rpm', feed: 'Red Hat:8', via: 'Red Hat OVAL / CVE list' },
  { distro: { id: 'fedora', versionId: '40' }, type: 'rpm', feed: 'Fedora:40', via: 'Bodhi' },
  { distro: { id: 'photon', versionId: '4.0' }, type: 'rpm', feed: 'Photon OS:4.0', via: 'Photon CVE list' },
  { distro: { id: 'sles', versionId: '15.1' }, type: 'rpm', feed: 'SUSE:15.1', via: 'SUSE CVRF' },
  { distro: { id: 'opensuse-leap', versionId: '15.5' }, type: 'rpm', feed: 'openSUSE:15.5', via: 'SUSE CVRF' },
]

describe('distro feeds and the SBOM stage agree on release keys', () => {
  it.each(rows)('$distro.id $distro.versionId ($via)', ({ distro, type, feed }) => {
    const sbomEcosystem = type === 'deb' ? osEcosystem(distro) : rpmEcosystem(distro)
    const pkg: Package = { name: 'x', version: '1-1', type, ...(sbomEcosystem ? { ecosystem: sbomEcosystem } : {}) }
    const fromSbom = targetOf(pkg, { packages: [], distro, warnings: [] })?.ecosystem
    expect(fromSbom && ecosystemKey(fromSbom)).toBe(ecosystemKey(feed))
    const fromPurl = purlToTarget(`pkg:${type}/${distro.id}/x@1-1?distro=${distro.id}-${distro.versionId}`)?.ecosystem
    expect(fromPurl && ecosystemKey(fromPurl)).toBe(ecosystemKey(feed))
  })

  it('keeps Ubuntu Pro (ESM) apart from the plain release, as OSV does', () => {
    expect(ubuntuEcosystem('esm-infra/xenial')).toBe('Ubuntu:Pro:16.04:LTS')
    expect(ecosystemKey(ubuntuEcosystem('esm-infra/xenial')!)).not.toBe(ecosystemKey(ubuntuEcosystem('xenial')!))
    expect(ubuntuEcosystem('upstream')).toBeUndefined()
  })
})
