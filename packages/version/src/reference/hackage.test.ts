import { describe, expect, it } from 'vitest'
import { Scheme, schemeForEcosystem } from '../scheme.ts'
import { BACKENDS } from '../testing/backends.ts'
import { opCode, readOrderCases } from '../testing/vectors.ts'

describe.each(BACKENDS)('hackage ($kind)', (backend) => {
  const cmp = (a: string, b: string) => backend.compare(Scheme.Hackage, a, b)
  const valid = (v: string) => backend.valid(Scheme.Hackage, v)

  it('passes osv-scalibr hackage-versions.txt both ways', () => {
    const cases = readOrderCases('google__osv-scalibr/semantic/testdata/hackage-versions.txt')
    expect(cases.length).toBeGreaterThan(10)
    for (const c of cases) {
      expect([c.a, c.b, cmp(c.a, c.b)]).toEqual([c.a, c.b, opCode(c.op)])
      expect([c.b, c.a, cmp(c.b, c.a)]).toEqual([c.b, c.a, -opCode(c.op) || 0])
    }
  })

  // Cabal facts: Version is a list of Ints with list ordering; the parser rejects
  // leading zeros, more than 9 digits in a part, empty parts and tags.
  it('follows Cabal Version rules', () => {
    expect(cmp('1.0', '1.0.0')).toBe(-1)
    expect(cmp('1.10', '1.9')).toBe(1)
    expect(cmp('2', '1.99.99')).toBe(1)
    expect(cmp('0', '0.0')).toBe(-1)
    expect(valid('123456789.0')).toBe(true)
    for (const v of ['', '1.', '.1', '1..0', '01.0', '1.00', '1234567890', '1.0-tag', '1.0a', 'v1', '1-0']) {
      expect([v, valid(v), cmp(v, '1.0'), cmp('1.0', v)]).toEqual([v, false, 2, 3])
    }
  })
})

describe('hackage ecosystems', () => {
  it('maps Hackage and GHC (dotted numeric versions) to the hackage scheme', () => {
    expect(schemeForEcosystem('Hackage')).toBe(Scheme.Hackage)
    expect(schemeForEcosystem('GHC')).toBe(Scheme.Hackage)
  })
})
