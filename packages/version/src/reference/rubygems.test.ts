import { describe, expect, it } from 'vitest'
import { Scheme } from '../scheme.ts'
import { BACKENDS } from '../testing/backends.ts'
import { opCode, readOrderCases } from '../testing/vectors.ts'
import { rubyGemsSegments } from './rubygems.ts'

describe('rubygems segments (reference)', () => {
  it('splits as Gem::Version#segments does', () => {
    // Gem::Version docs: "1.0.a10 becomes 1.0.a.10"; `-` is read as `.pre.`.
    expect(rubyGemsSegments('1.0.a10')).toEqual(['1', '0', 'a', '10'])
    expect(rubyGemsSegments('1.0-rc1')).toEqual(['1', '0', 'pre', 'rc', '1'])
    expect(rubyGemsSegments('  2.01 ')).toEqual(['2', '1'])
    expect(rubyGemsSegments('')).toEqual(['0'])
    expect(rubyGemsSegments('a1')).toBeUndefined()
  })
})

// osv-scalibr lists these as ordered, but Gem::Version.correct? rejects them (a
// letter may only follow a `.` or `-`): `Gem::Version.new('1beta')` raises. We follow
// RubyGems; see docs/versions.md.
const SCALIBR_REJECTED = new Set(['1beta', '1gamma'])

describe.each(BACKENDS)('rubygems ($kind)', (backend) => {
  const cmp = (a: string, b: string) => backend.compare(Scheme.RubyGems, a, b)
  const valid = (v: string) => backend.valid(Scheme.RubyGems, v)

  it('passes osv-scalibr rubygems-versions.txt both ways', () => {
    const cases = readOrderCases('google__osv-scalibr/semantic/testdata/rubygems-versions.txt')
    expect(cases.length).toBeGreaterThan(20)
    let skipped = 0
    for (const c of cases) {
      if (SCALIBR_REJECTED.has(c.a) || SCALIBR_REJECTED.has(c.b)) {
        skipped++
        const bad = SCALIBR_REJECTED.has(c.a) ? c.a : c.b
        expect([bad, valid(bad)]).toEqual([bad, false])
        continue
      }
      expect([c.a, c.b, cmp(c.a, c.b)]).toEqual([c.a, c.b, opCode(c.op)])
      expect([c.b, c.a, cmp(c.b, c.a)]).toEqual([c.b, c.a, -opCode(c.op) || 0])
    }
    expect(skipped).toBe(2)
  })

  it('sorts the documented prerelease example (1.0 > 1.0.b1 > 1.0.a.2 > 0.9)', () => {
    const want = ['0.9', '1.0.a.2', '1.0.b1', '1.0']
    expect([...want].reverse().sort(cmp)).toEqual(want)
    // "3.10 sorts higher than 3.2"
    expect(cmp('3.10', '3.2')).toBe(1)
  })

  it('ignores trailing zeros of the release and of the prerelease part', () => {
    expect(cmp('1.0.0', '1')).toBe(0)
    expect(cmp('1.0.0.a', '1.a')).toBe(0)
    expect(cmp('1.a.0', '1.a')).toBe(0)
    expect(cmp('1.a.0.1', '1.a')).toBe(1)
    expect(cmp('1.0.1', '1.0.0.a')).toBe(1)
    expect(cmp('', '0')).toBe(0)
    expect(cmp('  1.2\n', '1.2')).toBe(0)
  })

  it('reads - as .pre. and compares strings byte-wise', () => {
    expect(cmp('1.0-1', '1.0.pre.1')).toBe(0)
    expect(cmp('1.0-rc1', '1.0.rc1')).toBe(-1) // "pre" < "rc"
    expect(cmp('1.0.B', '1.0.a')).toBe(-1) // "B" (0x42) < "a" (0x61)
    expect(cmp('1.0.a', '1.0')).toBe(-1)
  })

  it('rejects what Gem::Version.correct? rejects', () => {
    for (const v of ['a', 'a1', '.1', '1.', '1..2', '1.0-', '1 0', '1.0+1', '1_0', 'v1.0', '1.0 .1', '-1']) {
      expect([v, valid(v), cmp(v, '1'), cmp('1', v)]).toEqual([v, false, 2, 3])
    }
    for (const v of ['1', '1.0.a', '1.0-rc.1', '1.0--x', '1-a-b.c', ' 1 ', '', '1.0.0.0.0.0.1']) {
      expect([v, valid(v)]).toEqual([v, true])
    }
  })
})

describe('rubygems: TS and WASM agree on generated strings', () => {
  it('agrees on 20000 strings built from RubyGems tokens', async () => {
    const { referenceBackend } = await import('./backend.ts')
    const { wasmBackend } = await import('../testing/backends.ts')
    let seed = 0x7
    const r = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
      return seed / 4294967296
    }
    const tokens = ['1', '0', '0', '00', '2', '.', '.', '.', '-', 'a', 'b', 'pre', 'rc', 'A', 'Z', ' ', '_', '9'.repeat(25)]
    const a: string[] = []
    const b: string[] = []
    for (let i = 0; i < 20000; i++) {
      const make = () => Array.from({ length: 1 + Math.floor(r() * 9) }, () => tokens[Math.floor(r() * tokens.length)]).join('')
      a.push(make())
      b.push(i % 4 === 0 ? a[i]!.replace(/\.0/g, '') : make())
    }
    const ts = referenceBackend.compareMany(Scheme.RubyGems, a, b)
    const wasm = wasmBackend.compareMany(Scheme.RubyGems, a, b)
    const diffs = a.map((x, i) => (ts[i] !== wasm[i] ? `${JSON.stringify(x)} vs ${JSON.stringify(b[i])}: ${ts[i]}/${wasm[i]}` : '')).filter(Boolean)
    expect(diffs.slice(0, 10)).toEqual([])
    const validShare = referenceBackend.validMany(Scheme.RubyGems, a).reduce((s, x) => s + x, 0) / a.length
    expect(validShare).toBeGreaterThan(0.05)
  })
})
