import { describe, expect, it } from 'vitest'
import { satisfies } from '../satisfies.ts'
import { BACKENDS } from '../testing/backends.ts'
import { parseCranRange } from './cran.ts'

describe.each(BACKENDS)('CRAN requirements ($kind)', (backend) => {
  const sat = (v: string, r: string) => satisfies('CRAN', v, r, { backend })

  it('evaluates DESCRIPTION-style requirements with R ordering', () => {
    expect(sat('1.4-1', '(>= 1.2-3), (< 2.0)')).toBe(true)
    expect(sat('1.2-2', '(>= 1.2-3)')).toBe(false)
    expect(sat('1.2.3', '(== 1.2-3)')).toBe(true) // '.' and '-' are interchangeable
    expect(sat('1.10', '>= 1.9')).toBe(true)
    expect(sat('2.0', '(>= 1.2-3), (< 2.0)')).toBe(false)
    expect(sat('2.0', '(!= 2.0) || (== 2.0.0)')).toBe(false)
    expect(sat('3.0', '(< 1.0) || (>= 3.0)')).toBe(true)
  })

  it('rejects what R rejects', () => {
    for (const r of ['', '(>= )', '(~> 1.0)', '(= 1.0)', '>= 1.0 2.0', '(>= 1.0), ']) {
      expect(() => parseCranRange(r), r).toThrow(/Cannot parse range/)
    }
  })
})
