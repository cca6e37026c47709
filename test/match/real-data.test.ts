import { describe, it, expect, beforeAll } from 'vitest'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import type { Finding, Inventory } from '@stowaway/core'
import { compareVersions, evaluateOsv, initVersionCore, referenceBackend, schemeForEcosystem } from '@stowaway/version'
import { pullImage } from '@stowaway/pull'
import { catalogFiles, scanToInventory } from '@stowaway/sbom'
import { createFileTree } from '@stowaway/extract'
import { AdvisoryDb, buildDb, ingestTree, matchInventory } from '@stowaway/match'
import { sharedPath } from '../support/shared.ts'
import { testFs } from './node-fs.ts'
import { writeOciLayout } from './oci-layout.ts'
import { matchEveryWay } from './bulk-backend.ts'

const osv = sharedPath('data/osv')
const images = sharedPath('images/alpinelinux__docker-alpine')
const pkgdb = sharedPath('data/pkgdb')

function walk(d: string): string[] {
  return readdirSync(d).flatMap((n) => {
    const p = join(d, n)
    return statSync(p).isDirectory() ? walk(p) : [p]
  })
}

// Every matcher on one inventory; they must agree, and the reference's findings are what
// the independent checks compare against.
const both = async (inv: Inventory, db: AdvisoryDb): Promise<Finding[]> => (await matchEveryWay(inv, db)).findings

describe.skipIf(!osv || !images || !pkgdb)('matching real packages against real advisories', () => {
  let db: AdvisoryDb
  beforeAll(async () => {
    await initVersionCore()
    const sources = ['alpinelinux__alpine-secdb', 'golang__vulndb', 'pypa__advisory-database'].map((s) => join(osv!, s))
    const { advisories } = await ingestTree(testFs, sources)
    const built = await buildDb(advisories, { sources: [] })
    db = await AdvisoryDb.open(async (n) => built.files.get(n)!)
  }, 120_000)

  // Independent check: read the apk installed db with tar, the secdb YAML with the YAML
  // library, and call a package affected when its version is below the fixed version
  // the secdb lists for its origin. CVEs listed twice for one origin and "0" fixes are
  // left out of both sides (the ingest reports them as skipped).
  let alpineTotal = 0
  const secdbReleases = readdirSync(join(osv ?? '.', 'alpinelinux__alpine-secdb')).filter((r) => r.startsWith('v'))
  function expectedFor(pkgs: { name: string; version: string; origin: string }[], release: string): { keys: Set<string>; doubtful: Set<string> } {
    const fixes = new Map<string, Map<string, string>>()
    const doubtful = new Set<string>()
    for (const repo of ['main.yaml', 'community.yaml']) {
      const doc = parseYaml(readFileSync(join(osv!, 'alpinelinux__alpine-secdb', release, repo), 'utf8')) as { packages?: { pkg: { name: string; secfixes?: Record<string, string[]> } }[] }
      for (const { pkg } of doc.packages ?? []) {
        const m = fixes.get(pkg.name) ?? new Map<string, string>()
        fixes.set(pkg.name, m)
        for (const [fixed, ids] of Object.entries(pkg.secfixes ?? {})) {
          for (const id of (ids ?? []).flatMap((l) => String(l).match(/CVE-\d{4}-\d{4,}/g) ?? [])) {
            if (m.has(id) || fixed === '0') doubtful.add(`${pkg.name}|${id}`)
            m.set(id, fixed)
          }
        }
      }
    }
    const keys = new Set<string>()
    for (const p of pkgs) {
      for (const [id, fixed] of fixes.get(p.origin) ?? []) {
        if (doubtful.has(`${p.origin}|${id}`)) continue
        if (compareVersions('Alpine', p.version, fixed, { backend: referenceBackend }) < 0) keys.add(`${p.name}|${id}`)
      }
    }
    return { keys, doubtful }
  }

  for (const [release, file] of [
    ['v3.8', 'v3.8/x86_64/alpine-minirootfs-3.8.5-x86_64.tar.gz'],
    ['v3.9', 'v3.9/x86_64/alpine-minirootfs-3.9.6-x86_64.tar.gz'],
    ['v3.11', 'v3.11/x86_64/alpine-minirootfs-3.11.13-x86_64.tar.gz'],
  ] as const) {
    it(`Alpine ${release} minirootfs: findings equal the independent secdb check, for its own and every other release's feed`, async () => {
      const rootfs = join(images!, file)
      const dir = mkdtempSync(join(tmpdir(), 'swalpine-'))
      writeOciLayout(dir, [new Uint8Array(readFileSync(rootfs))])
      const inv = await scanToInventory(await pullImage(`oci:${dir}`))
      expect(inv.distro?.id).toBe('alpine')
      const installed = execFileSync('tar', ['-xzOf', rootfs, './lib/apk/db/installed'], { encoding: 'utf8' })
      const pkgs = installed.split('\n\n').filter((s) => s.trim()).map((stanza) => {
        const f = new Map(stanza.split('\n').filter((l) => l[1] === ':').map((l) => [l[0]!, l.slice(2)]))
        return { name: f.get('P')!, version: f.get('V')!, origin: f.get('o') ?? f.get('P')! }
      })
      expect(inv.packages.map((p) => p.name).sort()).toEqual(pkgs.map((p) => p.name).sort())
      let total = 0
      for (const feed of secdbReleases) {
        const view: Inventory = { ...inv, packages: inv.packages.map((p) => ({ ...p, ecosystem: `Alpine:${feed}`, purl: undefined })) }
        const findings = await both(view, db)
        const { keys, doubtful } = expectedFor(pkgs, feed)
        const got = new Set(findings.filter((f) => !doubtful.has(`${f.package.source?.name ?? f.package.name}|${f.id}`)).map((f) => `${f.package.name}|${f.id}`))
        expect([...got].sort(), `feed ${feed}`).toEqual([...keys].sort())
        if (feed === release) expect(findings.every((f) => f.status === 'fixed' && f.fixedVersions.length === 1)).toBe(true)
        total += keys.size
      }
      alpineTotal += total
    }, 120_000)
  }

  it('the Alpine comparisons are not vacuous', () => {
    // Each final point release is clean against its own feed, but other releases' feeds
    // list fixes above some of these versions.
    expect(alpineTotal).toBeGreaterThan(10)
  })

  // Independent check for OSV sources: evaluate every record of the source with the
  // version core's own OSV evaluator (not the matcher's) for the package's versions.
  function osvExpected(dir: string, parse: (text: string) => unknown, ecosystem: string, pkgs: { name: string; version: string }[], norm: (n: string) => string): Set<string> {
    const scheme = schemeForEcosystem(ecosystem)
    const out = new Set<string>()
    for (const f of walk(dir)) {
      if (!/\.(json|ya?ml)$/.test(f)) continue
      const rec = parse(readFileSync(f, 'utf8')) as { id: string; withdrawn?: string; affected?: { package: { name: string; ecosystem: string }; ranges?: never[]; versions?: string[] }[] }
      if (!rec?.affected || rec.withdrawn) continue
      for (const a of rec.affected) {
        if (a.package.ecosystem !== ecosystem) continue
        for (const p of pkgs) {
          if (norm(a.package.name) !== norm(p.name)) continue
          const v = evaluateOsv(scheme, p.version, { ranges: (a.ranges ?? []).filter((r: { type: string }) => r.type !== 'GIT'), versions: a.versions ?? [] }, referenceBackend)
          if (v.status === 'affected') out.add(`${p.name}|${rec.id}`)
        }
      }
    }
    return out
  }

  it('Go binaries in pkgdb against golang/vulndb', async () => {
    const bins = [
      'aquasecurity__trivy/pkg/dependency/parser/golang/binary/testdata/test.elf',
      'aquasecurity__trivy/pkg/dependency/parser/golang/binary/testdata/main-version-via-ldflags.elf',
      'google__osv-scalibr/extractor/filesystem/language/golang/gobinary/testdata/binary_with_module_replacement-linux-amd64',
    ]
    const files = bins.map((b, i) => {
      const bytes = new Uint8Array(readFileSync(join(pkgdb!, b)))
      return { path: `usr/local/bin/app${i}`, bytes, size: bytes.length, mode: 0o100755, layer: 'sha256:00', layerIndex: 0 }
    })
    const inv = await catalogFiles(createFileTree(files))
    const gopkgs = inv.packages.filter((p) => p.type === 'golang' && p.version)
    expect(gopkgs.some((p) => p.name === 'stdlib')).toBe(true)
    const findings = await both(inv, db)
    const got = new Set(findings.map((f) => `${f.package.name}|${f.id}`))
    const expected = osvExpected(join(osv!, 'golang__vulndb/data/osv'), JSON.parse, 'Go', gopkgs, (n) => n)
    expect([...got].sort()).toEqual([...expected].sort())
    expect(expected.size).toBeGreaterThan(20) // go1.15.2 and go1.22.x stdlib have many fixed issues
  }, 120_000)

  it('PyPI dist-info fixtures against the PyPA records', async () => {
    const root = join(pkgdb!, 'aquasecurity__trivy/pkg/fanal/analyzer/language/python/packaging/testdata')
    const files = walk(root)
      .filter((p) => /\.dist-info\/METADATA$|\.egg-info\/PKG-INFO$|\.egg-info$/.test(p) && statSync(p).isFile())
      .map((p) => {
        const bytes = new Uint8Array(readFileSync(p))
        return { path: `usr/lib/python3.11/site-packages/${p.slice(root.length + 1).split('/').slice(1).join('/')}`, bytes, size: bytes.length, mode: 0o100644, layer: 'sha256:00', layerIndex: 0 }
      })
    const inv = await catalogFiles(createFileTree(files))
    const py = inv.packages.filter((p) => p.type === 'pypi')
    expect(py.length).toBeGreaterThan(2)
    const findings = await both(inv, db)
    const norm = (n: string) => n.toLowerCase().replace(/[-_.]+/g, '-')
    const expected = osvExpected(join(osv!, 'pypa__advisory-database/vulns'), (t) => parseYaml(t), 'PyPI', py, norm)
    const got = new Set(findings.map((f) => `${f.package.name}|${f.id}`))
    expect([...got].sort()).toEqual([...expected].sort())
    expect(expected.size).toBeGreaterThan(0)
  }, 120_000)
})
