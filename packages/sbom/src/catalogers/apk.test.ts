import { describe, it, expect } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Package, Warning } from '@stowaway/core'
import type { Distro } from '@stowaway/core'
import { sharedPath } from '../../../../test/support/shared.ts'
import { apkCataloger } from './apk.ts'
import { treeOf } from '../testing/tree-from-dir.ts'

const scalibr = sharedPath('data/pkgdb/google__osv-scalibr/extractor/filesystem/os/apk/testdata')

async function run(file: string, distro?: Distro) {
  const warnings: Warning[] = []
  const tree = treeOf({ 'lib/apk/db/installed': readFileSync(join(scalibr!, file), 'utf8') })
  const pkgs = (await apkCataloger.catalog({ tree, ...(distro ? { distro } : {}), warn: (w) => warnings.push(w) })) as Package[]
  return { pkgs, warnings }
}

describe.skipIf(!scalibr)('apk cataloger: osv-scalibr fixtures (expected.md)', () => {
  it('installed: 15 packages with origins', async () => {
    const { pkgs } = await run('installed', { id: 'alpine', versionId: '3.18.0' })
    expect(pkgs.map((p) => `${p.name}@${p.version} (${p.source?.name})`)).toEqual([
      'alpine-baselayout@3.4.3-r1 (alpine-baselayout)',
      'alpine-baselayout-data@3.4.3-r1 (alpine-baselayout)',
      'alpine-keys@2.4-r1 (alpine-keys)',
      'apk-tools@2.14.0-r0 (apk-tools)',
      'busybox@1.36.0-r9 (busybox)',
      'busybox-binsh@1.36.0-r9 (busybox)',
      'ca-certificates-bundle@20230506-r0 (ca-certificates)',
      'libc-utils@0.7.2-r5 (libc-dev)',
      'libcrypto3@3.1.0-r4 (openssl)',
      'libssl3@3.1.0-r4 (openssl)',
      'musl@1.2.4-r0 (musl)',
      'musl-utils@1.2.4-r0 (musl)',
      'scanelf@1.3.7-r1 (pax-utils)',
      'ssl_client@1.36.0-r9 (busybox)',
      'zlib@1.2.13-r1 (zlib)',
    ])
    const libssl = pkgs.find((p) => p.name === 'libssl3')!
    expect(libssl).toMatchObject({ ecosystem: 'Alpine:v3.18', arch: 'x86_64' })
    expect(libssl.purl).toBe('pkg:apk/alpine/libssl3@3.1.0-r4?arch=x86_64&distro=alpine-3.18.0&upstream=openssl')
    expect(libssl.cpes).toContain('cpe:2.3:a:openssl:openssl:3.1.0:*:*:*:*:*:*:*')
  })

  it('no origin, different arch, empty', async () => {
    const noOrigin = await run('no-origin')
    expect(noOrigin.pkgs.map((p) => [p.name, p.version, p.source])).toEqual([['pkgname', '1.2.3', undefined]])
    expect((await run('different-arch')).pkgs[0]!.arch).toBe('noarch')
    expect((await run('empty')).pkgs).toEqual([])
  })

  it('garbage: no packages, a warning', async () => {
    const r = await run('invalid')
    expect(r.pkgs).toEqual([])
    expect(r.warnings.length).toBeGreaterThan(0)
  })
})

describe('apk cataloger: layers', () => {
  it('attributes each package to the layer that added it, an upgrade to the upgrading layer', async () => {
    const { createFileTree } = await import('@stowaway/extract')
    const v1 = 'P:musl\nV:1.2.4-r0\no:musl\n\nP:zlib\nV:1.3-r0\n'
    const v2 = 'P:musl\nV:1.2.4-r0\no:musl\n\nP:zlib\nV:1.3.1-r0\n\nP:curl\nV:8.5.0-r0\n'
    const mk = (t: string, i: number) => {
      const bytes = new TextEncoder().encode(t)
      return { path: 'lib/apk/db/installed', bytes, size: bytes.length, mode: 0o644, layer: `sha256:l${i}`, layerIndex: i }
    }
    const tree = { ...createFileTree([mk(v2, 1)]), history: () => [mk(v1, 0), mk(v2, 1)] }
    const pkgs = (await apkCataloger.catalog({ tree, distro: { id: 'alpine', versionId: '3.19.1' }, warn: () => {} })) as Package[]
    expect(pkgs.map((p) => [p.name, p.version, p.locations![0]!.layer])).toEqual([
      ['musl', '1.2.4-r0', 'sha256:l0'],
      ['zlib', '1.3.1-r0', 'sha256:l1'],
      ['curl', '8.5.0-r0', 'sha256:l1'],
    ])
  })
})
