import { describe, it, expect } from 'vitest'
import { detectDistro, parseOsRelease, parseRedhatRelease } from './distro.ts'
import { distroQualifier, osEcosystem } from './os-ecosystem.ts'
import { treeOf } from './testing/tree-from-dir.ts'

describe('detectDistro', () => {
  it('reads os-release with quotes and comments', () => {
    const kv = parseOsRelease('# c\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\nNAME=\'x y\'\n')
    expect(kv).toEqual({ PRETTY_NAME: 'Debian GNU/Linux 12 (bookworm)', ID: 'debian', VERSION_ID: '12', NAME: 'x y' })
  })

  it('prefers /etc/os-release, then /usr/lib/os-release', () => {
    expect(detectDistro(treeOf({ 'usr/lib/os-release': 'ID=ubuntu\nVERSION_ID="22.04"\nVERSION_CODENAME=jammy\nID_LIKE=debian\n' }))).toEqual({
      id: 'ubuntu',
      versionId: '22.04',
      codename: 'jammy',
      idLike: ['debian'],
    })
  })

  it('falls back to alpine-release and debian_version', () => {
    expect(detectDistro(treeOf({ 'etc/alpine-release': '3.9.4\n' }))).toEqual({ id: 'alpine', versionId: '3.9.4' })
    expect(detectDistro(treeOf({ 'etc/debian_version': '12.15\n' }))).toEqual({ id: 'debian', versionId: '12' })
    expect(detectDistro(treeOf({ 'etc/os-release': 'ID=debian\nVERSION_CODENAME=trixie\n', 'etc/debian_version': 'trixie/sid\n' }))).toEqual({ id: 'debian', codename: 'trixie' })
  })

  it('reads redhat-release lines', () => {
    expect(parseRedhatRelease('CentOS Linux release 7.9.2009 (Core)\n')).toMatchObject({ id: 'centos', versionId: '7.9.2009' })
    expect(detectDistro(treeOf({ 'etc/redhat-release': 'Red Hat Enterprise Linux release 8.9 (Ootpa)\n' }))).toMatchObject({ id: 'rhel', versionId: '8.9' })
  })

  it('treats a distroless dpkg status.d as Debian', () => {
    expect(detectDistro(treeOf({ 'var/lib/dpkg/status.d/base': 'Package: base-files\nVersion: 12.4\n' }))).toEqual({ id: 'debian' })
    expect(detectDistro(treeOf({}))).toBeUndefined()
  })
})

describe('osEcosystem', () => {
  it('names OSV ecosystems with releases', () => {
    expect(osEcosystem({ id: 'debian', versionId: '12' })).toBe('Debian:12')
    expect(osEcosystem({ id: 'debian', versionId: '11.9' })).toBe('Debian:11')
    expect(osEcosystem({ id: 'alpine', versionId: '3.19.1' })).toBe('Alpine:v3.19')
    expect(osEcosystem({ id: 'ubuntu', versionId: '22.04' })).toBe('Ubuntu:22.04:LTS')
    expect(osEcosystem({ id: 'ubuntu', versionId: '23.10' })).toBe('Ubuntu:23.10')
    expect(osEcosystem({ id: 'plan9' })).toBeUndefined()
    expect(distroQualifier({ id: 'alpine', versionId: '3.19.1' })).toBe('alpine-3.19.1')
  })
})
