import { describe, it, expect } from 'vitest'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import type { Package, Warning } from '@stowaway/core'
import { createFileTree, type ExtractedFile } from '@stowaway/extract'
import type { Cataloger } from '../cataloger.ts'
import { sharedPath } from '../../../../test/support/shared.ts'
import { ensureDebianImage } from '../../../../test/support/debian-image.ts'
import { npmPackageJsonCataloger } from './npm-package-json.ts'
import { npmPackageLockCataloger, parsePackageLock } from './npm-package-lock.ts'
import { parsePnpmLock, pnpmLockCataloger } from './npm-pnpm-lock.ts'
import { parseYarnLock, yarnLockCataloger } from './npm-yarn-lock.ts'
import { npmLicenses } from './npm-package.ts'
import { parseSyml } from '@yarnpkg/parsers'

// @yarnpkg/lockfile is untyped CommonJS.
const classic = createRequire(import.meta.url)('@yarnpkg/lockfile') as {
  parse(text: string): { object: Record<string, { version?: string; resolved?: string }> }
}

/**
 * Oracle: the registry packages of a yarn.lock as yarn's own parsers read it — classic
 * entries whose `resolved` is a registry tarball URL (`…/<name>/-/…`, which also names
 * the real package behind an alias), berry entries resolved through the `npm:` protocol.
 */
function yarnOracle(text: string): string[] {
  const out: string[] = []
  if (/^__metadata:/m.test(text)) {
    for (const [k, e] of Object.entries(parseSyml(text) as Record<string, { resolution?: string; version?: string }>)) {
      const m = k === '__metadata' ? null : /^(.+?)@npm:(.+)$/.exec(e.resolution ?? '')
      if (m) out.push(`${m[1]}@${e.version}`)
    }
  } else {
    for (const e of Object.values(classic.parse(text).object)) {
      const m = /^https?:\/\/[^/]+\/((?:@[^/]+\/)?[^/]+)\/-\//.exec(e.resolved ?? '')
      if (m) out.push(`${decodeURIComponent(m[1]!)}@${e.version}`)
    }
  }
  return [...new Set(out)].sort()
}

const enc = new TextEncoder()
const ef = (path: string, bytes: Uint8Array | string, layer = 'sha256:l'): ExtractedFile => {
  const b = typeof bytes === 'string' ? enc.encode(bytes) : bytes
  return { path, bytes: b, size: b.length, mode: 0o644, layer, layerIndex: 0 }
}
async function run(c: Cataloger, files: ExtractedFile[]) {
  const warnings: Warning[] = []
  const pkgs = await c.catalog({ tree: createFileTree(files), warn: (w) => warnings.push(w) })
  return { pkgs, warnings }
}
const ids = (pkgs: Package[]) => pkgs.map((p) => `${p.name}@${p.version}`)

/** Files under `root` as ExtractedFiles with root-relative paths. */
function walk(root: string, dir = root, out: ExtractedFile[] = []): ExtractedFile[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    const st = statSync(p)
    if (st.isDirectory()) walk(root, p, out)
    else if (st.isFile()) out.push(ef(relative(root, p), new Uint8Array(readFileSync(p)), 'sha256:layer3'))
  }
  return out
}

describe('npm oracle: the Debian image app layer equals npm ls --all --json', () => {
  const img = ensureDebianImage()
  it.skipIf(!img)('installed packages match npm ls and expected.json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stowaway-npm-'))
    try {
      execFileSync('tar', ['-x', '-f', join(img!.out, 'layers/layer3.tar'), '-C', dir])
      const ls = JSON.parse(execFileSync('npm', ['ls', '--all', '--json'], { cwd: join(dir, 'app'), encoding: 'utf8' }))
      const want: string[] = []
      const visit = (deps: Record<string, { version: string; dependencies?: object }> | undefined) => {
        for (const [name, d] of Object.entries(deps ?? {})) {
          want.push(`${name}@${d.version}`)
          visit(d.dependencies as never)
        }
      }
      visit(ls.dependencies)
      const files = walk(dir)
      const installed = await run(npmPackageJsonCataloger, files)
      expect(installed.warnings).toEqual([])
      expect(ids(installed.pkgs).sort()).toEqual([...new Set(want)].sort())
      expect(ids(installed.pkgs).sort()).toEqual(img!.expected.npm.map((p: { name: string; version: string }) => `${p.name}@${p.version}`).sort())
      expect(installed.pkgs[0]!.locations).toEqual([{ path: 'app/node_modules/lodash/package.json', layer: 'sha256:layer3' }])
      expect(installed.pkgs[0]!.purl).toBe('pkg:npm/lodash@4.17.20')
      // The lockfile beside node_modules stays quiet: no duplicates.
      expect((await run(npmPackageLockCataloger, files)).pkgs).toEqual([])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

const D = sharedPath('data/pkgdb')

describe.skipIf(!D)('package-lock.json against trivy expected.md', () => {
  const md = D ? readFileSync(join(D, 'aquasecurity__trivy/pkg/dependency/parser/nodejs/npm/expected.md'), 'utf8') : ''
  const expectedFor = (file: string) => {
    const sec = md.slice(md.indexOf(`"testdata/${file}"`))
    const line = /^- packages: (.+)$/m.exec(sec)![1]!
    return [...line.matchAll(/`([^`]+)`/g)].map((m) => m[1]!)
  }
  for (const file of ['package-lock_v1.json', 'package-lock_v2.json', 'package-lock_v3.json', 'package-lock_v3_with_peer.json', 'package-lock_v3_with-same-dev-and-non-dev.json', 'package-lock_v3_with_legacy_licenses.json']) {
    it(file, async () => {
      const bytes = new Uint8Array(readFileSync(join(D!, 'aquasecurity__trivy/pkg/dependency/parser/nodejs/npm/testdata', file)))
      const { pkgs, warnings } = await run(npmPackageLockCataloger, [ef('srv/app/package-lock.json', bytes)])
      expect(warnings).toEqual([])
      expect(ids(pkgs).sort()).toEqual(expectedFor(file).sort())
    })
  }

  it('legacy license shapes are normalised', () => {
    const bytes = new Uint8Array(readFileSync(join(D!, 'aquasecurity__trivy/pkg/dependency/parser/nodejs/npm/testdata/package-lock_v3_with_legacy_licenses.json')))
    const pkgs = parsePackageLock({ path: 'package-lock.json', bytes })!
    for (const p of pkgs) expect(p.licenses?.length).toBeGreaterThan(0)
  })
})

describe.skipIf(!D)('package-lock.json against osv-scalibr expected.md', () => {
  const dir = D ? join(D, 'google__osv-scalibr/extractor/filesystem/language/javascript/packagelockjson') : ''
  const md = D ? readFileSync(join(dir, 'expected.md'), 'utf8') : ''
  // commits.* and files.* also list git and local-directory packages (some without a
  // version); Stowaway leaves those out as they cannot be matched as registry releases.
  const skip = /^(commits|files)\./
  for (const sec of md.split('### ').slice(1)) {
    const input = /input: `"testdata\/([^"]+\.json)"`/.exec(sec)?.[1]
    if (!input || skip.test(input)) continue
    it(input, () => {
      const want = [...new Set([...(/packages \(name@version\): (.+)/.exec(sec)?.[1] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]!))].sort()
      const got = parsePackageLock({ path: 'package-lock.json', bytes: new Uint8Array(readFileSync(join(dir, 'testdata', input))) })!
      expect([...new Set(ids(got))].sort()).toEqual(want)
    })
  }
})

describe.skipIf(!D)('yarn.lock against yarn\'s own parsers (@yarnpkg/lockfile, @yarnpkg/parsers)', () => {
  const dirs = ['aquasecurity__trivy/pkg/dependency/parser/nodejs/yarn/testdata', 'google__osv-scalibr/extractor/filesystem/language/javascript/yarnlock/testdata']
  for (const dir of dirs) {
    for (const f of D ? readdirSync(join(D, dir)) : []) {
      // yarn's classic parser rejects this one outright; Stowaway reads what it can.
      if (f === 'yarn_with_bad_protocol.lock') continue
      it(f, () => {
        const bytes = new Uint8Array(readFileSync(join(D!, dir, f)))
        const want = yarnOracle(new TextDecoder().decode(bytes))
        expect([...new Set(ids(parseYarnLock({ path: 'yarn.lock', bytes })))].sort()).toEqual(want)
      })
    }
  }
})

describe.skipIf(!D)('package-lock.json git and local entries', () => {
  it('commits.v1/v2: of osv-scalibr\'s list only the registry releases remain, the same for both lockfile versions', () => {
    const dir = join(D!, 'google__osv-scalibr/extractor/filesystem/language/javascript/packagelockjson/testdata')
    for (const f of ['commits.v1.json', 'commits.v2.json']) {
      const pkgs = parsePackageLock({ path: 'package-lock.json', bytes: new Uint8Array(readFileSync(join(dir, f))) })!
      expect(ids(pkgs).sort(), f).toEqual(['ansi-styles@1.0.0', 'postcss-calc@7.0.1'])
    }
  })
})

describe('yarn.lock', () => {
  it('classic and berry with aliases resolve to the real packages (osv-scalibr with-aliases fixtures)', () => {
    const base = D && join(D, 'google__osv-scalibr/extractor/filesystem/language/javascript/yarnlock/testdata')
    if (!base) return
    for (const f of ['with-aliases.v1.lock', 'with-aliases.v2.lock']) {
      const pkgs = parseYarnLock({ path: 'yarn.lock', bytes: new Uint8Array(readFileSync(join(base, f))) })
      expect(ids(pkgs).sort()).toEqual(['@babel/helper-validator-identifier@7.22.20', 'ansi-regex@5.0.1', 'ansi-regex@6.0.1'])
    }
  })

  it('skips git, workspace and file entries; keeps npm ones', async () => {
    const lock = [
      '__metadata:',
      '  version: 6',
      '',
      '"@types/node@npm:^18.0.0, @types/node@npm:^18.1.0":',
      '  version: 18.11.9',
      '  resolution: "@types/node@npm:18.11.9"',
      '',
      '"app@workspace:.":',
      '  version: 0.0.0-use.local',
      '  resolution: "app@workspace:."',
      '',
      '"dep@https://github.com/o/dep.git#main":',
      '  version: 2.0.0',
      '  resolution: "dep@https://github.com/o/dep.git#commit=abc"',
      '',
    ].join('\n')
    const { pkgs } = await run(yarnLockCataloger, [ef('app/yarn.lock', lock)])
    expect(ids(pkgs)).toEqual(['@types/node@18.11.9'])
    expect(pkgs[0]!.purl).toBe('pkg:npm/%40types/node@18.11.9')
  })

  it('garbage yields no packages and no crash', async () => {
    const { pkgs } = await run(yarnLockCataloger, [ef('yarn.lock', new Uint8Array([0xff, 0x00, 0x3a, 0x0a, 0x20, 0x20, 0x76]))])
    expect(pkgs).toEqual([])
  })
})

describe('pnpm-lock.yaml', () => {
  const base = D && join(D, 'google__osv-scalibr/extractor/filesystem/language/javascript/pnpmlock/testdata')
  it.skipIf(!base)('v5, v6 and v9 scoped packages and peer suffixes', () => {
    const read = (f: string) => parsePnpmLock({ path: 'pnpm-lock.yaml', bytes: new Uint8Array(readFileSync(join(base!, f))) })!
    // Package keys visible in the fixtures themselves.
    expect(ids(read('scoped-packages.yaml'))).toEqual(['@typescript-eslint/types@5.13.0'])
    expect(ids(read('scoped-packages-v6-lockfile.yaml'))).toEqual(['@typescript-eslint/types@5.57.1'])
    expect(ids(read('scoped-packages.v9.yaml'))).toEqual(['@typescript-eslint/types@5.62.0'])
    expect(ids(read('peer-dependencies.yaml')).sort()).toEqual(['acorn-jsx@5.3.2', 'acorn@8.7.0'])
    expect(ids(read('peer-dependencies-v6.yaml')).sort()).toEqual(['js-tokens@4.0.0', 'loose-envify@1.4.0', 'react-dom@18.2.0', 'react@18.2.0', 'scheduler@0.23.0'])
  })

  it.skipIf(!base)('registry hosts in v5 keys; git, local and git-host tarball entries left out', () => {
    const read = (f: string, dir = base!) => parsePnpmLock({ path: 'pnpm-lock.yaml', bytes: new Uint8Array(readFileSync(join(dir, f))) })!
    // Keys in exotic.yaml: /foo/1.0.0, /@foo/bar/1.0.0, registry.npmjs.org/foo/1.1.0,
    // registry.npmjs.org/@foo/bar/1.1.0, github.com/kevva/is-positive, example.com/foo/1.2.0,
    // example.com/foo/1.3.0_bar@2.0.0, /foo/1.4.0_@types+babel__core@7.1.14, /foo/bar.
    expect(ids(read('exotic.yaml'))).toEqual(['foo@1.0.0', '@foo/bar@1.0.0', 'foo@1.1.0', '@foo/bar@1.1.0', 'foo@1.2.0', 'foo@1.3.0', 'foo@1.4.0'])
    expect(read('files.yaml')).toEqual([])
    expect(read('commits.yaml')).toEqual([])
    expect(read('commits.v9.yaml')).toEqual([])
    expect(ids(read('tarball.yaml'))).toEqual(['@my-org/my-package@3.2.3'])
    const trivy = join(D!, 'aquasecurity__trivy/pkg/dependency/parser/nodejs/pnpm/testdata')
    expect(ids(read('pnpm-lock_archives.yaml', trivy))).toEqual(['asynckit@0.4.0', 'ms@2.1.2'])
  })

  it('garbage YAML is a warning', async () => {
    const { pkgs, warnings } = await run(pnpmLockCataloger, [ef('app/pnpm-lock.yaml', 'packages: [unclosed\n  : : :\n\t- {')])
    expect(pkgs).toEqual([])
    expect(warnings).toHaveLength(1)
    expect(warnings[0]!.message).toMatch(/^Cannot parse "app\/pnpm-lock.yaml"/)
  })
})

describe('bad input', () => {
  it('a package.json that is not JSON is a warning with path and layer; siblings still count', async () => {
    const { pkgs, warnings } = await run(npmPackageJsonCataloger, [
      ef('app/node_modules/bad/package.json', '{"name": "bad", "version": '),
      ef('app/node_modules/@s/good/package.json', '{"name":"@s/good","version":"1.0.0","license":{"type":"MIT"}}'),
    ])
    expect(ids(pkgs)).toEqual(['@s/good@1.0.0'])
    expect(pkgs[0]!.licenses).toEqual(['MIT'])
    expect(warnings).toEqual([{ code: 'SBOM_INVALID', message: 'Cannot parse "app/node_modules/bad/package.json": not a JSON object', path: 'app/node_modules/bad/package.json', layer: 'sha256:l' }])
  })

  it('a garbage package-lock.json is a warning', async () => {
    const { pkgs, warnings } = await run(npmPackageLockCataloger, [ef('package-lock.json', 'not json at all')])
    expect(pkgs).toEqual([])
    expect(warnings).toHaveLength(1)
  })

  it('license fields in every legacy shape', () => {
    expect(npmLicenses({ license: 'MIT' })).toEqual(['MIT'])
    expect(npmLicenses({ licenses: ['MIT', { type: 'ISC' }] })).toEqual(['MIT', 'ISC'])
    expect(npmLicenses({ license: null })).toEqual([])
  })
})
