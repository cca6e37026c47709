import { describe, it, expect } from 'vitest'
import { execFileSync } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Package, Warning } from '@stowaway/core'
import { createFileTree, type ExtractedFile } from '@stowaway/extract'
import type { Cataloger } from '../cataloger.ts'
import { sharedPath } from '../../../../test/support/shared.ts'
import { parsePythonMetadata, pythonMetadataCataloger } from './python-metadata.ts'
import { parsePipfileLock, parsePoetryLock, pipfileLockCataloger, poetryLockCataloger } from './python-lockfiles.ts'
import { normalizePythonName } from './python-package.ts'

const enc = new TextEncoder()
const ef = (path: string, bytes: Uint8Array | string): ExtractedFile => {
  const b = typeof bytes === 'string' ? enc.encode(bytes) : bytes
  return { path, bytes: b, size: b.length, mode: 0o644, layer: 'sha256:l', layerIndex: 0 }
}
async function run(c: Cataloger, files: ExtractedFile[]) {
  const warnings: Warning[] = []
  const pkgs = await c.catalog({ tree: createFileTree(files), warn: (w) => warnings.push(w) })
  return { pkgs, warnings }
}
const ids = (pkgs: Package[]) => pkgs.map((p) => `${p.name}@${p.version}`)
const D = sharedPath('data/pkgdb')
const read = (rel: string) => new Uint8Array(readFileSync(join(D!, rel)))

describe.skipIf(!D)('Python metadata against trivy and osv-scalibr expected.md', () => {
  const trivy = 'aquasecurity__trivy/pkg/dependency/parser/python/packaging/testdata/'
  const cases: [string, string, string][] = [
    ['setuptools-51.3.3-py3.8.egg-info.PKG-INFO', 'usr/lib/python3/site-packages/setuptools-51.3.3-py3.8.egg-info/PKG-INFO', 'setuptools@51.3.3'],
    ['unidecode-egg-info.PKG-INFO', 'site-packages/Unidecode-0.4.1.egg-info/PKG-INFO', 'Unidecode@0.4.1'],
    ['distlib-0.3.1-py3.9.egg-info', 'usr/lib/python3/dist-packages/distlib-0.3.1-py3.9.egg-info', 'distlib@0.3.1'],
    ['simple-0.1.0.METADATA', 'site-packages/simple-0.1.0.dist-info/METADATA', 'simple@0.1.0'],
    ['distlib-0.3.1.METADATA', 'site-packages/distlib-0.3.1.dist-info/METADATA', 'distlib@0.3.1'],
    ['asyncssh-2.14.2.METADATA', 'site-packages/asyncssh-2.14.2.dist-info/METADATA', 'asyncssh@2.14.2'],
    ['pyphen-0.14.0.METADATA', 'site-packages/pyphen-0.14.0.dist-info/METADATA', 'pyphen@0.14.0'],
    ['iniconfig-2.0.0.METADATA', 'site-packages/iniconfig-2.0.0.dist-info/METADATA', 'iniconfig@2.0.0'],
    ['zipp-3.12.1.METADATA', 'site-packages/zipp-3.12.1.dist-info/METADATA', 'zipp@3.12.1'],
    ['networkx-3.0.METADATA', 'site-packages/networkx-3.0.dist-info/METADATA', 'networkx@3.0'],
  ]
  for (const [src, at, want] of cases) {
    it(`${src} at ${at} → ${want}`, async () => {
      const { pkgs, warnings } = await run(pythonMetadataCataloger, [ef(at, read(trivy + src))])
      expect(warnings).toEqual([])
      expect(ids(pkgs)).toEqual([want])
      expect(pkgs[0]!.locations![0]!.path).toBe(at)
    })
  }

  it('license from License-Expression and from classifiers (trivy cases)', () => {
    const iniconfig = parsePythonMetadata(new TextDecoder().decode(read(trivy + 'iniconfig-2.0.0.METADATA')))!
    expect(iniconfig.licenses).toEqual(['MIT'])
    const zipp = parsePythonMetadata(new TextDecoder().decode(read(trivy + 'zipp-3.12.1.METADATA')))!
    expect(zipp.licenses).toEqual(['MIT License'])
  })

  const scalibr = 'google__osv-scalibr/extractor/filesystem/language/python/wheelegg/testdata/'
  const scases: [string, string][] = [
    ['distinfo_meta', 'pip@22.2.2'],
    ['egginfo_pkginfo', 'setuptools@57.4.0'],
    ['egginfo', 'pycups@2.0.1'],
    ['pkginfo', 'httplib2@0.20.4'],
    ['malformed_pkginfo', 'passlib@1.7.4'],
    ['mixed_case', 'httplib2@1.0'],
    ['special_chars', 'backports.ssl_match_hostname@3.5.0.1'],
    ['repeated_pkginfo', 'root@1.0.0'],
  ]
  for (const [src, want] of scases) {
    it(`osv-scalibr ${src} → ${want}`, () => {
      const m = parsePythonMetadata(new TextDecoder().decode(read(scalibr + src)))!
      expect(`${m.name}@${m.version}`).toBe(want)
    })
  }

  it('an empty METADATA is a warning (osv-scalibr "empty file")', async () => {
    const { pkgs, warnings } = await run(pythonMetadataCataloger, [ef('site-packages/x-1.dist-info/METADATA', read(scalibr + 'empty'))])
    expect(pkgs).toEqual([])
    expect(warnings).toHaveLength(1)
  })
})

function python(code: string, file: string): [string, string][] {
  return JSON.parse(execFileSync('python3', ['-c', code, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }))
}
const hasPython = (() => {
  try {
    execFileSync('python3', ['-c', 'import tomllib'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()

describe.skipIf(!D || !hasPython)('Python lockfiles against Python tomllib / json', () => {
  const dir = D && join(D, 'aquasecurity__trivy/pkg/dependency/parser/python')
  const poetries = dir ? readdirSync(join(dir, 'poetry/testdata')) : []
  for (const f of poetries) {
    it(`poetry ${f}`, async () => {
      const p = join(dir!, 'poetry/testdata', f)
      const want = python('import sys,tomllib,json;d=tomllib.load(open(sys.argv[1],"rb"));print(json.dumps([[x["name"],x["version"]] for x in d.get("package",[])]))', p)
      const { pkgs, warnings } = await run(poetryLockCataloger, [ef('app/poetry.lock', new Uint8Array(readFileSync(p)))])
      expect(warnings).toEqual([])
      expect(pkgs.map((x) => [x.name, x.version])).toEqual(want)
      expect(want.length).toBeGreaterThan(0)
    })
  }
  const pipfiles = dir ? readdirSync(join(dir, 'pipenv/testdata')) : []
  for (const f of pipfiles) {
    it(`Pipfile ${f}`, async () => {
      const p = join(dir!, 'pipenv/testdata', f)
      const want = python(
        'import sys,json;d=json.load(open(sys.argv[1]));print(json.dumps([[n,e["version"][2:]] for s in ("default","develop") for n,e in d.get(s,{}).items() if e.get("version","").startswith("==")]))',
        p,
      )
      const { pkgs, warnings } = await run(pipfileLockCataloger, [ef('app/Pipfile.lock', new Uint8Array(readFileSync(p)))])
      expect(warnings).toEqual([])
      expect(pkgs.map((x) => [x.name, x.version])).toEqual(want)
    })
  }
})

describe.skipIf(!D || !hasPython)('zipped eggs against Python zipfile + email.parser', () => {
  const eggs = [
    'aquasecurity__trivy/pkg/fanal/analyzer/language/python/packaging/testdata/egg-zip/kitchen-1.2.6-py2.7.egg',
    'aquasecurity__trivy/pkg/fanal/analyzer/language/python/packaging/testdata/egg-zip-with-license-file/sample_package.egg',
    'aquasecurity__trivy/pkg/fanal/analyzer/language/python/packaging/testdata/no-req-files/no-required-files.egg',
    'google__osv-scalibr/extractor/filesystem/language/python/wheelegg/testdata/monotonic-1.6-py3.10.egg',
    'google__osv-scalibr/extractor/filesystem/language/python/wheelegg/testdata/monotonic_no_pkginfo-1.6-py3.10.egg',
  ]
  for (const rel of eggs) {
    it(rel.split('/').pop()!, async () => {
      const want = python(
        'import sys,zipfile,json,email.parser\nz=zipfile.ZipFile(sys.argv[1])\nn=[x for x in z.namelist() if x=="EGG-INFO/PKG-INFO"]\nm=email.parser.Parser().parsestr(z.read(n[0]).decode()) if n else None\nprint(json.dumps([[m["Name"],m["Version"]]] if m else []))',
        join(D!, rel),
      )
      const { pkgs, warnings } = await run(pythonMetadataCataloger, [ef(`usr/lib/python3/site-packages/${rel.split('/').pop()}`, read(rel))])
      expect(warnings).toEqual([])
      expect(pkgs.map((p) => [p.name, p.version])).toEqual(want)
    })
  }
  it('osv-scalibr expectations: monotonic@1.6, and nothing for the egg without PKG-INFO', async () => {
    const { pkgs } = await run(pythonMetadataCataloger, [
      ef('site-packages/monotonic-1.6-py3.10.egg', read('google__osv-scalibr/extractor/filesystem/language/python/wheelegg/testdata/monotonic-1.6-py3.10.egg')),
      ef('site-packages/monotonic_no_pkginfo-1.6-py3.10.egg', read('google__osv-scalibr/extractor/filesystem/language/python/wheelegg/testdata/monotonic_no_pkginfo-1.6-py3.10.egg')),
    ])
    expect(ids(pkgs)).toEqual(['monotonic@1.6'])
  })
  it('a corrupt egg is a warning', async () => {
    const { pkgs, warnings } = await run(pythonMetadataCataloger, [ef('site-packages/x.egg', 'PK not a zip at all')])
    expect(pkgs).toEqual([])
    expect(warnings[0]!.code).toBe('ARCHIVE_INVALID')
  })
})

describe('Python helpers and bad input', () => {
  it('PEP 503 normalisation in the purl', () => {
    expect(normalizePythonName('Foo.Bar__baz-Qux')).toBe('foo-bar-baz-qux')
    const m = parsePoetryLock({ path: 'poetry.lock', bytes: enc.encode('[[package]]\nname = "Flask_Cors"\nversion = "3.0.10"\n') })!
    expect(m[0]!.purl).toBe('pkg:pypi/flask-cors@3.0.10')
    expect(m[0]!.ecosystem).toBe('PyPI')
  })

  it('garbage lockfiles are warnings', async () => {
    expect((await run(poetryLockCataloger, [ef('poetry.lock', '[[package\nname = ')])).warnings).toHaveLength(1)
    expect((await run(pipfileLockCataloger, [ef('Pipfile.lock', '{{{')])).warnings).toHaveLength(1)
    expect(parsePipfileLock({ path: 'Pipfile.lock', bytes: enc.encode('[1,2]') })).toBeUndefined()
  })
})
