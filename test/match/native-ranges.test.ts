import { describe, it, expect, beforeAll } from 'vitest'
import { join } from 'node:path'
import { findSchemeForEcosystem, rangeParserFor } from '@stowaway/version'
import { ingestTree } from '@stowaway/match'
import type { Advisory } from '@stowaway/match'
import { sharedPath } from '../support/shared.ts'
import { testFs } from './node-fs.ts'

const osv = sharedPath('data/osv')

// Every native-syntax range the non-OSV feeds carry (RubyGems requirements, Composer
// constraints, node-semver ranges, Cargo requirements translated to node-semver) must
// parse with the version core's parser for its scheme; an unparsable one would make its
// entries not evaluable at match time.
describe.skipIf(!osv)('native ranges of the shared feeds parse', () => {
  let advisories: Advisory[]
  beforeAll(async () => {
    advisories = (await ingestTree(testFs, ['rubysec__ruby-advisory-db', 'FriendsOfPHP__security-advisories', 'nodejs__security-wg', 'rustsec__advisory-db'].map((s) => join(osv!, s)))).advisories
  }, 120_000)

  it('with no failures', () => {
    const bad: string[] = []
    let n = 0
    for (const a of advisories) {
      for (const e of a.affected) {
        const scheme = findSchemeForEcosystem(e.ecosystem)!
        for (const x of [...(e.native ?? []), ...(e.nativeUnaffected ?? [])]) {
          n++
          try {
            rangeParserFor(scheme)(x)
          } catch (err) {
            if (bad.length < 10) bad.push(`${a.id} ${e.ecosystem} "${x}": ${(err as Error).message}`)
          }
        }
      }
    }
    expect(bad).toEqual([])
    expect(n).toBeGreaterThan(5000)
  })
})
