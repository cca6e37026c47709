import { describe, it, expect, beforeAll } from 'vitest'
import { join } from 'node:path'
import type { Package } from '@stowaway/core'
import { initVersionCore } from '@stowaway/version'
import { AdvisoryDb, buildDb, ingestTree, matchInventory } from '@stowaway/match'
import { sharedPath } from '../support/shared.ts'
import { testFs } from './node-fs.ts'
import { bulkBackend } from './bulk-backend.ts'

const osv = sharedPath('data/osv')

// Native-range feeds on the advisories' own prose: "Rack before 1.1.3, 1.2.x before
// 1.2.5, and 1.3.x before 1.3.6" (CVE-2011-5036), "all versions of Hyper prior to 0.9.4"
// (RUSTSEC-2016-0002), twig "1.x before 1.12.3" (FriendsOfPHP 2013-04-08), bassmaster
// "<= 1.5.1" (nodejs-wg 1).
describe.skipIf(!osv)('native-range advisories decide as their text says', () => {
  let db: AdvisoryDb
  beforeAll(async () => {
    await initVersionCore()
    const files = [
      'rubysec__ruby-advisory-db/gems/rack/CVE-2011-5036.yml',
      'rustsec__advisory-db/crates/hyper/RUSTSEC-2016-0002.md',
      'FriendsOfPHP__security-advisories/twig/twig/2013-04-08.yaml',
      'nodejs__security-wg/vuln/npm/1.json',
    ].map((f) => join(osv!, f))
    const { advisories, sources } = await ingestTree(testFs, files)
    expect(sources.every((s) => s.advisories === 1)).toBe(true)
    db = await (async () => {
      const built = await buildDb(advisories, { sources: [] })
      return AdvisoryDb.open(async (n) => built.files.get(n)!)
    })()
  }, 60_000)

  const cases: [Package, boolean][] = [
    [{ name: 'rack', version: '1.1.2', type: 'gem', ecosystem: 'RubyGems' }, true],
    [{ name: 'rack', version: '1.1.3', type: 'gem', ecosystem: 'RubyGems' }, false],
    [{ name: 'rack', version: '1.2.4', type: 'gem', ecosystem: 'RubyGems' }, true],
    [{ name: 'rack', version: '1.2.5', type: 'gem', ecosystem: 'RubyGems' }, false],
    [{ name: 'rack', version: '1.3.5', type: 'gem', ecosystem: 'RubyGems' }, true],
    [{ name: 'rack', version: '1.4.0', type: 'gem', ecosystem: 'RubyGems' }, false],
    [{ name: 'hyper', version: '0.9.3', type: 'cargo', ecosystem: 'crates.io' }, true],
    [{ name: 'hyper', version: '0.9.4', type: 'cargo', ecosystem: 'crates.io' }, false],
    [{ name: 'hyper', version: '0.14.0', type: 'cargo', ecosystem: 'crates.io' }, false],
    [{ name: 'twig/twig', version: '1.12.2', type: 'composer', ecosystem: 'Packagist' }, true],
    [{ name: 'twig/twig', version: '1.12.3', type: 'composer', ecosystem: 'Packagist' }, false],
    [{ name: 'bassmaster', version: '1.5.1', type: 'npm', ecosystem: 'npm' }, true],
    [{ name: 'bassmaster', version: '1.5.2', type: 'npm', ecosystem: 'npm' }, false],
  ]
  for (const mode of ['reference', 'batched', 'bulk'] as const) {
    it(`${mode} matcher`, async () => {
      for (const [pkg, affected] of cases) {
        const r = await matchInventory({ packages: [pkg], warnings: [] }, db, mode === 'bulk' ? { backend: await bulkBackend() } : { mode })
        expect(r.warnings, `${pkg.name} ${pkg.version}`).toEqual([])
        expect(r.findings.length > 0, `${pkg.name} ${pkg.version}`).toBe(affected)
      }
    })
  }
})
