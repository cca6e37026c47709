import { describe, it, expect } from 'vitest'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync, mkdirSync, symlinkSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isStowawayError } from '@stowaway/core'
import { TarParser } from './tar-parser.ts'
import { readNumber } from './tar-header.ts'
import type { TarEntryHeader } from './tar-header.ts'
import { makeTar } from './testing/make-tar.ts'

function parse(bytes: Uint8Array, chunk = bytes.length || 1, want = (_h: TarEntryHeader) => true) {
  const entries: { h: TarEntryHeader; body?: string }[] = []
  const p = new TarParser({
    entry: (h) => {
      entries.push({ h })
      return want(h)
    },
    body: (_h, b) => {
      entries[entries.length - 1]!.body = new TextDecoder().decode(b)
    },
  })
  for (let i = 0; i < bytes.length; i += chunk) p.push(bytes.subarray(i, i + chunk))
  p.end()
  return entries
}

describe('TarParser', () => {
  const long = 'a/' + 'b'.repeat(120) + '/file.txt'

  it('reads files, dirs, links and long names however the input is chunked', () => {
    const tar = makeTar([
      { name: 'etc', type: 'dir' },
      { name: 'etc/hostname', body: 'box\n' },
      { name: 'etc/os-release', type: 'symlink', linkname: '../usr/lib/os-release' },
      { name: 'usr/bin/x', type: 'hardlink', linkname: 'etc/hostname' },
      { name: long, body: 'gnu', long: 'gnu' },
      { name: long + '2', body: 'pax', long: 'pax' },
      { name: 'c'.repeat(90) + '/' + 'd'.repeat(60), body: 'prefix', long: 'prefix' },
    ])
    for (const chunk of [1, 7, 511, 512, 513, tar.length]) {
      const e = parse(tar, chunk, (h) => h.kind === 'file')
      expect(e.map((x) => [x.h.name, x.h.kind, x.body ?? null])).toEqual([
        ['etc', 'dir', null],
        ['etc/hostname', 'file', 'box\n'],
        ['etc/os-release', 'symlink', null],
        ['usr/bin/x', 'hardlink', null],
        [long, 'file', 'gnu'],
        [long + '2', 'file', 'pax'],
        ['c'.repeat(90) + '/' + 'd'.repeat(60), 'file', 'prefix'],
      ])
      expect(e[2]!.h.linkname).toBe('../usr/lib/os-release')
    }
  })

  it('skips unrequested bodies without handing them out', () => {
    const tar = makeTar([{ name: 'a', body: 'x'.repeat(5000) }, { name: 'b', body: 'y' }])
    const e = parse(tar, 100, (h) => h.name === 'b')
    expect(e.map((x) => x.body)).toEqual([undefined, 'y'])
  })

  it('reads archives written by GNU tar (gnu, posix and ustar formats)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stowaway-tar-'))
    try {
      const root = join(dir, 'root')
      const deep = join(root, 'x'.repeat(80), 'y'.repeat(50))
      mkdirSync(deep, { recursive: true })
      writeFileSync(join(deep, 'z'.repeat(60)), 'deep')
      writeFileSync(join(root, 'small'), 'hello')
      symlinkSync('small', join(root, 'link'))
      for (const format of ['gnu', 'posix', 'ustar']) {
        const out = join(dir, `${format}.tar`)
        execFileSync('tar', ['-C', root, `--format=${format}`, '--sort=name', '-cf', out, '.'])
        const listed = execFileSync('tar', ['-tf', out], { encoding: 'utf8' }).trim().split('\n').map((s) => s.replace(/\/$/, ''))
        const e = parse(new Uint8Array(readFileSync(out)), 1000)
        expect(e.map((x) => x.h.name.replace(/\/$/, ''))).toEqual(listed)
        expect(e.find((x) => x.h.name.endsWith('z'.repeat(60)))?.body).toBe('deep')
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('decodes base-256 sizes', () => {
    const b = new Uint8Array(12)
    b[0] = 0x80
    b[7] = 0x02 // 2 * 2^32
    expect(readNumber(b, 0, 12)).toBe(2 * 2 ** 32)
  })

  it('fails with ARCHIVE_INVALID on a bad checksum', () => {
    const tar = makeTar([{ name: 'a', body: 'x' }])
    tar[0] = 'b'.charCodeAt(0)
    expect(() => parse(tar)).toThrow(expect.objectContaining({ code: 'ARCHIVE_INVALID' }))
  })

  it('fails with ARCHIVE_INVALID when truncated inside a body or header', () => {
    const tar = makeTar([{ name: 'a', body: 'x'.repeat(2000) }])
    for (const cut of [700, 300]) {
      try {
        parse(tar.subarray(0, cut))
        expect.unreachable()
      } catch (e) {
        expect(isStowawayError(e, 'ARCHIVE_INVALID')).toBe(true)
      }
    }
  })

  it('accepts an archive without end-of-archive blocks and an empty stream', () => {
    expect(parse(makeTar([{ name: 'a', body: 'x' }], true)).length).toBe(1)
    expect(parse(new Uint8Array(0))).toEqual([])
  })

  it('rejects oversized and malformed PAX records', () => {
    const tar = makeTar([{ name: 'a/' + 'b'.repeat(200), body: 'x', long: 'pax' }])
    // corrupt the record length digits inside the PAX body (after its 512-byte header)
    tar[512] = 'z'.charCodeAt(0)
    expect(() => parse(tar)).toThrow(expect.objectContaining({ code: 'ARCHIVE_INVALID' }))
    const p = new TarParser({ entry: () => false }, { maxMetaBytes: 10 })
    expect(() => p.push(makeTar([{ name: 'a/' + 'b'.repeat(200), body: 'x', long: 'gnu' }]))).toThrow(expect.objectContaining({ code: 'ARCHIVE_INVALID' }))
  })
})
