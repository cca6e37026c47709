import { describe, it, expect } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Package, Warning } from '@stowaway/core'
import { createFileTree, type FileTree } from '@stowaway/extract'
import { sharedPath } from '../../../../test/support/shared.ts'
import { dpkgCataloger } from './dpkg.ts'
import { parseDebianCopyright } from './dpkg-copyright.ts'
import { treeFromDir, treeOf } from '../testing/tree-from-dir.ts'

async function run(tree: FileTree, distro = { id: 'debian', versionId: '12' }) {
  const warnings: Warning[] = []
  const pkgs = (await dpkgCataloger.catalog({ tree, distro, warn: (w) => warnings.push(w) })) as Package[]
  return { pkgs, warnings, ids: pkgs.map((p) => `${p.name}@${p.version}`) }
}

const scalibr = sharedPath('data/pkgdb/google__osv-scalibr/extractor/filesystem/os/dpkg/testdata/dpkg')
const syft = sharedPath('data/pkgdb/anchore__syft/syft/pkg/cataloger/debian/testdata')

describe.skipIf(!scalibr)('dpkg cataloger: osv-scalibr fixtures (expected.md)', () => {
  const status = (name: string) => treeOf({ 'var/lib/dpkg/status': readFileSync(join(scalibr!, name), 'utf8') })

  it('valid: 7 packages', async () => {
    const r = await run(status('valid'))
    expect(r.ids.sort()).toEqual(['accountsservice@22.08.8-6', 'acl@2.3.1-3', 'adduser@3.131', 'admin-session@2023.06.26.c543406313-00', 'attr@1:2.5.1-4', 'libacl1@2.3.1-3', 'util-linux-extra@2.38.1-5+b1'].sort())
  })

  it('no version / no name: skipped with a warning', async () => {
    for (const f of ['noversion', 'nopackage']) {
      const r = await run(status(f))
      expect(r.ids).toEqual(['foo@1.0', 'bar@2.0'])
      expect(r.warnings.length).toBe(1)
    }
  })

  it('status field: only installed packages', async () => {
    const r = await run(status('statusfield'))
    expect(r.ids.sort()).toEqual(['wantdeinstall_installed@1.0', 'wantinstall_installed@1.0', 'wantpurge_installed@1.0'])
  })

  it('empty, trailing newlines, and garbage', async () => {
    expect((await run(status('empty'))).ids).toEqual([])
    expect((await run(status('trailingnewlines'))).ids).toEqual(['acl@2.3.1-3'])
    const bad = await run(status('invalid'))
    expect(bad.ids).toEqual([])
    expect(bad.warnings.length).toBeGreaterThan(0)
  })
})

describe.skipIf(!syft)('dpkg cataloger: syft fixtures', () => {
  it('distroless status.d: source, arch, licenses, md5sums ignored', async () => {
    const r = await run(treeFromDir(join(syft!, 'image-distroless-deb')))
    expect(r.pkgs).toHaveLength(1)
    const p = r.pkgs[0]!
    expect(p).toMatchObject({ name: 'libsqlite3-0', version: '3.34.1-3', arch: 'arm64', source: { name: 'sqlite3', version: '3.34.1-3' }, ecosystem: 'Debian:12' })
    expect(p.purl).toBe('pkg:deb/debian/libsqlite3-0@3.34.1-3?arch=arm64&distro=debian-12&upstream=sqlite3')
    expect([...p.licenses!].sort()).toEqual(['GPL-2+', 'public-domain'])
    expect(p.locations?.[0]?.path).toBe('var/lib/dpkg/status.d/libsqlite3-0')
  })

  it('copyright files: DEP-5 License fields, common-licenses references otherwise', () => {
    expect(parseDebianCopyright(readFileSync(join(syft!, 'copyright/libc6'), 'utf8')).sort()).toEqual(['GPL-2', 'LGPL-2.1'])
  })
})

describe('dpkg cataloger', () => {
  it('keeps an explicit source version and attributes packages to the layer that added them', async () => {
    const v1 = 'Package: a\nStatus: install ok installed\nVersion: 1\n\nPackage: b\nStatus: install ok installed\nVersion: 1\n'
    const v2 = v1 + '\nPackage: c\nStatus: install ok installed\nVersion: 2+b1\nSource: csrc (2)\n'
    const mk = (t: string, i: number) => {
      const bytes = new TextEncoder().encode(t)
      return { path: 'var/lib/dpkg/status', bytes, size: bytes.length, mode: 0o644, layer: `sha256:l${i}`, layerIndex: i }
    }
    const base = createFileTree([mk(v2, 1)])
    const tree: FileTree = { ...base, history: () => [mk(v1, 0), mk(v2, 1)] }
    const r = await run(tree)
    expect(r.pkgs.map((p) => [p.name, p.locations![0]!.layer])).toEqual([
      ['a', 'sha256:l0'],
      ['b', 'sha256:l0'],
      ['c', 'sha256:l1'],
    ])
    expect(r.pkgs[2]!.source).toEqual({ name: 'csrc', version: '2' })
  })
})
