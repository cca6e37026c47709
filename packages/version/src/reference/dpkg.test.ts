import { describe, expect, it } from 'vitest'
import { Scheme } from '../scheme.ts'
import { BACKENDS } from '../testing/backends.ts'
import { opCode, readOrderCases, readVector } from '../testing/vectors.ts'

// dpkg's own test data (derived facts) and osv-scalibr's Debian fixtures.
const dpkgLines = readVector('guillemj__dpkg/cases.txt')
  .split('\n')
  .filter((l) => l && !l.startsWith('#'))
  .map((l) => l.split('\t').map((f) => f.replace(/\\t/g, '\t').replace(/\\\\/g, '\\')))

describe.each(BACKENDS)('dpkg ($kind)', (backend) => {
  const cmp = (a: string, b: string) => backend.compare(Scheme.Dpkg, a, b)

  it('orders every dpkg "compare" vector both ways', () => {
    const rows = dpkgLines.filter((f) => f[0] === 'compare')
    expect(rows.length).toBeGreaterThan(40)
    for (const [, a, b, r] of rows) {
      expect([a, b, cmp(a!, b!)]).toEqual([a, b, Number(r)])
      expect([b, a, cmp(b!, a!)]).toEqual([b, a, -Number(r) || 0])
    }
  })

  it('orders every evr-compare vector', () => {
    for (const [, a, b, r] of dpkgLines.filter((f) => f[0] === 'evr-compare')) {
      const got = cmp(a!, b!)
      if (r === '<0') expect(got).toBe(-1)
      else if (r === '>0') expect(got).toBe(1)
      else if (r === '!=0') expect(got).not.toBe(0)
      else expect(got).toBe(0)
    }
  })

  it('sorts the version_compare list as dpkg does', () => {
    const row = dpkgLines.find((f) => f[0] === 'sort' && f[1] === 'version_compare')!
    const expected = row[2]!.split(' ')
    const shuffled = [...expected].reverse()
    expect(shuffled.sort((a, b) => cmp(a, b))).toEqual(expected)
  })

  it('rejects error-class versions and compares warning-class ones', () => {
    for (const [, v, kind] of dpkgLines.filter((f) => f[0] === 'parse-fail')) {
      expect([v, backend.valid(Scheme.Dpkg, v!)]).toEqual([v, false])
      const r = cmp(v!, '1.0')
      if (kind === 'error') expect([v, r]).toEqual([v, 2])
      else expect([v, r === 2]).toEqual([v, false])
    }
    for (const [, v] of dpkgLines.filter((f) => f[0] === 'valid')) expect([v, backend.valid(Scheme.Dpkg, v!)]).toEqual([v, false])
    for (const [, v] of dpkgLines.filter((f) => f[0] === 'parse')) expect([v, backend.valid(Scheme.Dpkg, v!)]).toEqual([v, true])
  })

  it('passes osv-scalibr debian-versions.txt both ways', () => {
    const cases = readOrderCases('google__osv-scalibr/semantic/testdata/debian-versions.txt')
    expect(cases.length).toBeGreaterThan(20)
    for (const c of cases) {
      expect([c.a, c.b, cmp(c.a, c.b)]).toEqual([c.a, c.b, opCode(c.op)])
      expect([c.b, c.a, cmp(c.b, c.a)]).toEqual([c.b, c.a, -opCode(c.op) || 0])
    }
  })
})
