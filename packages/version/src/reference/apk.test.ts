import { describe, expect, it } from 'vitest'
import { Scheme, schemeForEcosystem } from '../scheme.ts'
import { BACKENDS } from '../testing/backends.ts'
import { opCode, readOrderCases, readVector } from '../testing/vectors.ts'

// Facts transcribed from apk-tools' version.data (see cases.txt header).
const rows = readVector('alpinelinux__apk-tools/cases.txt')
  .split('\n')
  .filter((l) => l && !l.startsWith('#'))
  .map((l) => l.split('\t'))

// osv-scalibr alpine-versions.txt lines where a side is invalid for apk-tools; we follow
// apk (docs/versions.md lists each with its reason).
const SCALIBR_SKIPPED = new Set<string>([
  '1-r = 1-r0',
  '1-r-0 < 1-r0',
  '1-r-1 < 1-r0',
  '0.r1 < 0r2',
  '0..1..0 < 0..1..1',
  '0...1...0 < 0...1...1',
  '0...1...0.r1 < 0...1...0.r2',
  '0...1...0r1 < 0...1...0r2',
  '0..8 = 0..8',
  '0..8 > 0...8',
  '0.8.21.r2 > 0.8.21.r1',
  '0.8.21.r2 < 0.8.21r2',
  '1.2.0A < 1.2.0d',
  '1.2.0D < 1.2.0d',
  '6.6.2p1 = 6.6.2p1',
  '6.6.2p1 < 6.6.2p2',
  '1-r2 > 1-r-1',
  '1 > 1-ruff',
  '1-r0-1 = 1-r-2',
  '1-r0-1 = 1-r0-2',
  '1-ruff2 = 1-ruff1',
  '1-ruff2 = 1--ruff1',
  '1-r0-ruff2 = 1-r0-ruff1',
  '1.2 > 1.2_blah',
  '1.2_svn1 > 1.2_csv2',
  '1.2_cvs1 > 1.2_blah',
  '.1 < 1',
  '1 > .1',
  '.2 > .1',
  'a < b',
  'c > b',
  'c = c',
])

describe.each(BACKENDS)('apk ($kind)', (backend) => {
  const cmp = (a: string, b: string) => backend.compare(Scheme.Apk, a, b)

  it('orders every apk-tools comparison vector both ways', () => {
    const cmps = rows.filter((f) => f[0] === 'cmp')
    expect(cmps.length).toBeGreaterThan(700)
    for (const [, a, op, b] of cmps) {
      const want = opCode(op as '<' | '=' | '>')
      expect([a, b, cmp(a!, b!)]).toEqual([a, b, want])
      expect([b, a, cmp(b!, a!)]).toEqual([b, a, -want || 0])
    }
  })

  it('matches apk-tools validity vectors', () => {
    const valid = rows.filter((f) => f[0] === 'valid')
    const invalid = rows.filter((f) => f[0] === 'invalid')
    expect(valid.length).toBeGreaterThan(4)
    expect(invalid.length).toBeGreaterThan(20)
    for (const [, v] of valid) expect([v, backend.valid(Scheme.Apk, v!)]).toEqual([v, true])
    for (const [, v] of invalid) expect([v, backend.valid(Scheme.Apk, v ?? '')]).toEqual([v, false])
  })

  it('passes osv-scalibr alpine-versions.txt both ways', () => {
    const cases = readOrderCases('google__osv-scalibr/semantic/testdata/alpine-versions.txt')
    expect(cases.length).toBeGreaterThan(700)
    const diffs: string[] = []
    for (const c of cases) {
      if (SCALIBR_SKIPPED.has(`${c.a} ${c.op} ${c.b}`)) continue
      const ab = cmp(c.a, c.b)
      const ba = cmp(c.b, c.a)
      if (ab !== opCode(c.op) || ba !== (-opCode(c.op) || 0)) diffs.push(`${c.a} ${c.op} ${c.b}: got ${ab}/${ba}`)
    }
    expect(diffs).toEqual([])
  })

  it('skips only scalibr lines that have a side apk-tools rejects', () => {
    for (const line of SCALIBR_SKIPPED) {
      const [a, , b] = line.split(' ')
      expect([line, backend.valid(Scheme.Apk, a!) && backend.valid(Scheme.Apk, b!)]).toEqual([line, false])
    }
  })

  it('wraps long numbers modulo 2^64 as apk-tools (uint64) does', () => {
    expect(cmp('18446744073709551617', '1')).toBe(0)
    expect(cmp('1.18446744073709551618', '1.2')).toBe(0)
    const huge = '1' + '0'.repeat(100000)
    expect(cmp(huge, String(BigInt.asUintN(64, 10n ** 100000n)))).toBe(0)
    expect(cmp(huge, String(BigInt.asUintN(64, 10n ** 100000n) + 1n))).toBe(-1)
  })

  it('reports strings without a leading number as invalid rather than equal', () => {
    expect(cmp('abc', 'xyz')).toBe(2)
    expect(cmp('1.0', '')).toBe(3)
    expect(cmp('1.0bc', '1.0bd')).toBe(2)
    expect(cmp('1.0', '1.0bc')).toBe(-1) // apk decides before reaching the invalid part
  })
})

describe('apk ecosystems', () => {
  it('maps the apk-based OSV ecosystems to the apk scheme', () => {
    for (const e of ['Alpine:v3.19', 'Wolfi', 'Chainguard', 'MinimOS', 'Alpaquita', 'BellSoft Hardened Containers']) {
      expect([e, schemeForEcosystem(e)]).toEqual([e, Scheme.Apk])
    }
  })
})
