import { describe, it, expect } from 'vitest'
import { execFileSync } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { deflateSync } from 'node:zlib'
import type { Package, Warning } from '@stowaway/core'
import { createFileTree, type ExtractedFile } from '@stowaway/extract'
import type { Cataloger } from '../cataloger.ts'
import { sharedPath } from '../../../../test/support/shared.ts'
import { gemfileLockCataloger, gemspecCataloger, parseGemfileLock, parseGemspec } from './ruby.ts'
import { composerInstalledCataloger, composerLockCataloger, parseComposerJson } from './php-composer.ts'
import { cargoLockCataloger } from './rust-cargo-lock.ts'
import { cargoAuditableCataloger, elfSection } from './rust-audit.ts'
import { dotnetDepsJsonCataloger } from './dotnet-deps-json.ts'

const enc = new TextEncoder()
const ef = (path: string, bytes: Uint8Array | string, mode = 0o644): ExtractedFile => {
  const b = typeof bytes === 'string' ? enc.encode(bytes) : bytes
  return { path, bytes: b, size: b.length, mode, layer: 'sha256:l', layerIndex: 0 }
}
async function run(c: Cataloger, files: ExtractedFile[]) {
  const warnings: Warning[] = []
  const pkgs = await c.catalog({ tree: createFileTree(files), warn: (w) => warnings.push(w) })
  return { pkgs, warnings }
}
const ids = (pkgs: Package[]) => pkgs.map((p) => `${p.name}@${p.version}`)
const D = sharedPath('data/pkgdb')
const read = (rel: string) => new Uint8Array(readFileSync(join(D!, rel)))
const hasPython = (() => {
  try {
    execFileSync('python3', ['-c', 'import tomllib'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()
const py = (code: string, file: string): [string, string][] => JSON.parse(execFileSync('python3', ['-c', code, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }))

describe.skipIf(!D)('Ruby', () => {
  const G = 'aquasecurity__trivy/pkg/dependency/parser/ruby/gemspec/testdata/'
  it('gemspecs: literal name, version and licenses (trivy and osv-scalibr fixtures)', async () => {
    const { pkgs, warnings } = await run(gemspecCataloger, [
      ef('usr/local/bundle/specifications/rake-13.0.3.gemspec', read(G + 'normal00.gemspec')),
      ef('usr/local/bundle/specifications/async-1.25.0.gemspec', read(G + 'normal01.gemspec')),
      ef('usr/local/bundle/specifications/test-unit-3.3.7.gemspec', read(G + 'multiple_licenses.gemspec')),
      ef('usr/lib/ruby/gems/3.1.0/specifications/default/yaml-0.2.1.gemspec', read('google__osv-scalibr/extractor/filesystem/language/ruby/gemspec/testdata/yaml-0.2.1.gemspec')),
    ])
    expect(warnings).toEqual([])
    expect(ids(pkgs).sort()).toEqual(['async@1.25.0', 'rake@13.0.3', 'test-unit@3.3.7', 'yaml@0.2.1'])
    expect(pkgs.find((p) => p.name === 'rake')!.licenses).toEqual(['MIT'])
    expect(pkgs.find((p) => p.name === 'test-unit')!.licenses).toEqual(['Ruby', 'BSDL', 'PSFL'])
    expect(pkgs.find((p) => p.name === 'rake')!.purl).toBe('pkg:gem/rake@13.0.3')
    expect(pkgs[0]!.ecosystem).toBe('RubyGems')
  })

  it('malformed gemspecs (wrong block variable, missing version) are warnings, as trivy errors on them', async () => {
    const { pkgs, warnings } = await run(gemspecCataloger, [
      ef('g/specifications/a.gemspec', read(G + 'malformed00.gemspec')),
      ef('g/specifications/b.gemspec', read(G + 'malformed01.gemspec')),
    ])
    expect(pkgs).toEqual([])
    expect(warnings).toHaveLength(2)
    expect(parseGemspec('s.name = "x"\ns.version = VERSION\n')).toBeUndefined()
  })

  it('Gemfile.lock: GEM and GIT specs, not their dependency lines', async () => {
    const normal = parseGemfileLock({ path: 'Gemfile.lock', bytes: read('aquasecurity__trivy/pkg/dependency/parser/ruby/bundler/testdata/Gemfile_normal.lock') })
    expect(ids(normal).sort()).toEqual(['coderay@1.1.2', 'concurrent-ruby@1.1.5', 'dotenv@2.7.2', 'faker@1.9.3', 'i18n@1.6.0', 'method_source@0.9.2', 'pry@0.12.2'])
    const { pkgs } = await run(gemfileLockCataloger, [ef('app/Gemfile.lock', read('google__osv-scalibr/extractor/filesystem/language/ruby/gemfilelock/testdata/has-git-gem.lock'))])
    expect(ids(pkgs).sort()).toEqual(['concurrent-ruby@1.1.7', 'hanami-controller@2.0.0.alpha1', 'hanami-utils@2.0.0.alpha1', 'rack@2.2.3', 'transproc@1.1.1'])
  })

  it('platform suffixes and garbage', () => {
    const lock = 'GEM\n  remote: https://rubygems.org/\n  specs:\n    nokogiri (1.13.3-x86_64-linux)\n      racc (~> 1.4)\n    racc (1.6.0)\n'
    const pkgs = parseGemfileLock({ path: 'Gemfile.lock', bytes: enc.encode(lock) })
    expect(ids(pkgs)).toEqual(['nokogiri@1.13.3', 'racc@1.6.0'])
    expect(pkgs[0]!.metadata).toEqual({ platform: 'x86_64-linux' })
    expect(parseGemfileLock({ path: 'Gemfile.lock', bytes: new Uint8Array([0, 1, 2, 255]) })).toEqual([])
  })
})

describe.skipIf(!D || !hasPython)('PHP composer against Python json', () => {
  const oracle = (f: string) =>
    py(
      'import sys,json;d=json.load(open(sys.argv[1]));L=d if isinstance(d,list) else d.get("packages",[])+d.get("packages-dev",[]);print(json.dumps([[p["name"],p["version"]] for p in L]))',
      f,
    )
  const files = [
    ['aquasecurity__trivy/pkg/dependency/parser/php/composer/testdata/composer_happy.lock', 'app/composer.lock', composerLockCataloger],
    ['anchore__syft/syft/pkg/cataloger/php/testdata/composer.lock', 'srv/composer.lock', composerLockCataloger],
    ['anchore__syft/syft/pkg/cataloger/php/testdata/vendor/composer_1/installed.json', 'app/vendor/composer/installed.json', composerInstalledCataloger],
    ['anchore__syft/syft/pkg/cataloger/php/testdata/vendor/composer_2/installed.json', 'app/vendor/composer/installed.json', composerInstalledCataloger],
  ] as const
  for (const [rel, at, c] of files) {
    it(rel.split('/').slice(-2).join('/'), async () => {
      const want = oracle(join(D!, rel))
      const { pkgs, warnings } = await run(c, [ef(at, read(rel))])
      expect(warnings).toEqual([])
      expect(pkgs.map((p) => [p.name, p.version]).sort()).toEqual([...want].sort())
      expect(pkgs[0]!.purl).toMatch(/^pkg:composer\/[^/]+\/[^@]+@/)
      expect(pkgs[0]!.ecosystem).toBe('Packagist')
    })
  }

  it('composer.lock beside vendor/composer/installed.json stays quiet; garbage is a warning', async () => {
    const lock = ef('app/composer.lock', '{"packages":[{"name":"a/b","version":"1.0.0"}]}')
    const installed = ef('app/vendor/composer/installed.json', '{"packages":[{"name":"a/b","version":"1.0.0"}]}')
    expect((await run(composerLockCataloger, [lock, installed])).pkgs).toEqual([])
    expect((await run(composerLockCataloger, [ef('composer.lock', '{')])).warnings).toHaveLength(1)
    expect(parseComposerJson({ path: 'x', bytes: enc.encode('"str"') })).toBeUndefined()
  })
})

describe.skipIf(!D || !hasPython)('Rust Cargo.lock against Python tomllib', () => {
  const dirs = ['aquasecurity__trivy/pkg/dependency/parser/rust/cargo/testdata', 'google__osv-scalibr/extractor/filesystem/language/rust/cargolock/testdata']
  for (const dir of dirs) {
    for (const f of D ? readdirSync(join(D, dir)) : []) {
      const path = join(D!, dir, f)
      let want: [string, string][] | undefined
      try {
        want = py('import sys,tomllib,json;d=tomllib.load(open(sys.argv[1],"rb"));print(json.dumps([[p["name"],p["version"]] for p in d.get("package",[])]))', path)
      } catch {
        want = undefined // not TOML: Python refuses it too
      }
      it(`${f} ${want ? `→ ${want.length} crates` : '→ warning (not TOML for Python either)'}`, async () => {
        const { pkgs, warnings } = await run(cargoLockCataloger, [ef('src/Cargo.lock', read(join(dir, f)))])
        if (want) {
          expect(warnings).toEqual([])
          expect(pkgs.map((p) => [p.name, p.version])).toEqual(want)
        } else {
          expect(pkgs).toEqual([])
          expect(warnings).toHaveLength(1)
        }
      })
    }
  }
})

/** A little-endian ELF64 with a section header table and the given named sections. */
function elfWith(sections: Record<string, Uint8Array>): Uint8Array {
  const names = ['', '.shstrtab', ...Object.keys(sections)]
  const strtab = enc.encode(names.map((n) => n + '\0').join(''))
  const bodies = [new Uint8Array(0), strtab, ...Object.values(sections)]
  let off = 64
  const offsets = bodies.map((b) => {
    const o = off
    off += b.length
    return o
  })
  const shoff = off
  const out = new Uint8Array(shoff + bodies.length * 64)
  const dv = new DataView(out.buffer)
  out.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1], 0)
  dv.setBigUint64(40, BigInt(shoff), true)
  dv.setUint16(58, 64, true)
  dv.setUint16(60, bodies.length, true)
  dv.setUint16(62, 1, true)
  let nameOff = 0
  bodies.forEach((b, i) => {
    out.set(b, offsets[i]!)
    const s = shoff + i * 64
    dv.setUint32(s, nameOff, true)
    dv.setUint32(s + 4, i === 0 ? 0 : 1, true)
    dv.setBigUint64(s + 24, BigInt(offsets[i]!), true)
    dv.setBigUint64(s + 32, BigInt(b.length), true)
    nameOff += enc.encode(names[i]! + '\0').length
  })
  return out
}

describe('Rust cargo-auditable binaries', () => {
  // The JSON shape cargo-auditable documents (auditable-serde): packages with name,
  // version, source, optional kind and root.
  const audit = {
    packages: [
      { name: 'myapp', version: '0.1.0', source: 'local', root: true, dependencies: [1] },
      { name: 'serde', version: '1.0.130', source: 'crates.io' },
      { name: 'cc', version: '1.0.73', source: 'crates.io', kind: 'build' },
    ],
  }
  it('reads the .dep-v0 section and leaves build-only crates out', async () => {
    const bin = elfWith({ '.text': new Uint8Array(32), '.dep-v0': new Uint8Array(deflateSync(JSON.stringify(audit))) })
    expect(elfSection(bin, '.text')?.length).toBe(32)
    const { pkgs, warnings } = await run(cargoAuditableCataloger, [ef('usr/local/bin/myapp', bin, 0o755)])
    expect(warnings).toEqual([])
    expect(ids(pkgs)).toEqual(['myapp@0.1.0', 'serde@1.0.130'])
    expect(pkgs[1]!.purl).toBe('pkg:cargo/serde@1.0.130')
    expect(pkgs[1]!.ecosystem).toBe('crates.io')
  })

  it('corrupt zlib or a truncated section table is a warning; ELF without audit data is silent', async () => {
    const corrupt = elfWith({ '.dep-v0': new Uint8Array([0x78, 0x9c, 1, 2, 3, 4, 5]) })
    const plain = elfWith({ '.text': new Uint8Array(8) })
    const truncated = elfWith({ '.dep-v0': new Uint8Array(deflateSync('{}')) }).slice(0, 100)
    const { pkgs, warnings } = await run(cargoAuditableCataloger, [
      ef('usr/local/bin/a', corrupt, 0o755),
      ef('usr/local/bin/b', plain, 0o755),
      ef('usr/local/bin/c', truncated, 0o755),
    ])
    expect(pkgs).toEqual([])
    expect(warnings.map((w) => w.path)).toEqual(['usr/local/bin/a', 'usr/local/bin/c'])
  })
})

describe.skipIf(!D || !hasPython)('.NET deps.json against Python json', () => {
  const dirs = ['aquasecurity__trivy/pkg/dependency/parser/dotnet/core_deps/testdata', 'anchore__syft/syft/pkg/cataloger/dotnet/testdata/dir-example-1', 'anchore__syft/syft/pkg/cataloger/dotnet/testdata/deps-with-referenceassembly']
  for (const dir of dirs) {
    for (const f of D ? readdirSync(join(D, dir)).filter((x) => x.endsWith('.deps.json')) : []) {
      const path = join(D!, dir, f)
      let want: [string, string][] | undefined
      try {
        want = py(
          'import sys,json;d=json.load(open(sys.argv[1],encoding="utf-8-sig"));print(json.dumps([k.rsplit("/",1) for k,v in d.get("libraries",{}).items() if v.get("type")=="package"]))',
          path,
        )
      } catch {
        want = undefined
      }
      it(`${f} ${want ? `→ ${want.length} packages` : '→ warning'}`, async () => {
        const { pkgs, warnings } = await run(dotnetDepsJsonCataloger, [ef(`app/${f}`, read(join(dir, f)))])
        if (want) {
          expect(warnings).toEqual([])
          expect(pkgs.map((p) => [p.name, p.version])).toEqual(want)
        } else {
          expect(pkgs).toEqual([])
          expect(warnings).toHaveLength(1)
        }
      })
    }
  }

  it('purl and ecosystem', async () => {
    const { pkgs } = await run(dotnetDepsJsonCataloger, [ef('app/a.deps.json', '{"libraries":{"Newtonsoft.Json/13.0.1":{"type":"package"},"App/1.0.0":{"type":"project"}}}')])
    expect(pkgs).toHaveLength(1)
    expect(pkgs[0]!.purl).toBe('pkg:nuget/Newtonsoft.Json@13.0.1')
    expect(pkgs[0]!.ecosystem).toBe('NuGet')
  })
})
