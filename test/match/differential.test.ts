import { describe, it, expect, beforeAll } from 'vitest'
import { join } from 'node:path'
import { evaluateOsv, findSchemeForEcosystem, initVersionCore, getVersionBackend, referenceBackend } from '@stowaway/version'
import { AdvisoryDb, buildDb, evaluateEntry, ingestTree, matchInventory } from '@stowaway/match'
import type { Package } from '@stowaway/core'
import { bulkBackend } from './bulk-backend.ts'
import { sharedPath } from '../support/shared.ts'
import { testFs } from './node-fs.ts'

const osv = sharedPath('data/osv')

// The matcher's range evaluation (pre-sorted events, one pass) against the version
// core's OSV evaluator (sorts events itself), on every OSV range stored in the DB built
// from the real records, at every version the entry names and a few around them —
// on both backends.
describe.skipIf(!osv)('matcher range evaluation = version core OSV evaluation on real records', () => {
  let db: AdvisoryDb
  beforeAll(async () => {
    await initVersionCore()
    const { advisories } = await ingestTree(testFs, ['AlmaLinux__osv-database', 'golang__vulndb', 'pypa__advisory-database', 'RConsortium__r-advisory-database', 'github__advisory-database'].map((s) => join(osv!, s)))
    const built = await buildDb(advisories, { sources: [] })
    db = await AdvisoryDb.open(async (n) => built.files.get(n)!)
  }, 120_000)

  it('agrees on every entry', async () => {
    let checked = 0
    const disagreements: string[] = []
    const wasm = getVersionBackend()
    for (const info of db.manifest.shards) {
      const scheme = findSchemeForEcosystem(info.ecosystem)
      if (scheme === undefined) continue
      const shard = (await db.shard(info.key))!
      for (const key of shard.packageNames()) {
        for (const { advisory, affected } of shard.lookup(key)) {
          if (!affected.ranges && !affected.versions) continue
          const probes = new Set<string>(affected.versions ?? [])
          for (const r of affected.ranges ?? []) for (const e of r.events) for (const x of Object.values(e)) if (x !== '0') probes.add(String(x))
          for (const p of [...probes]) {
            probes.add(p + '.1')
            probes.add(p.replace(/\d+$/, (d) => String(Math.max(0, Number(d) - 1))))
          }
          for (const version of probes) {
            const want = evaluateOsv(scheme, version, { ranges: affected.ranges ?? [], versions: affected.versions ?? [] }, referenceBackend).status
            for (const backend of [referenceBackend, wasm]) {
              const got = evaluateEntry(scheme, version, affected, (s, a, b) => backend.compare(s, a, b)).status
              checked++
              if (got !== want && disagreements.length < 20) disagreements.push(`${info.ecosystem} ${advisory.id} ${affected.name} ${version} [${backend.kind}]: ${got} vs ${want}`)
            }
          }
        }
      }
    }
    expect(disagreements).toEqual([])
    expect(checked).toBeGreaterThan(10_000)
  }, 240_000)

  // The whole matcher, bulk WASM path against the TypeScript reference: every package
  // of every shard at every version its entries name and a neighbour of each (seeded
  // sample), as one inventory; findings and warnings must be identical.
  it('bulk matcher = reference matcher over every package of the real shards', async () => {
    let seed = 5
    const rnd = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32)
    const packages: Package[] = []
    for (const info of db.manifest.shards) {
      if (findSchemeForEcosystem(info.ecosystem) === undefined) continue
      const shard = (await db.shard(info.key))!
      for (const key of shard.packageNames()) {
        const probes = new Set<string>()
        for (const { affected } of shard.lookup(key)) {
          for (const v of affected.versions ?? []) probes.add(v)
          for (const r of affected.ranges ?? []) for (const e of r.events) for (const x of Object.values(e)) if (x !== '0') probes.add(String(x))
        }
        const name = shard.lookup(key)[0]!.affected.name
        for (const p of probes) {
          if (rnd() < 0.3) packages.push({ name, version: p, type: 'generic', ecosystem: info.ecosystem })
          if (rnd() < 0.2) packages.push({ name, version: p.replace(/\d+$/, (d) => String(Number(d) + 1)), type: 'generic', ecosystem: info.ecosystem })
        }
      }
    }
    const inv = { packages, warnings: [] }
    const ref = await matchInventory(inv, db, { mode: 'reference' })
    const bulk = await matchInventory(inv, db, { backend: await bulkBackend() })
    expect(packages.length).toBeGreaterThan(5_000)
    expect(ref.findings.length).toBeGreaterThan(1_000)
    expect(bulk.warnings).toEqual(ref.warnings)
    expect(JSON.stringify(bulk.findings)).toBe(JSON.stringify(ref.findings))
  }, 240_000)
})
