import { describe, it, expect } from 'vitest'
import type { Package } from '@stowaway/core'
import { catalogFiles, catalogRequest } from './catalog-files.ts'
import { dpkgCataloger } from './catalogers/dpkg.ts'
import type { Cataloger } from './cataloger.ts'
import { treeOf } from './testing/tree-from-dir.ts'

describe('catalogFiles', () => {
  it('a throwing cataloger becomes a warning and the others still run', async () => {
    const boom: Cataloger = { name: 'boom', patterns: [], catalog: () => { throw new Error('bad') } }
    const tree = treeOf({ 'var/lib/dpkg/status': 'Package: a\nStatus: install ok installed\nVersion: 1\n', 'etc/os-release': 'ID=debian\nVERSION_ID=12\n' })
    const inv = await catalogFiles(tree, { catalogers: [boom, dpkgCataloger] })
    expect(inv.packages.map((p: Package) => `${p.name}@${p.version}@${p.ecosystem}`)).toEqual(['a@1@Debian:12'])
    expect(inv.warnings).toEqual([expect.objectContaining({ message: 'Cannot run cataloger "boom": bad' })])
  })

  it('a dpkg status full of garbage gives a bounded number of warnings', async () => {
    const junk = Array.from({ length: 5000 }, (_, i) => `garbage line ${i}\n`).join('\n')
    const inv = await catalogFiles(treeOf({ 'var/lib/dpkg/status': junk }), { catalogers: [dpkgCataloger] })
    expect(inv.packages).toEqual([])
    expect(inv.warnings).toHaveLength(101)
    expect(inv.warnings[100]).toMatchObject({ code: 'LIMIT_EXCEEDED' })
  })

  it('the extract request joins OS detection with every cataloger', () => {
    const r = catalogRequest([dpkgCataloger])
    expect(r.patterns).toEqual(expect.arrayContaining(['etc/os-release', 'usr/lib/os-release', 'var/lib/dpkg/status', 'var/lib/dpkg/status.d/*']))
    expect(r.historyPatterns).toEqual(['var/lib/dpkg/status'])
  })
})
