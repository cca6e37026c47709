import { describe, expect, it } from 'vitest'
import { Scheme, schemeForEcosystem } from '../scheme.ts'
import { BACKENDS } from '../testing/backends.ts'
import { opCode, readOrderCases } from '../testing/vectors.ts'

describe.each(BACKENDS)('cran ($kind)', (backend) => {
  const cmp = (a: string, b: string) => backend.compare(Scheme.Cran, a, b)
  const valid = (v: string) => backend.valid(Scheme.Cran, v)

  it('passes osv-scalibr cran-versions.txt both ways', () => {
    const cases = readOrderCases('google__osv-scalibr/semantic/testdata/cran-versions.txt')
    expect(cases.length).toBeGreaterThan(20)
    for (const c of cases) {
      expect([c.a, c.b, cmp(c.a, c.b)]).toEqual([c.a, c.b, opCode(c.op)])
      expect([c.b, c.a, cmp(c.b, c.a)]).toEqual([c.b, c.a, -opCode(c.op) || 0])
    }
  })

  // R facts: package_version("1.0-0") == package_version("1.0.0"); numeric parts, so
  // 1.10 > 1.9; a prefix sorts first; package_version() needs two parts or more.
  it('follows R package_version rules', () => {
    expect(cmp('1.0-0', '1.0.0')).toBe(0)
    expect(cmp('1.10', '1.9')).toBe(1)
    expect(cmp('1.0', '1.0.0')).toBe(-1)
    expect(cmp('1.01', '1.1')).toBe(0)
    expect(cmp('99999999999999999999.1', '99999999999999999998.2')).toBe(1)
    expect(valid('1.0-0')).toBe(true)
    expect(valid('1')).toBe(false)
    expect(cmp('1', '0.9')).toBe(1)
    for (const v of ['', '1.', '.1', '1..0', '1.0a', 'v1.0', '1.0 ', '1_0', '1--0']) {
      expect([v, valid(v), cmp(v, '1.0'), cmp('1.0', v)]).toEqual([v, false, 2, 3])
    }
  })
})

describe('cran ecosystems', () => {
  it('maps CRAN and Bioconductor (R package versions) to the cran scheme', () => {
    expect(schemeForEcosystem('CRAN')).toBe(Scheme.Cran)
    expect(schemeForEcosystem('Bioconductor')).toBe(Scheme.Cran)
  })
})
