import { describe, it, expect, beforeAll } from 'vitest'
import { ingestTree, buildDb } from '@stowaway/match'
import type { IngestResult } from '@stowaway/match'
import { sharedPath } from '../support/shared.ts'
import { testFs } from './node-fs.ts'

const root = sharedPath('data/osv')

// Reasons that name what a skipped file or record is. Anything else (an "unknown
// shape", an "unreadable" file) is an unexplained reject.
const UNEXPLAINED = /unknown shape|unknown text format|unreadable|XML document of an unknown/

describe.skipIf(!root)('every shared advisory source ingests', () => {
  let r: IngestResult
  beforeAll(async () => {
    r = await ingestTree(testFs, [root!])
  }, 120_000)

  it('leaves no unexplained rejects', () => {
    const bad = r.sources.flatMap((s) => Object.entries(s.skipped).filter(([reason]) => UNEXPLAINED.test(reason)).map(([reason, n]) => `${s.source}: ${n} × ${reason}`))
    expect(bad).toEqual([])
  })

  const count = (source: string) => r.sources.find((s) => s.source === source)!
  const skipped = (source: string, reason: string) => count(source).skipped[reason] ?? 0

  // Record counts from ../shared/data/MANIFEST.md: every record is ingested or skipped as withdrawn.
  it('accounts for every OSV record of the big OSV sources', () => {
    expect(count('golang__vulndb').advisories + skipped('golang__vulndb', 'withdrawn')).toBe(4291)
    expect(count('pypa__advisory-database').advisories + skipped('pypa__advisory-database', 'withdrawn')).toBe(2661)
    expect(count('AlmaLinux__osv-database').advisories).toBe(5680)
    expect(count('RConsortium__r-advisory-database').advisories).toBe(14)
  })
  it('accounts for every native-format record', () => {
    expect(count('rustsec__advisory-db').advisories + skipped('rustsec__advisory-db', 'withdrawn')).toBe(1225)
    expect(count('rubysec__ruby-advisory-db').advisories).toBe(1234)
    expect(skipped('rubysec__ruby-advisory-db', 'Ruby interpreter advisory (engine, no OSV ecosystem)')).toBe(147)
    expect(count('FriendsOfPHP__security-advisories').advisories).toBe(1592)
    const dsa = count('CVEDB__security-tracker')
    expect(dsa.advisories + skipped('CVEDB__security-tracker', 'advisory without package lines for a known release (notice, end-of-life or old release)')).toBe(5406 + 3534)
    expect(count('alpinelinux__alpine-secdb').formats['alpine-secdb']).toBe(18)
  })
  it('builds a DB at most 1/8 of the source JSON size', async () => {
    const db = await buildDb(r.advisories, { sources: [] })
    let bytes = 0
    for (const b of db.files.values()) bytes += b.length
    // 48 MB is the size of the *.json files alone under data/osv (YAML and Markdown not counted).
    expect(bytes).toBeLessThan(48_259_238 / 8)
    expect(db.manifest.shards.map((s) => s.key)).toEqual(expect.arrayContaining(['go', 'pypi', 'almalinux:8', 'alpine:v3.9', 'debian:11', 'crates.io', 'rubygems', 'packagist', 'npm', 'cran']))
  }, 120_000)
})
