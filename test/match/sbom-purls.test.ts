import { describe, it, expect, beforeAll } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Inventory } from '@stowaway/core'
import { compareVersions, initVersionCore, referenceBackend } from '@stowaway/version'
import { AdvisoryDb, buildDb, ingestTree, purlToTarget } from '@stowaway/match'
import { sharedPath } from '../support/shared.ts'
import { testFs } from './node-fs.ts'
import { matchEveryWay } from './bulk-backend.ts'

const sbom = sharedPath('data/sboms/google__osv-scanner/cmd/osv-scanner/scan/source/testdata/sbom-insecure/postgres-stretch.cdx.xml')
const tracker = sharedPath('data/osv/CVEDB__security-tracker')

// A Debian 9 image SBOM written by another tool (CycloneDX XML, purls with
// `distro=debian-9` and `upstream=`), matched against the DSA/DLA lists. The expected
// set is computed here from the list text directly: a package is hit by an advisory
// when the advisory names its source package for [stretch] and the installed version is
// below the fixed one (or no fix is given).
describe.skipIf(!sbom || !tracker)('SBOM purls from another tool against the Debian DSA/DLA lists', () => {
  let db: AdvisoryDb
  let inv: Inventory
  beforeAll(async () => {
    await initVersionCore()
    const { advisories } = await ingestTree(testFs, [tracker!])
    const built = await buildDb(advisories, { sources: [] })
    db = await AdvisoryDb.open(async (n) => built.files.get(n)!)
    const xml = readFileSync(sbom!, 'utf8')
    const purls = [...new Set([...xml.matchAll(/<purl>([^<]+)<\/purl>/g)].map((m) => m[1]!.replace(/&amp;/g, '&')))].filter((p) => p.startsWith('pkg:deb/'))
    inv = {
      packages: purls.map((purl) => {
        const t = purlToTarget(purl)!
        return { name: t.name, version: t.version!, type: 'deb', purl }
      }),
      warnings: [],
    }
  }, 120_000)

  it('maps every purl to Debian:9 with its source package', () => {
    expect(inv.packages.length).toBeGreaterThan(50)
    for (const p of inv.packages) expect(purlToTarget(p.purl!)!.ecosystem).toBe('Debian:9')
    expect(purlToTarget(inv.packages.find((p) => p.name === 'bsdutils')!.purl!)!.sourceName).toBe('util-linux')
  })

  it('finds what the lists say, no more, no less (TS and WASM alike)', async () => {
    const expected = new Map<string, Set<string>>()
    let id = ''
    for (const line of ['DSA', 'DLA'].flatMap((k) => readFileSync(join(tracker!, 'data', k, 'list'), 'utf8').split('\n'))) {
      const h = /^\[[^\]]+\] ((?:DSA|DLA)-[\d-]+)/.exec(line)
      if (h) {
        id = h[1]!
        continue
      }
      const f = /^\s+\[stretch\] - (\S+) (\S+)/.exec(line)
      if (!f || f[2] === '<not-affected>') continue
      for (const p of inv.packages) {
        const t = purlToTarget(p.purl!)!
        if (f[1] !== (t.sourceName ?? p.name) && f[1] !== p.name) continue
        if (f[2]!.startsWith('<') || compareVersions('Debian', p.version, f[2]!, { backend: referenceBackend }) < 0) {
          const s = expected.get(p.name) ?? new Set<string>()
          s.add(id)
          expected.set(p.name, s)
        }
      }
    }
    const ref = await matchEveryWay(inv, db)
    // Findings merge advisories sharing a CVE: compare the advisory ids each package carries.
    const got = new Map<string, Set<string>>()
    for (const f of ref.findings) {
      const s = got.get(f.package.name) ?? new Set<string>()
      for (const x of [f.id, ...f.aliases]) if (/^(DSA|DLA)-/.test(x)) s.add(x)
      got.set(f.package.name, s)
    }
    const flat = (m: Map<string, Set<string>>) => [...m].flatMap(([k, s]) => [...s].map((x) => `${k}|${x}`)).sort()
    expect(flat(got)).toEqual(flat(expected))
    expect(expected.size).toBeGreaterThan(5)
  }, 120_000)
})
