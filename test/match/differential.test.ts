import { describe, it, expect, beforeAll } from 'vitest'
import { join } from 'node:path'
import { evaluateOsv, findSchemeForEcosystem, initVersionCore, getVersionBackend, referenceBackend } from '@stowaway/version'
import { AdvisoryDb, buildDb, evaluateEntry, ingestTree } from '@stowaway/match'
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
})
