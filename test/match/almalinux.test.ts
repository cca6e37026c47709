import { describe, it, expect, beforeAll } from 'vitest'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Inventory } from '@stowaway/core'
import { evaluateOsv, initVersionCore, referenceBackend, Scheme } from '@stowaway/version'
import { AdvisoryDb, buildDb, ingestTree } from '@stowaway/match'
import { sharedPath } from '../support/shared.ts'
import { testFs } from './node-fs.ts'
import { matchEveryWay } from './bulk-backend.ts'

const dir = sharedPath('data/osv/AlmaLinux__osv-database/advisories/almalinux8')

// rpm packages as an SBOM tool writes them for an AlmaLinux 8.5 host: name, V-R, the
// epoch in its own purl qualifier, the source rpm in `upstream=`. Installed versions are
// releases AlmaLinux actually shipped (the fixed versions its own errata name for the
// openssl family); the expected findings come from evaluating every AlmaLinux:8 record
// that names the package with the version core's OSV evaluator.
describe.skipIf(!dir)('AlmaLinux rpm purls against AlmaLinux OSV', () => {
  let db: AdvisoryDb
  const records: { id: string; affected: { package: { name: string; ecosystem: string }; ranges?: never[] }[] }[] = []
  beforeAll(async () => {
    await initVersionCore()
    const { advisories } = await ingestTree(testFs, [dir!])
    const built = await buildDb(advisories, { sources: [] })
    db = await AdvisoryDb.open(async (n) => built.files.get(n)!)
    for (const f of readdirSync(dir!)) if (f.endsWith('.json')) records.push(JSON.parse(readFileSync(join(dir!, f), 'utf8')))
  }, 120_000)

  it('joins epoch= and upstream= and finds what the records say', async () => {
    const shipped = new Set<string>()
    for (const r of records) for (const a of r.affected) if (/^openssl(-libs)?$/.test(a.package.name)) for (const rg of a.ranges ?? []) for (const e of (rg as { events: { fixed?: string }[] }).events) if (e.fixed) shipped.add(`${a.package.name}@${e.fixed}`)
    expect(shipped.size).toBeGreaterThan(3)
    const inv: Inventory = {
      packages: [...shipped].map((s) => {
        const [name, evr] = s.split('@') as [string, string]
        const [epoch, vr] = evr.includes(':') ? evr.split(':') : ['0', evr]
        return { name, version: '', type: 'rpm', purl: `pkg:rpm/almalinux/${name}@${vr}?arch=x86_64&epoch=${epoch}&upstream=openssl-${vr}.src.rpm&distro=almalinux-8.5` }
      }),
      warnings: [],
    }
    const expected = new Set<string>()
    for (const p of inv.packages) {
      const m = /@([^?]+)\?.*epoch=(\d+)/.exec(p.purl!)!
      const version = m[2] === '0' ? m[1]! : `${m[2]}:${m[1]}`
      for (const r of records) {
        for (const a of r.affected) {
          if (a.package.ecosystem !== 'AlmaLinux:8' || (a.package.name !== p.name && a.package.name !== 'openssl')) continue
          if (evaluateOsv(Scheme.Rpm, version, { ranges: a.ranges ?? [] }, referenceBackend).status === 'affected') expected.add(`${p.name}@${version}|${r.id}`)
        }
      }
    }
    const ref = await matchEveryWay(inv, db)
    const got = new Set<string>()
    for (const f of ref.findings) {
      const m = /@([^?]+)\?.*epoch=(\d+)/.exec(f.package.purl!)!
      got.add(`${f.package.name}@${m[2] === '0' ? m[1] : `${m[2]}:${m[1]}`}|${f.id}`)
    }
    expect([...got].sort()).toEqual([...expected].sort())
    expect(expected.size).toBeGreaterThan(3)
  }, 120_000)
})
