// readSbom on SBOMs written by other tools (../shared/data/sboms, see MANIFEST-sboms.md).
import { describe, it, expect } from 'vitest'
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Inventory, Package } from '@stowaway/core'
import { readSbom } from '@stowaway/sbom'
import { sharedPath } from '../support/shared.ts'

const root = sharedPath('data/sboms')
const read = (rel: string) => readSbom(readFileSync(join(root!, rel), 'utf8'))
const ids = (inv: Inventory) => inv.packages.map((p: Package) => `${p.purl ?? `${p.type}/${p.name}@${p.version}`}`).sort()

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n)
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.json') ? [p] : []
  })
}

describe.skipIf(!root)('readSbom: real SBOMs', () => {
  it('reads every CycloneDX and SPDX 2.x JSON document without failing, every package named and versioned', () => {
    let docs = 0
    let pkgs = 0
    for (const f of walk(root!)) {
      let d: any
      try {
        d = JSON.parse(readFileSync(f, 'utf8'))
      } catch {
        continue
      }
      if (!d || !(d.bomFormat === 'CycloneDX' || typeof d.spdxVersion === 'string')) continue
      const inv = readSbom(d)
      docs++
      for (const p of inv.packages) {
        expect(p.name, f).toBeTruthy()
        expect(typeof p.version, f).toBe('string')
        expect(p.type, f).toBeTruthy()
        pkgs++
      }
    }
    expect(docs).toBeGreaterThan(100)
    expect(pkgs).toBeGreaterThan(5000)
  })

  it('component counts match the manifest (CycloneDX 1.2, npm and Maven tools)', () => {
    expect(read('CycloneDX__bom-examples/SBOM/cern-lhc-vdm-editor-e564943/bom.json').packages).toHaveLength(43)
    expect(read('CycloneDX__bom-examples/SBOM/dropwizard-1.3.15/bom.json').packages).toHaveLength(167)
    expect(read('CycloneDX__bom-examples/SBOM/juice-shop/v11.1.2/bom.json').packages).toHaveLength(840)
    expect(read('CycloneDX__bom-examples/SBOM/keycloak-10.0.2/bom.json').packages).toHaveLength(903)
  })

  it('the same project in CycloneDX 1.2, 1.3 and 1.4 reads to the same packages', () => {
    for (const dir of ['CycloneDX__bom-examples/SBOM/juice-shop/via_npm/bare', 'CycloneDX__bom-examples/SBOM/laravel-7.12.0']) {
      const [a, b, c] = ['1.2', '1.3', '1.4'].map((v) => ids(read(`${dir}/bom.${v}.json`)))
      expect(a!.length).toBeGreaterThan(50)
      expect(b).toEqual(a)
      expect(c).toEqual(a)
    }
    const npm = read('CycloneDX__bom-examples/SBOM/juice-shop/via_npm/bare/bom.1.4.json').packages
    expect(npm).toHaveLength(1115)
    expect(npm.every((p) => p.type === 'npm' && p.ecosystem === 'npm')).toBe(true)
    const php = read('CycloneDX__bom-examples/SBOM/laravel-7.12.0/bom.1.4.json').packages
    expect(php.find((p) => p.name === 'laravel/framework')).toMatchObject({ version: 'v7.30.6', ecosystem: 'Packagist' })
  })

  it('syft: CycloneDX 1.2–1.7 and SPDX 2.2/2.3 of one go.mod give one Go module', () => {
    const want = 'pkg:golang/github.com/wagoodman/go-partybus@v0.0.0-20230516145632-8ccac152c651'
    for (const v of ['1.2', '1.3', '1.4', '1.5', '1.6', '1.7']) {
      const inv = read(`anchore__syft/syft/format/cyclonedxjson/testdata/identify/${v}.json`)
      expect(ids(inv)).toEqual([want])
      expect(inv.packages[0]).toMatchObject({ name: 'github.com/wagoodman/go-partybus', type: 'golang', ecosystem: 'Go' })
    }
    expect(read('anchore__syft/syft/format/cyclonedxjson/testdata/identify/1.6.json').packages[0]!.locations).toEqual([{ path: 'go.mod' }])
    for (const v of ['2.2', '2.3']) expect(ids(read(`anchore__syft/syft/format/spdxjson/testdata/identify/${v}.json`))).toEqual([want])
  })

  it('trivy: the centos-7 image in CycloneDX and SPDX reads to the same rpm packages, epoch and source kept', () => {
    const cdx = read('aquasecurity__trivy/integration/testdata/fixtures/sbom/centos-7-cyclonedx.json')
    const spdx = read('aquasecurity__trivy/integration/testdata/fixtures/sbom/centos-7-spdx.json')
    const key = (inv: Inventory) => inv.packages.map((p) => [p.name, p.version, p.purl, p.arch, p.locations?.[0]?.layer]).sort()
    expect(key(spdx)).toEqual(key(cdx))
    expect(cdx.distro).toEqual({ id: 'centos', versionId: '7.6.1810' })
    expect(spdx.distro).toEqual({ id: 'centos', versionId: '7.6.1810' })
    const ssl = cdx.packages.find((p) => p.name === 'openssl-libs')!
    expect(ssl).toMatchObject({ type: 'rpm', version: '1:1.0.2k-16.el7', source: { name: 'openssl', version: '1:1.0.2k-16.el7' } })
    expect(ssl.locations?.[0]?.layer).toBe('sha256:89169d87dbe2b72ba42bfbb3579c957322baca28e03a1e558076542a1c1b2b4a')
  })

  it('osv-scanner (SCALIBR): apk purl with a bare distro version and origin', () => {
    const inv = read('google__osv-scanner/cmd/osv-scanner/scan/source/testdata/sbom-insecure/alpine-zlib-16.cdx.json')
    expect(inv.packages).toEqual([
      expect.objectContaining({ name: 'zlib', version: '1.2.12-r1', type: 'apk', ecosystem: 'Alpine:v3.22', arch: 'x86_64', source: { name: 'zlib' }, locations: [{ path: 'lib/apk/db/installed' }] }),
    ])
  })

  it('cdxgen: Maven components keep group:artifact names', () => {
    const inv = read('CycloneDX__cdxgen/test/data/vuln-spring-1.5.bom.json')
    expect(inv.packages.length).toBeGreaterThan(50)
    const maven = inv.packages.filter((p) => p.type === 'maven')
    expect(maven.length).toBe(inv.packages.length)
    expect(maven.every((p) => p.name.includes(':') && p.ecosystem === 'Maven')).toBe(true)
  })

  it('a component whose purl does not parse falls back to name and version with a warning', () => {
    const inv = read('aquasecurity__trivy/pkg/sbom/cyclonedx/testdata/happy/invalid-purl.json')
    expect(inv.warnings).toEqual([expect.objectContaining({ code: 'SBOM_INVALID' })])
    expect(inv.packages.find((p) => p.name.includes('log'))).toMatchObject({ type: 'generic' })
  })

  it('a dependency loop does not hang the reader', () => {
    expect(read('aquasecurity__trivy/pkg/sbom/cyclonedx/testdata/happy/infinite-loop-bom.json').distro?.id).toBe('ubuntu')
  })
})

describe('readSbom: bad input', () => {
  it('throws SBOM_INVALID for non-JSON, non-SBOM JSON and SPDX 3', () => {
    for (const input of ['{not json', '[]', '{"hello":1}', '{"@context":"https://spdx.org/rdf/3.0.1/spdx-context.jsonld","@graph":[]}']) {
      expect(() => readSbom(input)).toThrow(expect.objectContaining({ code: 'SBOM_INVALID' }))
    }
  })

  it('skips junk components and survives deep nesting', () => {
    let deep: any = { type: 'library', name: 'leaf', version: '1', purl: 'pkg:npm/leaf@1' }
    for (let i = 0; i < 5000; i++) deep = { type: 'library', name: `n${i}`, components: [deep] }
    const inv = readSbom({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [null, 3, { type: 'file', name: 'x' }, deep] })
    expect(inv.packages.length).toBe(0)
  })
})

describe.skipIf(!root)('readSbom: mangled documents', () => {
  it('wrong types anywhere give packages or SBOM_INVALID, never another error', () => {
    const docs = [
      'aquasecurity__trivy/integration/testdata/fixtures/sbom/centos-7-cyclonedx.json',
      'aquasecurity__trivy/integration/testdata/fixtures/sbom/centos-7-spdx.json',
      'anchore__syft/syft/format/spdxjson/testdata/spdx/alpine-3.10.syft.spdx.json',
      'google__osv-scanner/cmd/osv-scanner/scan/source/testdata/sbom-insecure/alpine-zlib-16.cdx.json',
    ].map((f) => readFileSync(join(root!, f), 'utf8'))
    let seed = 7
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % n
    const junk = [null, 0, -1, 'x', '', [], {}, [null], { purl: 3 }, true]
    const mangle = (v: any): any => {
      if (rnd(12) === 0) return junk[rnd(junk.length)]
      if (Array.isArray(v)) return v.map(mangle)
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mangle(x)]))
      return v
    }
    for (let i = 0; i < 400; i++) {
      const doc = mangle(JSON.parse(docs[i % docs.length]!))
      try {
        const inv = readSbom(doc)
        for (const p of inv.packages) expect(typeof p.name).toBe('string')
      } catch (e) {
        expect((e as { code?: string }).code).toBe('SBOM_INVALID')
      }
    }
  })
})

describe('readSbom: OS names', () => {
  it('maps pretty OS names to os-release ids for the ecosystem', () => {
    const inv = readSbom({
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
      components: [
        { type: 'operating-system', name: 'Debian GNU/Linux', version: '11' },
        { type: 'library', name: 'zlib1g', version: '1:1.2.11.dfsg-2+deb11u2', purl: 'pkg:deb/debian/zlib1g@1:1.2.11.dfsg-2%2Bdeb11u2?arch=amd64' },
      ],
    })
    expect(inv.distro).toEqual({ id: 'debian', versionId: '11' })
    expect(inv.packages[0]).toMatchObject({ ecosystem: 'Debian:11', version: '1:1.2.11.dfsg-2+deb11u2' })
  })
})
