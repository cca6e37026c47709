import { describe, expect, it } from 'vitest'
import { satisfies } from '../satisfies.ts'
import { BACKENDS } from '../testing/backends.ts'
import { parseHackageRange } from './hackage.ts'

// Expectations from Cabal's documentation of version ranges: `^>= 1.2.3.4` means
// `>= 1.2.3.4 && < 1.3`, `^>= 1` means `>= 1 && < 1.1`, `== 1.2.*` means
// `>= 1.2 && < 1.3` (so `== 1.0.*` does not include `1`), sets are unions, `&&` binds
// tighter than `||`, `-none` is `< 0`.
describe.each(BACKENDS)('Cabal ranges ($kind)', (backend) => {
  const sat = (v: string, r: string) => satisfies('Hackage', v, r, { backend })

  it('evaluates comparators, && and ||', () => {
    expect(sat('1.2.5', '>= 1.2 && < 1.3')).toBe(true)
    expect(sat('1.3', '>= 1.2 && < 1.3')).toBe(false)
    expect(sat('2.0', '>= 1.2 && < 1.3 || == 2.0')).toBe(true)
    expect(sat('1.0', '>= 1.2 && < 1.3 || == 2.0')).toBe(false)
    expect(sat('2.0', '== 2.0.0')).toBe(false) // 2.0 < 2.0.0 as lists
    expect(sat('1.5', '(>= 1 || < 0) && <= 1.5')).toBe(true)
    expect(sat('1.5', '>=1&&<2')).toBe(true)
  })

  it('expands ^>= to the major upper bound', () => {
    expect(sat('1.2.3.4', '^>= 1.2.3.4')).toBe(true)
    expect(sat('1.2.99', '^>= 1.2.3.4')).toBe(true)
    expect(sat('1.3', '^>= 1.2.3.4')).toBe(false)
    expect(sat('1.2.3.3', '^>= 1.2.3.4')).toBe(false)
    expect(sat('1.0.5', '^>= 1')).toBe(true)
    expect(sat('1.1', '^>= 1')).toBe(false)
    expect(sat('1.3.1', '^>= { 1.2, 1.3 }')).toBe(true)
    expect(sat('1.4', '^>= { 1.2, 1.3 }')).toBe(false)
  })

  it('expands wildcards and sets', () => {
    expect(sat('1.2', '== 1.2.*')).toBe(true)
    expect(sat('1.2.9.1', '== 1.2.*')).toBe(true)
    expect(sat('1.3', '== 1.2.*')).toBe(false)
    expect(sat('1', '== 1.0.*')).toBe(false)
    expect(sat('1.9', '== 1.*')).toBe(true)
    expect(sat('2', '== 1.*')).toBe(false)
    expect(sat('1.3', '== { 1.2, 1.3 }')).toBe(true)
    expect(sat('1.4', '== { 1.2, 1.3 }')).toBe(false)
    expect(sat('0', '-any')).toBe(true)
    expect(sat('0', '-none')).toBe(false)
  })

  it('rejects what Cabal rejects', () => {
    for (const r of ['', '>=', '>= 1.2 &&', '>= 01.2', '>= 1.2.*', '=> 1.2', '== {1.2', '(>= 1', '1.2', '>= 1.2 ||| < 2', '~> 1.2']) {
      expect(() => parseHackageRange(r), r).toThrow(/Cannot parse range/)
    }
  })
})
