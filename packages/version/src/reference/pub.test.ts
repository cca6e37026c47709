import { describe, expect, it } from 'vitest'
import { Scheme } from '../scheme.ts'
import { BACKENDS } from '../testing/backends.ts'
import { opCode, readOrderCases } from '../testing/vectors.ts'

// osv-scalibr pub-versions.txt lines with a side that pub_semver's Version.parse rejects
// (a `v` prefix, numbers beyond int64, five parts): see docs/versions.md, "pub".
const SCALIBR_SKIP_LINES = new Set([
  38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 96, 98, 100, 102, 106, 107,
  108, 112,
])

// pub_semver's own test facts (test/version_test.dart): a sorted list, equalities and
// parse failures.
const SORTED = [
  '1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0-rc.1+build.1', '1.0.0',
  '1.0.0+0.3.7', '1.3.7+build', '1.3.7+build.2.b8f12d7', '1.3.7+build.11.e0f985a', '2.0.0', '2.1.0', '2.2.0', '2.11.0',
  '2.11.1',
]
const EQUAL = [
  ['01.2.3', '1.2.3'],
  ['1.02.3', '1.2.3'],
  ['1.2.03', '1.2.3'],
  ['1.2.3-01', '1.2.3-1'],
  ['1.2.3+01', '1.2.3+1'],
]
const LESS = [
  ['1.0.0-10', '1.0.0-0xA'],
  ['2.0.0-0', '2.0.0--1'],
  ['1.0.0+255', '1.0.0+0xFF'],
]
const PARSE_OK = ['0.0.0', '12.34.56', '1.2.3-alpha.1', '1.2.3-x.7.z-92', '1.2.3+build.1', '1.2.3+x.7.z-92', '1.0.0-rc-1+build-1', '1.0.0-0xA+0xFF', '2.0.0--1+-2', '001.02.0003-01.dev+pre.002']
const PARSE_FAIL = ['1.0', '1a2b3', '1.2.3.4', '1234', '-2.3.4', '1.3-pre', '1.3+build', '1.3+bu?!3ild']

describe.each(BACKENDS)('pub ($kind)', (backend) => {
  const cmp = (a: string, b: string) => backend.compare(Scheme.Pub, a, b)

  it('orders pub_semver\'s sorted list pairwise', () => {
    for (let i = 0; i < SORTED.length; i++) {
      for (let j = 0; j < SORTED.length; j++) {
        expect([SORTED[i], SORTED[j], cmp(SORTED[i]!, SORTED[j]!)]).toEqual([SORTED[i], SORTED[j], Math.sign(i - j)])
      }
    }
  })

  it('reads all-digit parts as numbers and nothing else', () => {
    for (const [a, b] of EQUAL) {
      expect([a, b, cmp(a!, b!)]).toEqual([a, b, 0])
      expect([b, a, cmp(b!, a!)]).toEqual([b, a, 0])
    }
    for (const [a, b] of LESS) {
      expect([a, b, cmp(a!, b!)]).toEqual([a, b, -1])
      expect([b, a, cmp(b!, a!)]).toEqual([b, a, 1])
    }
  })

  it('accepts and rejects what Version.parse does', () => {
    for (const v of PARSE_OK) expect([v, backend.valid(Scheme.Pub, v)]).toEqual([v, true])
    for (const v of PARSE_FAIL) {
      expect([v, backend.valid(Scheme.Pub, v)]).toEqual([v, false])
      expect([v, cmp(v, '1.0.0'), cmp('1.0.0', v)]).toEqual([v, 2, 3])
    }
  })

  it('limits the three numbers to int64 and leaves long build numbers as strings', () => {
    expect(backend.valid(Scheme.Pub, '9223372036854775807.0.0')).toBe(true)
    expect(backend.valid(Scheme.Pub, '9223372036854775808.0.0')).toBe(false)
    expect(backend.valid(Scheme.Pub, '0000000000000000000000001.0.0')).toBe(true)
    // 2^63 does not fit: it is a string part, and strings sort after numbers.
    expect(cmp('1.0.0-9223372036854775808', '1.0.0-9223372036854775807')).toBe(1)
    expect(cmp('1.0.0-9223372036854775808', '1.0.0-a')).toBe(-1)
  })

  it('answers huge inputs without BigInt blow-ups', () => {
    expect(backend.valid(Scheme.Pub, `${'1'.repeat(1e6)}.0.0`)).toBe(false)
    expect(backend.valid(Scheme.Pub, `${'0'.repeat(1e6)}1.0.0`)).toBe(true)
    expect(cmp(`1.0.0-${'9'.repeat(1e6)}`, '1.0.0-a')).toBe(-1) // a string part: "9…" < "a"
  })

  it('passes osv-scalibr pub-versions.txt both ways (pub_semver invalids skipped)', () => {
    const cases = readOrderCases('google__osv-scalibr/semantic/testdata/pub-versions.txt')
    const skipped = cases.filter((c) => SCALIBR_SKIP_LINES.has(c.line))
    expect(skipped.length).toBe(SCALIBR_SKIP_LINES.size)
    for (const c of skipped) expect([c.line, backend.valid(Scheme.Pub, c.a) && backend.valid(Scheme.Pub, c.b)]).toEqual([c.line, false])
    const used = cases.filter((c) => !SCALIBR_SKIP_LINES.has(c.line))
    expect(used.length).toBeGreaterThan(60)
    for (const c of used) {
      expect([c.a, c.b, cmp(c.a, c.b)]).toEqual([c.a, c.b, opCode(c.op)])
      expect([c.b, c.a, cmp(c.b, c.a)]).toEqual([c.b, c.a, -opCode(c.op) || 0])
    }
  })
})
