import { describe, it, expect } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Package, Warning } from '@stowaway/core'
import { createFileTree, type ExtractedFile } from '@stowaway/extract'
import { sharedPath } from '../../../../test/support/shared.ts'
import { goBinaryCataloger } from './go-binary.ts'
import { parseGoModinfo, readGoBuildInfo } from './go-buildinfo.ts'

const ef = (path: string, bytes: Uint8Array, mode = 0o755): ExtractedFile => ({ path, bytes, size: bytes.length, mode, layer: 'sha256:l', layerIndex: 0 })
async function run(files: ExtractedFile[]) {
  const warnings: Warning[] = []
  const pkgs = await goBinaryCataloger.catalog({ tree: createFileTree(files), warn: (w) => warnings.push(w) })
  return { pkgs, warnings }
}
const ids = (pkgs: Package[]) => pkgs.map((p) => `${p.name}@${p.version}`)
const D = sharedPath('data/pkgdb')
const read = (rel: string) => new Uint8Array(readFileSync(join(D!, rel)))
const TRIVY = 'aquasecurity__trivy/pkg/dependency/parser/golang/binary/testdata/'
const SCALIBR = 'google__osv-scalibr/extractor/filesystem/language/golang/gobinary/testdata/'

describe.skipIf(!D)('Go binaries against trivy and osv-scalibr expected.md', () => {
  it('test.elf (go1.15.2, pointer-based build info): main module, 3 deps, stdlib v1.15.2', async () => {
    const { pkgs, warnings } = await run([ef('usr/local/bin/test', read(TRIVY + 'test.elf'))])
    expect(warnings).toEqual([])
    expect(ids(pkgs).sort()).toEqual(
      [
        'github.com/aquasecurity/test@(devel)',
        'stdlib@v1.15.2',
        'github.com/aquasecurity/go-pep440-version@v0.0.0-20210121094942-22b2f8951d46',
        'github.com/aquasecurity/go-version@v0.0.0-20210121072130-637058cfe492',
        'golang.org/x/xerrors@v0.0.0-20200804184101-5ec99f83aff1',
      ].sort(),
    )
    const xerrors = pkgs.find((p) => p.name === 'golang.org/x/xerrors')!
    expect(xerrors.purl).toBe('pkg:golang/golang.org/x/xerrors@v0.0.0-20200804184101-5ec99f83aff1')
    expect(xerrors.ecosystem).toBe('Go')
    expect(xerrors.locations).toEqual([{ path: 'usr/local/bin/test', layer: 'sha256:l' }])
  })

  it('main-version-via-ldflags.elf (go1.22.1, inline build info): main version from -X main.version', async () => {
    const { pkgs } = await run([ef('app/server', read(TRIVY + 'main-version-via-ldflags.elf'))])
    expect(ids(pkgs).sort()).toEqual(['github.com/aquasecurity/test@v1.0.0', 'stdlib@v1.22.1'])
  })

  it('module replacement: the replacement stands in for the replaced module (osv-scalibr)', async () => {
    const { pkgs } = await run([ef('usr/local/bin/binary_with_module_replacement', read(SCALIBR + 'binary_with_module_replacement-linux-amd64'))])
    // osv-scalibr reports versions without the leading "v" and the toolchain as "go";
    // Stowaway keeps Go's own spelling and names the toolchain "stdlib".
    expect(ids(pkgs).sort()).toEqual(['binary_with_module_replacement@(devel)', 'github.com/golang/xerrors@v0.0.0-20220907171357-04be3eba64a2', 'stdlib@v1.22.0'])
    expect(pkgs.find((p) => p.name === 'github.com/golang/xerrors')!.metadata!.replaces).toBe('golang.org/x/xerrors@v0.0.0-20220907171357-04be3eba64a2')
  })

  it('a non-binary file gives nothing and no warning (osv-scalibr dummy)', async () => {
    const { pkgs, warnings } = await run([ef('usr/local/bin/dummy', read(SCALIBR + 'dummy').length >= 64 ? read(SCALIBR + 'dummy') : new Uint8Array(100))])
    expect(pkgs).toEqual([])
    expect(warnings).toEqual([])
    expect(readGoBuildInfo(read(SCALIBR + 'dummy'))).toBeUndefined()
  })

  it('a truncated ELF is a warning, never a throw', async () => {
    const whole = read(TRIVY + 'test.elf')
    for (const cut of [100, 4096, Math.floor(whole.length / 2), whole.length - 10]) {
      const { pkgs, warnings } = await run([ef('usr/local/bin/cut', whole.slice(0, cut))])
      expect(warnings.length, `cut at ${cut}`).toBe(1)
      expect(warnings[0]!.path).toBe('usr/local/bin/cut')
      expect(pkgs.length).toBeLessThanOrEqual(5)
    }
  })

  it('an inline build info whose lengths run past the end is a warning', async () => {
    const whole = read(TRIVY + 'main-version-via-ldflags.elf')
    const at = Buffer.from(whole).indexOf(Buffer.from('\xff Go buildinf:', 'latin1'))
    const { warnings } = await run([ef('usr/local/bin/x', whole.slice(0, at + 40))])
    expect(warnings.map((w) => w.code)).toEqual(['ARCHIVE_INVALID', 'ARCHIVE_INVALID'])
    expect(warnings[1]!.message).toMatch(/^Cannot read Go build info: (version|module) string runs past the end/)
  })

  it('non-executable files are not read as binaries', async () => {
    const { pkgs } = await run([ef('usr/local/bin/test', read(TRIVY + 'test.elf'), 0o644)])
    expect(pkgs).toEqual([])
  })
})

describe('modinfo text', () => {
  it('parses mod/dep/=>/build lines with the linker sentinels', () => {
    const body = 'path\tex.com/cmd\nmod\tex.com\tv1.2.3\th1:a\ndep\told.org/x\tv0.1.0\th1:b\n=>\tnew.org/x\tv0.2.0\th1:c\nbuild\tGOOS=linux\n'
    const text = '0123456789abcdef' + body + 'fedcba9876543210'
    const info = parseGoModinfo('go1.21.0', text)
    expect(info.main).toEqual({ path: 'ex.com', version: 'v1.2.3', sum: 'h1:a' })
    expect(info.deps[0]!.replace).toEqual({ path: 'new.org/x', version: 'v0.2.0', sum: 'h1:c' })
    expect(info.settings.GOOS).toBe('linux')
  })
})
