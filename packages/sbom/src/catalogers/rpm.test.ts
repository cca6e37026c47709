import { describe, it, expect } from 'vitest'
import { execFileSync } from 'node:child_process'
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Warning } from '@stowaway/core'
import { createFileTree } from '@stowaway/extract'
import { sharedPath } from '../../../../test/support/shared.ts'
import { parseRpmHeader } from './rpm-header.ts'
import { readSqliteTable, readSqliteWal } from './rpm-sqlite.ts'
import { parseSourceRpm, readRpmDbBlobs, rpmCataloger, rpmPackage } from './rpm.ts'
import { readNdbBlobs } from './rpm-ndb.ts'

const D = sharedPath('data/pkgdb')
const file = (rel: string) => new Uint8Array(readFileSync(join(D!, rel)))

function hasRpm(): boolean {
  try {
    execFileSync('rpm', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** `rpm -qa` on a writable temp copy, the database renamed as rpm expects it. */
function rpmQa(src: string, as: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'stowaway-rpm-'))
  try {
    copyFileSync(src, join(dir, as))
    const out = execFileSync('rpm', ['-qa', '--dbpath', dir, '--qf', '%{NAME} %{EPOCHNUM}:%{VERSION}-%{RELEASE}\n'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
    return out.split('\n').filter(Boolean).sort()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function catalog(path: string, bytes: Uint8Array, distro?: { id: string; versionId?: string }) {
  const warnings: Warning[] = []
  const tree = createFileTree([{ path, bytes, size: bytes.length, mode: 0o644, layer: 'sha256:l1', layerIndex: 0 }])
  const pkgs = await rpmCataloger.catalog({ tree, distro, warn: (w) => warnings.push(w) })
  return { pkgs, warnings }
}

// rpm -qa's EPOCHNUM is 0 when the header has no epoch; our version omits a 0/absent epoch.
const asQa = (p: { name: string; version: string }) => `${p.name} ${p.version.includes(':') ? p.version : '0:' + p.version}`

describe.skipIf(!D)('rpm cataloger against fixtures and rpm -qa', () => {
  const oracle = hasRpm()

  it.skipIf(!oracle)('SQLite rpmdb.sqlite (CBL-Mariner 2.0) equals rpm -qa', async () => {
    const rel = 'knqyf263__go-rpmdb/pkg/testdata/cbl-mariner-2.0/rpmdb.sqlite'
    const want = rpmQa(join(D!, rel), 'rpmdb.sqlite')
    const { pkgs, warnings } = await catalog('var/lib/rpm/rpmdb.sqlite', file(rel))
    expect(warnings).toEqual([])
    expect(want.length).toBeGreaterThan(100)
    expect(pkgs.map(asQa).sort()).toEqual(want)
  })

  it('SQLite: curl matches go-rpmdb TestRpmDB_Package facts', async () => {
    const { pkgs } = await catalog('var/lib/rpm/rpmdb.sqlite', file('knqyf263__go-rpmdb/pkg/testdata/cbl-mariner-2.0/rpmdb.sqlite'))
    const curl = pkgs.find((p) => p.name === 'curl')!
    expect(curl.version).toBe('7.76.0-6.cm2')
    expect(curl.arch).toBe('x86_64')
    expect(curl.licenses).toEqual(['MIT'])
    expect(curl.source).toEqual({ name: 'curl', version: '7.76.0-6.cm2' })
    expect(curl.metadata).toMatchObject({ vendor: 'Microsoft Corporation', size: 326023, sourceRpm: 'curl-7.76.0-6.cm2.src.rpm' })
  })

  it('NDB Packages.db (SLE 15 SP3 BCI) equals the 35 packages of expected.md, in order', async () => {
    // rpm on Debian is built without the ndb backend, so expected.md is the oracle here.
    const md = readFileSync(join(D!, 'knqyf263__go-rpmdb/pkg/testdata/expected.md'), 'utf8')
    const section = md.slice(md.indexOf('sle15-bci/Packages.db'), md.indexOf('cbl-mariner-2.0/rpmdb.sqlite` —'))
    const rows = [...section.matchAll(/^\| \d+ \|\s*(\d*)\s*\| (\S+) \| (\S+) \| (\S+) \| (\S+) \| (\S+) \| (.+) \|$/gm)]
    expect(rows.length).toBe(35)
    const { pkgs, warnings } = await catalog('usr/lib/sysimage/rpm/Packages.db', file('knqyf263__go-rpmdb/pkg/testdata/sle15-bci/Packages.db'), { id: 'sles', versionId: '15.3' })
    expect(warnings).toEqual([])
    expect(pkgs.map((p) => [p.name, p.version, p.arch, p.metadata?.sourceRpm, p.licenses?.[0]])).toEqual(
      rows.map((r) => [r[2], `${r[1] ? r[1] + ':' : ''}${r[3]}-${r[4]}`, r[5], r[6], r[7]]),
    )
    expect(pkgs[5]!.source).toEqual({ name: 'gcc11', version: '11.2.1+git610-1.3.9' })
    expect(pkgs[0]!.ecosystem).toBe('SUSE:Linux Enterprise Server 15 SP3')
    expect(pkgs[0]!.locations).toEqual([{ path: 'usr/lib/sysimage/rpm/Packages.db', layer: 'sha256:l1' }])
  })

  const bdb = [
    ['knqyf263__go-rpmdb/pkg/testdata/libuuid/Packages', ['libuuid 0:2.32.1-42.el8_8']],
    ['anchore__syft/syft/pkg/cataloger/redhat/testdata/Packages', ['dive 0:0.9.2-1']],
    ['google__osv-scalibr/extractor/filesystem/os/rpm/testdata/Packages_epoch', ['hello 1:0.0.1-rls']],
  ] as const
  for (const [rel, fromExpectedMd] of bdb) {
    it(`BerkeleyDB ${rel.split('/').slice(-2).join('/')} equals expected.md${oracle ? ' and rpm -qa' : ''}`, async () => {
      const { pkgs, warnings } = await catalog('var/lib/rpm/Packages', file(rel))
      expect(warnings).toEqual([])
      expect(pkgs.map(asQa)).toEqual(fromExpectedMd)
      if (oracle) expect(pkgs.map(asQa).sort()).toEqual(rpmQa(join(D!, rel), 'Packages'))
    })
  }

  it('keeps the epoch and source rpm (osv-scalibr custom_rpm; syft dive purl facts)', async () => {
    const { pkgs } = await catalog('var/lib/rpm/Packages', file('google__osv-scalibr/extractor/filesystem/os/rpm/testdata/Packages_epoch'), { id: 'fedora', versionId: '38' })
    expect(pkgs[0]).toMatchObject({ name: 'hello', version: '1:0.0.1-rls', arch: 'x86_64', licenses: ['GPL'], metadata: { epoch: 1, sourceRpm: 'hello-0.0.1-rls.src.rpm' } })
    expect(pkgs[0]!.purl).toBe('pkg:rpm/fedora/hello@0.0.1-rls?arch=x86_64&distro=fedora-38&epoch=1&upstream=hello-0.0.1-rls.src.rpm')
    const dive = (await catalog('var/lib/rpm/Packages', file('anchore__syft/syft/pkg/cataloger/redhat/testdata/Packages'))).pkgs[0]!
    expect(dive.purl).toBe('pkg:rpm/dive@0.9.2-1?arch=x86_64&upstream=dive-0.9.2-1.src.rpm')
  })

  it('raw header blob.bin parses (go-rpmdb TestNevra)', () => {
    const h = parseRpmHeader(file('knqyf263__go-rpmdb/pkg/testdata/blob.bin'))
    expect(h.name).toBeTruthy()
    expect(h.version).toBeTruthy()
  })

  it('empty and invalid databases give warnings, not throws (osv-scalibr empty/invalid)', async () => {
    for (const rel of ['google__osv-scalibr/extractor/filesystem/os/rpm/testdata/empty.sqlite', 'google__osv-scalibr/extractor/filesystem/os/rpm/testdata/invalid']) {
      const { pkgs, warnings } = await catalog('var/lib/rpm/rpmdb.sqlite', file(rel))
      expect(pkgs).toEqual([])
      expect(warnings).toHaveLength(1)
      expect(warnings[0]!.message).toMatch(/^Cannot read rpm database/)
    }
  })

  it('a truncated SQLite file gives a warning', async () => {
    const bytes = file('knqyf263__go-rpmdb/pkg/testdata/cbl-mariner-2.0/rpmdb.sqlite').slice(0, 300_000)
    const { warnings } = await catalog('var/lib/rpm/rpmdb.sqlite', bytes)
    expect(warnings.length).toBeGreaterThan(0)
    expect(warnings[0]!.code).toBe('ARCHIVE_INVALID')
  })

  it('an rpm header with bad offsets in an NDB slot gives a warning; good headers still count', async () => {
    const good = file('knqyf263__go-rpmdb/pkg/testdata/blob.bin')
    const broken = good.slice()
    // Point the first index entry's offset far past the data store.
    new DataView(broken.buffer).setInt32(8 + 8, 0x7fff0000)
    const bytes = ndbFile([good, broken])
    const { pkgs, warnings } = await catalog('usr/lib/sysimage/rpm/Packages.db', bytes)
    expect(pkgs).toHaveLength(1)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]!.message).toMatch(/^Cannot parse 1 rpm header/)
  })
})

function has(cmd: string, arg: string): boolean {
  try {
    execFileSync(cmd, [arg], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

describe.skipIf(!D || !has('rpm', '--version') || !has('sqlite3', '--version'))('SQLite rpmdb with uncheckpointed pages in rpmdb.sqlite-wal', () => {
  it('reads the WAL: equals rpm -qa over both files, and differs from the main file alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stowaway-wal-'))
    try {
      // sqlite3 edits a copy in WAL mode without checkpointing, and snapshots both files
      // while its connection is still open (closing would checkpoint and delete the WAL).
      mkdirSync(join(dir, 'work'))
      mkdirSync(join(dir, 'snap'))
      copyFileSync(join(D!, 'knqyf263__go-rpmdb/pkg/testdata/cbl-mariner-2.0/rpmdb.sqlite'), join(dir, 'work/db'))
      chmodSync(join(dir, 'work/db'), 0o644)
      const script = [
        'PRAGMA journal_mode=WAL;',
        'PRAGMA wal_autocheckpoint=0;',
        'DELETE FROM Packages WHERE hnum % 2 = 0;',
        'INSERT INTO Packages(blob) SELECT blob FROM Packages WHERE hnum = 3;',
        '.shell cp db ../snap/rpmdb.sqlite && cp db-wal ../snap/rpmdb.sqlite-wal',
        '',
      ].join('\n')
      execFileSync('sqlite3', ['db'], { cwd: join(dir, 'work'), input: script, stdio: ['pipe', 'ignore', 'ignore'] })
      const main = new Uint8Array(readFileSync(join(dir, 'snap/rpmdb.sqlite')))
      const wal = new Uint8Array(readFileSync(join(dir, 'snap/rpmdb.sqlite-wal')))
      const want = execFileSync('rpm', ['-qa', '--dbpath', join(dir, 'snap'), '--qf', '%{NAME} %{EPOCHNUM}:%{VERSION}-%{RELEASE}\n'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
        .split('\n')
        .filter(Boolean)
        .sort()
      const tree = createFileTree([
        { path: 'var/lib/rpm/rpmdb.sqlite', bytes: main, size: main.length, mode: 0o644, layer: 'sha256:l', layerIndex: 0 },
        { path: 'var/lib/rpm/rpmdb.sqlite-wal', bytes: wal, size: wal.length, mode: 0o644, layer: 'sha256:l', layerIndex: 0 },
      ])
      const warnings: Warning[] = []
      const pkgs = await rpmCataloger.catalog({ tree, warn: (w) => warnings.push(w) })
      expect(warnings).toEqual([])
      expect(want.length).toBeGreaterThan(60)
      expect(pkgs.map(asQa).sort()).toEqual(want)
      expect(readRpmDbBlobs(main).blobs.length).not.toBe(want.length)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe.skipIf(!D)('rpm layer attribution', () => {
  it('each package gets the layer from which it stays listed (database history)', async () => {
    const a = file('knqyf263__go-rpmdb/pkg/testdata/blob.bin')
    const b = readNdbBlobs(file('knqyf263__go-rpmdb/pkg/testdata/sle15-bci/Packages.db')).blobs[13]!
    const older = ndbFile([a])
    const final = ndbFile([a, b])
    const path = 'usr/lib/sysimage/rpm/Packages.db'
    const v1 = { path, bytes: older, size: older.length, mode: 0o644, layer: 'sha256:base', layerIndex: 0 }
    const v2 = { path, bytes: final, size: final.length, mode: 0o644, layer: 'sha256:app', layerIndex: 1 }
    const tree = { ...createFileTree([v2]), history: () => [v1, v2] }
    const pkgs = await rpmCataloger.catalog({ tree, warn: () => {} })
    expect(pkgs.map((p) => [p.name, p.locations![0]!.layer])).toEqual([
      ['publicsuffix-list-dafsa', 'sha256:base'],
      ['bash', 'sha256:app'],
    ])
    for (const h of rpmCataloger.historyPatterns!) expect(rpmCataloger.patterns).toContain(h)
  })
})

/** An NDB file laid out per rpm's rpmpkg.c: header + slot page, blobs at 16-byte blocks. */
function ndbFile(blobs: Uint8Array[]): Uint8Array {
  const le = (s: string) => s.charCodeAt(0) | (s.charCodeAt(1) << 8) | (s.charCodeAt(2) << 16) | (s.charCodeAt(3) << 24)
  let size = 4096
  const at: number[] = []
  for (const b of blobs) {
    at.push(size)
    size += Math.ceil((16 + b.length) / 16) * 16
  }
  const out = new Uint8Array(size)
  const dv = new DataView(out.buffer)
  dv.setUint32(0, le('RpmP'), true)
  dv.setUint32(12, 1, true)
  blobs.forEach((b, i) => {
    const s = 32 + i * 16
    dv.setUint32(s, le('Slot'), true)
    dv.setUint32(s + 4, i + 1, true)
    dv.setUint32(s + 8, at[i]! / 16, true)
    dv.setUint32(s + 12, Math.ceil((16 + b.length) / 16), true)
    dv.setUint32(at[i]!, le('BlbS'), true)
    dv.setUint32(at[i]! + 4, i + 1, true)
    dv.setUint32(at[i]! + 12, b.length, true)
    out.set(b, at[i]! + 16)
  })
  return out
}

describe('rpm helpers', () => {
  it('parseSourceRpm splits name and version-release', () => {
    expect(parseSourceRpm('util-linux-2.32.1-42.el8_8.src.rpm')).toEqual({ name: 'util-linux', version: '2.32.1-42.el8_8' })
    expect(parseSourceRpm('garbage')).toBeUndefined()
  })

  it('formats E:V-R as syft documents (epoch 0 kept in metadata, omitted from version)', () => {
    const p = rpmPackage({ name: 'a', version: '1.2.3', release: '4-el7', epoch: 12 }, { path: 'x' }, {})
    expect(p.version).toBe('12:1.2.3-4-el7')
    expect(rpmPackage({ name: 'a', version: '1.2.3', release: '4-el7' }, { path: 'x' }, {}).version).toBe('1.2.3-4-el7')
  })

  it('AlmaLinux distro gives the OSV ecosystem with major release and a distro qualifier', () => {
    const p = rpmPackage({ name: 'bash', version: '5.1.8', release: '6.el9', arch: 'x86_64' }, { path: 'x' }, { distro: { id: 'almalinux', versionId: '9.3' } })
    expect(p.ecosystem).toBe('AlmaLinux:9')
    expect(p.purl).toBe('pkg:rpm/almalinux/bash@5.1.8-6.el9?arch=x86_64&distro=almalinux-9.3')
  })

  it('header parser rejects truncated and out-of-range blobs', () => {
    expect(() => parseRpmHeader(new Uint8Array(4))).toThrow(/Cannot parse rpm header/)
    expect(() => parseRpmHeader(new Uint8Array([0, 0, 0, 1, 0, 0, 0, 100]))).toThrow(/needs/)
  })

  it('a WAL with a bad header or checksum contributes nothing', () => {
    expect(readSqliteWal(new Uint8Array(64).fill(7), 4096).pages.size).toBe(0)
    const hdr = new Uint8Array(32)
    new DataView(hdr.buffer).setUint32(0, 0x377f0682)
    new DataView(hdr.buffer).setUint32(8, 4096)
    expect(readSqliteWal(hdr, 4096)).toEqual({ pages: new Map(), dbPages: 0 })
  })

  it('SQLite reader rejects non-SQLite bytes', () => {
    expect(() => readSqliteTable(new Uint8Array(200), 'Packages')).toThrow(/no SQLite header/)
    expect(() => readRpmDbBlobs(new Uint8Array(0))).toThrow(/file is empty/)
  })
})
