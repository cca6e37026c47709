import { describe, it, expect, beforeAll } from 'vitest'
import type { Inventory, Package } from '@stowaway/core'
import { isStowawayError } from '@stowaway/core'
import { referenceBackend } from '@stowaway/version'
import type { VersionBackend } from '@stowaway/version'
import { bulkBackend } from '../../../test/match/bulk-backend.ts'
import type { Advisory, AffectedPackage } from './advisory.ts'
import { AdvisoryDb, buildDb, decodeShardFile } from './db.ts'
import { matchInventory } from './match.ts'
import { MatchBatch, matchCoreOf, regionIn } from './wasm-matcher.ts'
import { Shard, encodeShardBody } from './db-shard.ts'
import { Scheme } from '@stowaway/version'

const adv = (id: string, affected: AffectedPackage[], aliases: string[] = []): Advisory => ({ id, aliases, severities: [], references: [`https://example.test/${id}`], summary: `${id} summary`, affected })
const eco = (ecosystem: string, name: string, ranges: AffectedPackage['ranges'], extra: Partial<AffectedPackage> = {}): AffectedPackage => ({ ecosystem, name, ...(ranges ? { ranges } : {}), ...extra })
const R = (type: string, ...events: Record<string, string>[]) => ({ type, events })

// Each record exercises one rule of OSV range evaluation or of the matcher's entry
// handling; the expected ids per package follow from the OSV schema, not from a run.
const advisories: Advisory[] = [
  adv('PYSEC-FIXED', [eco('PyPI', 'req', [R('ECOSYSTEM', { introduced: '0' }, { fixed: '2.0' })])]),
  adv('PYSEC-LAST', [eco('PyPI', 'req', [R('ECOSYSTEM', { introduced: '1.0' }, { last_affected: '1.4' })])]),
  adv('PYSEC-LIMIT', [eco('PyPI', 'lim', [R('ECOSYSTEM', { introduced: '0' }, { limit: '3.0' })])]),
  adv('PYSEC-STAR', [eco('PyPI', 'lim', [R('ECOSYSTEM', { introduced: '2.5' }, { limit: '*' })])]),
  adv('PYSEC-LISTED', [eco('PyPI', 'listed', undefined, { versions: ['0.9', '1.1'] })]),
  adv('PYSEC-NOTHING', [eco('PyPI', 'nothing', undefined, { fixed: ['2'] })]),
  adv('PYSEC-BADRANGE', [eco('PyPI', 'badrange', [R('ECOSYSTEM', { introduced: 'not a version!' })])]),
  adv('PYSEC-NATIVE', [eco('PyPI', 'native', undefined, { native: ['<2'] })]),
  // One advisory naming one package twice: the second entry is not looked at.
  adv('PYSEC-TWICE', [eco('PyPI', 'twice', [R('ECOSYSTEM', { introduced: '0' }, { fixed: '1.0' })]), eco('PyPI', 'twice', [R('ECOSYSTEM', { introduced: '0' }, { fixed: '9.0' })])]),
  // Two advisories that alias each other merge into one finding.
  adv('GHSA-aaaa-bbbb-cccc', [eco('PyPI', 'merge', [R('ECOSYSTEM', { introduced: '0' }, { fixed: '5' })])], ['PYSEC-MERGE']),
  adv('PYSEC-MERGE', [eco('PyPI', 'merge', [R('ECOSYSTEM', { introduced: '0' }, { fixed: '5' })])], ['GHSA-aaaa-bbbb-cccc']),
  adv('GHSA-semv-erxx-xxxx', [eco('npm', 'left-pad', [R('SEMVER', { introduced: 'v1.0.0' }, { fixed: 'v1.2.0' })])]),
  adv('GHSA-comp-oser-xxxx', [eco('Packagist', 'vendor/pkg', [R('ECOSYSTEM', { introduced: '0' }, { fixed: '1.2.3' })])]),
  adv('DSA-1-1', [eco('Debian:11', 'openssl', [R('ECOSYSTEM', { introduced: '0' }, { fixed: '1.1.1n-0+deb11u2' })])]),
]

const pkg = (name: string, version: string, ecosystem: string, extra: Partial<Package> = {}): Package => ({ name, version, type: 'generic', ecosystem, ...extra })

const inv: Inventory = {
  packages: [
    pkg('req', '1.5', 'PyPI'), // FIXED (1.5 < 2.0), LAST (1.0 <= 1.5 but 1.5 > 1.4: no)
    pkg('req', '1.4', 'PyPI'), // FIXED, LAST
    pkg('req', '2.0', 'PyPI'), // none: fixed is exclusive
    pkg('lim', '2.9', 'PyPI'), // LIMIT (below 3.0), STAR (>= 2.5, limit * bounds nothing)
    pkg('lim', '3.0', 'PyPI'), // STAR only
    pkg('listed', '1.1', 'PyPI'), // LISTED
    pkg('listed', '1.0', 'PyPI'), // none
    pkg('nothing', '1', 'PyPI'), // warning: nothing to evaluate
    pkg('badrange', '1', 'PyPI'), // warning: range invalid
    pkg('req', 'not a version!', 'PyPI'), // warnings: installed version invalid
    pkg('native', '1.9', 'PyPI'), // NATIVE (JS-evaluated)
    pkg('native', '2.0', 'PyPI'),
    pkg('twice', '2.0', 'PyPI'), // none: the 9.0 entry is a repeat of the advisory's first
    pkg('Merge', '4', 'PyPI'), // one merged finding (name normalised per PEP 503)
    pkg('left-pad', 'v1.1.0', 'npm'), // SEMVER with a leading v on both sides
    pkg('left-pad', '1.2.0', 'npm'),
    pkg('vendor/pkg', '1.2.2', 'Packagist'), // no sort keys for Composer: strings compared in WASM
    pkg('libssl1.1', '1.1.1n-0+deb11u1', 'Debian:11', { type: 'deb', source: { name: 'openssl' } }), // via its source name
    pkg('absent', '1.0', 'PyPI'),
  ],
  warnings: [],
}

const expected: Record<string, string[]> = {
  'req 1.5': ['PYSEC-FIXED'],
  'req 1.4': ['PYSEC-FIXED', 'PYSEC-LAST'],
  'lim 2.9': ['PYSEC-LIMIT', 'PYSEC-STAR'],
  'lim 3.0': ['PYSEC-STAR'],
  'listed 1.1': ['PYSEC-LISTED'],
  'native 1.9': ['PYSEC-NATIVE'],
  'Merge 4': ['GHSA-aaaa-bbbb-cccc'],
  'left-pad v1.1.0': ['GHSA-semv-erxx-xxxx'],
  'vendor/pkg 1.2.2': ['GHSA-comp-oser-xxxx'],
  'libssl1.1 1.1.1n-0+deb11u1': ['DSA-1-1'],
}

describe('bulk WASM matcher', () => {
  let db: AdvisoryDb
  let backend: VersionBackend
  beforeAll(async () => {
    const built = await buildDb(advisories, { sources: [] })
    db = await AdvisoryDb.open(async (n) => built.files.get(n)!)
    backend = await bulkBackend()
  })

  it('is taken only for a backend with a bulk core', () => {
    expect(matchCoreOf(referenceBackend)).toBeUndefined()
    expect(matchCoreOf(backend)).toBeDefined()
  })

  it('finds what the OSV rules say, with the reference matcher’s findings and warnings', async () => {
    const bulk = await matchInventory(inv, db, { backend })
    const got: Record<string, string[]> = {}
    for (const f of bulk.findings) (got[`${f.package.name} ${f.package.version}`] ??= []).push(f.id)
    expect(got).toEqual(expected)
    const merged = bulk.findings.find((f) => f.package.name === 'Merge')!
    expect(merged.aliases).toEqual(['PYSEC-MERGE'])
    expect(bulk.findings.find((f) => f.id === 'PYSEC-LISTED')!.ranges).toEqual(['=1.1'])
    expect(bulk.findings.find((f) => f.id === 'GHSA-semv-erxx-xxxx')!.ranges).toEqual(['>=v1.0.0 <v1.2.0'])
    const warnings = bulk.warnings.map((w) => w.message)
    expect(warnings).toContain('Cannot evaluate "PYSEC-NOTHING" for nothing 1: entry has nothing to evaluate')
    expect(warnings).toContain('Cannot evaluate "PYSEC-BADRANGE" for badrange 1: a range or the installed version is invalid for the scheme')
    expect(warnings).toContain('Cannot evaluate "PYSEC-FIXED" for req not a version!: installed version "not a version!" is invalid for the scheme')
    const ref = await matchInventory(inv, db, { mode: 'reference' })
    expect(bulk.findings).toEqual(ref.findings)
    expect(bulk.warnings).toEqual(ref.warnings)
    expect(JSON.stringify(bulk.findings)).toBe(JSON.stringify(ref.findings))
  })

  it('orders packages that share a name and version as the reference does (pooled findings, merges, two keys)', async () => {
    // The same name and version several times over: as plain packages, as a package whose
    // findings merge, with a CPE-free second key (a Debian binary under its source), and
    // interleaved with other packages so each group is pooled from places far apart.
    const dup: Inventory = {
      packages: [
        pkg('req', '1.4', 'PyPI'),
        pkg('Merge', '4', 'PyPI'),
        pkg('libssl1.1', '1.1.1n-0+deb11u1', 'Debian:11', { type: 'deb', source: { name: 'openssl' } }),
        pkg('lim', '2.9', 'PyPI'),
        pkg('req', '1.4', 'PyPI', { locations: [{ path: 'a', layer: 'sha256:aa' }] }),
        pkg('Merge', '4', 'PyPI'),
        pkg('native', '1.9', 'PyPI'),
        pkg('libssl1.1', '1.1.1n-0+deb11u1', 'Debian:11', { type: 'deb', source: { name: 'openssl' } }),
        pkg('req', '1.4', 'PyPI'),
        pkg('native', '1.9', 'PyPI'),
        pkg('openssl', '1.1.1n-0+deb11u1', 'Debian:11', { type: 'deb' }),
      ],
      warnings: [],
    }
    const bulk = await matchInventory(dup, db, { backend })
    const ref = await matchInventory(dup, db, { mode: 'reference' })
    expect(bulk.findings.map((f) => `${f.package.name} ${f.id} ${f.layer ?? ''}`)).toEqual(ref.findings.map((f) => `${f.package.name} ${f.id} ${f.layer ?? ''}`))
    expect(JSON.stringify(bulk.findings)).toBe(JSON.stringify(ref.findings))
    // Three req 1.4 packages, two findings each, interleaved by id: FIXED ×3 then LAST ×3.
    expect(bulk.findings.filter((f) => f.package.name === 'req').map((f) => f.id)).toEqual(['PYSEC-FIXED', 'PYSEC-FIXED', 'PYSEC-FIXED', 'PYSEC-LAST', 'PYSEC-LAST', 'PYSEC-LAST'])
    // Within one id the inventory order holds: the located package second.
    expect(bulk.findings.filter((f) => f.package.name === 'req').map((f) => f.layer ?? '-')).toEqual(['-', 'sha256:aa', '-', '-', 'sha256:aa', '-'])
  })

  it('copies a shard into WASM memory once', async () => {
    const core = matchCoreOf(backend)!
    const shard = (await db.shard('PyPI'))!
    const before = core.memory.buffer.byteLength
    const p = regionIn(core, shard)
    expect(regionIn(core, shard)).toBe(p)
    expect(core.memory.buffer.byteLength).toBe(before)
    expect(Array.from(new Uint8Array(core.memory.buffer, p, shard.region.length))).toEqual(Array.from(shard.region))
  })

  it('damaged regions that still load are walked without a trap or a hang', () => {
    const core = matchCoreOf(backend)!
    const body = encodeShardBody('pypi', advisories.filter((a) => a.affected[0]!.ecosystem === 'PyPI'))
    const at = new DataView(body.buffer).getUint32(0, true)
    let seed = 11
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32)
    let walked = 0
    for (let i = 0; i < 3000; i++) {
      const b = body.slice()
      for (let k = 0; k < 2; k++) b[at + Math.floor(rnd() * (b.length - at))] = rnd() < 0.5 ? 0xff : Math.floor(rnd() * 256)
      let shard: Shard
      try {
        shard = new Shard('pypi', b)
      } catch (e) {
        expect(isStowawayError(e, 'DB_INVALID'), String(e)).toBe(true)
        continue
      }
      const batch = new MatchBatch(core)
      for (const name of ['req', 'lim', 'listed', 'merge', 'absent']) batch.add(shard, Scheme.Pep440, name, '1.4')
      batch.run()
      walked++
    }
    expect(walked).toBeGreaterThan(100)
  })

  it('ignores stored keys built with another key layout (strings compared instead)', () => {
    const core = matchCoreOf(backend)!
    const body = encodeShardBody('pypi', advisories.filter((a) => a.affected[0]!.ecosystem === 'PyPI'))
    const dv = new DataView(body.buffer)
    const at = dv.getUint32(0, true)
    const keysAt = at + dv.getUint32(at + 16 * 4, true)
    const keysLength = dv.getUint32(at + 17 * 4, true)
    expect(keysLength).toBeGreaterThan(0)
    // Keys reversed byte by byte: wrong orderings wherever they are used.
    const scrambled = body.slice()
    for (let i = 0; i < keysLength; i++) scrambled[keysAt + i] = 255 - body[keysAt + i]!
    const stale = scrambled.slice()
    new DataView(stale.buffer).setUint32(at + 20 * 4, dv.getUint32(at + 20 * 4, true) ^ 1, true)
    const run = (b: Uint8Array) => {
      const batch = new MatchBatch(core)
      const shard = new Shard('pypi', b)
      for (const v of ['0.5', '1.0', '1.4', '1.5', '2.0', '2.9', '3.0', '4']) for (const name of ['req', 'lim', 'merge']) batch.add(shard, Scheme.Pep440, name, v)
      const r = batch.run()
      return Array.from(r.query, (q, i) => `${q}:${r.entry[i]}:${r.code[i]}`)
    }
    const want = run(body)
    expect(run(scrambled)).not.toEqual(want)
    expect(run(stale)).toEqual(want)
  })

  it('finds keys and compares versions whatever their characters (non-ASCII, empty)', () => {
    const core = matchCoreOf(backend)!
    const recs = [
      adv('PYSEC-UNI', [eco('PyPI', 'naïve-pkg', [R('ECOSYSTEM', { introduced: '0' }, { fixed: '2.0' })])]),
      adv('PYSEC-ASCII', [eco('PyPI', 'plain', [R('ECOSYSTEM', { introduced: '0' }, { fixed: '2.0' })])]),
    ]
    const shard = new Shard('pypi', encodeShardBody('pypi', recs))
    const run = (queries: [string, string][]) => {
      const batch = new MatchBatch(core)
      for (const [k, v] of queries) batch.add(shard, Scheme.Pep440, k, v)
      const r = batch.run()
      return Array.from(r.query, (q, i) => `${q}:${shard.entry(r.entry[i]!).advisory.id}:${r.code[i]! & 0xff}`)
    }
    // Query 0 and 2 are affected (1.0 < 2.0), 1 is not (2.5), 3 names no package, 4 has an
    // empty key; with and without a non-ASCII string in the batch the verdicts are the same.
    const queries: [string, string][] = [
      ['plain', '1.0'],
      ['plain', '2.5'],
      ['naïve-pkg', '1.0'],
      ['absent-é', '1.0'],
      ['', '1.0'],
    ]
    expect(run(queries)).toEqual(['0:PYSEC-ASCII:2', '2:PYSEC-UNI:2'])
    expect(run(queries.filter(([k]) => /^[\x00-\x7f]*$/.test(k)))).toEqual(['0:PYSEC-ASCII:2'])
    expect(run([['', ''], ['naïve-pkg', '1.5']])).toEqual(['1:PYSEC-UNI:2'])
  })

  it('runs a batch once: adding to it or running it again afterwards throws', () => {
    const core = matchCoreOf(backend)!
    const shard = new Shard('pypi', encodeShardBody('pypi', advisories.filter((a) => a.affected[0]!.ecosystem === 'PyPI')))
    const first = new MatchBatch(core)
    first.add(shard, Scheme.Pep440, 'req', '1.4')
    const want = Array.from(first.runPacked())
    expect(want.length).toBeGreaterThan(0)
    expect(() => first.add(shard, Scheme.Pep440, 'req', '1.5')).toThrow(/used once/)
    expect(() => first.runPacked()).toThrow(/used once/)
    // The next batch reuses the first one's staging buffers and sees only its own queries.
    const second = new MatchBatch(core)
    second.add(shard, Scheme.Pep440, 'absent', '1.4')
    second.add(shard, Scheme.Pep440, 'req', '1.4')
    const got = Array.from(second.runPacked())
    expect(got.filter((_, i) => i % 3 !== 0)).toEqual(want.filter((_, i) => i % 3 !== 0))
    expect(got.filter((_, i) => i % 3 === 0).every((q) => q === 1)).toBe(true)
  })

  it('refuses a format 1 shard with a request to rebuild', async () => {
    const built = await buildDb(advisories, { sources: [] })
    const file = built.files.get(built.manifest.shards[0]!.file)!.slice()
    file[4] = 1
    const err = await decodeShardFile('x', file).catch((e: unknown) => e)
    expect(isStowawayError(err, 'DB_INVALID')).toBe(true)
    expect(String(err)).toMatch(/shard format 1.*rebuild the DB/)
  })
})
