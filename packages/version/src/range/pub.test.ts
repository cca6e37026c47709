import { describe, expect, it } from 'vitest'
import { StowawayError } from '@stowaway/core'
import { Scheme } from '../scheme.ts'
import { satisfies } from '../satisfies.ts'
import { BACKENDS } from '../testing/backends.ts'
import { parsePubRange } from './pub.ts'

// pub_semver's own facts (test/version_constraint_test.dart: constraint → versions it
// allows / does not allow), with a few more versions per constraint and the
// contradiction rows derived from VersionConstraint.parse's rules.
const ALLOWS: [string, string[], string[]][] = [
  ['1.2.3-alpha', ['1.2.3-alpha'], ['1.2.3', '1.2.3-alpha+1']],
  ['any', ['0.0.0', '1.2.3', '12345.678.90', '0.0.0-blah'], []],
  ['>1.2.3', ['1.2.3+foo', '1.2.4'], ['1.2.1', '1.2.3-build', '1.2.3']],
  ['>=1.2.3', ['1.2.3', '1.2.3+foo', '1.2.4'], ['1.2.1', '1.2.3-build']],
  ['<1.2.3', ['1.2.1', '1.2.2+foo'], ['1.2.3', '1.2.3+foo', '1.2.4']],
  ['<=1.2.3', ['1.2.1', '1.2.3-build', '1.2.3'], ['1.2.3+foo', '1.2.4']],
  ['>1.0.0 >=1.2.3 <1.3.0', ['1.2.3', '1.2.5'], ['1.2.3-pre', '1.3.0', '3.4.5']],
  ['>=1.0.0-dev.2 <1.0.0', ['1.0.0-dev.2', '1.0.0-dev.3'], ['1.0.0-dev.1', '1.0.0']],
  [' >1.0.0>=1.2.3 < 1.3.0', ['1.2.3', '1.2.5'], ['1.2.3-pre', '1.3.0', '3.4.5']],
  ['^1.2.3', ['1.2.3', '1.9.9', '1.2.3+1'], ['2.0.0--1', '2.0.0-0xA', '2.0.0-0', '2.0.0', '1.2.2', '1.2.3-pre']],
  ['^0.7.2', ['0.7.2', '0.7.9'], ['0.8.0-0', '0.8.0', '0.7.1']],
  ['^0.0.3', ['0.0.3', '0.0.9'], ['0.1.0-0', '0.0.2']],
  [' ^ 1.2.3 ', ['1.2.3'], ['2.0.0']],
  ['^0.7.2-pre+1', ['0.7.2-pre+1', '0.7.2', '0.7.5'], ['0.7.2-pre', '0.8.0']],
  // Contradictions match nothing rather than throwing.
  ['>2.0.0 <1.0.0', [], ['1.5.0', '2.5.0']],
  ['>=1.0.0 <1.0.0', [], ['1.0.0']],
]
const BAD = ['', '   ', 'foo', '>foo', '^foo', '1.0.0 foo', '1.0.0foo', 'anything', '<>1.0.0', '1.0.0<', 'any 1.0.0', '>=1.2.3 ^1.0.0', '^1.0.0 <1.2.3', '>=99999999999999999999.0.0']

describe.each(BACKENDS)('pub constraints ($kind)', (backend) => {
  const cmp = (a: string, b: string) => backend.compare(Scheme.Pub, a, b)

  it('allows what pub_semver allows', () => {
    for (const [range, yes, no] of ALLOWS) {
      const r = parsePubRange(range)
      for (const v of yes) expect([range, v, r.test(v, cmp)]).toEqual([range, v, true])
      for (const v of no) expect([range, v, r.test(v, cmp)]).toEqual([range, v, false])
    }
  })

  it('is what satisfies("Pub", …) uses', () => {
    expect(satisfies('Pub', '1.5.0', '^1.2.3', { backend })).toBe(true)
    expect(satisfies('Pub', '2.0.0-dev.1', '>=1.0.0 <2.0.0', { backend })).toBe(false)
  })
})

describe('pub constraint syntax errors', () => {
  it('throws INVALID_RANGE where VersionConstraint.parse throws', () => {
    for (const r of BAD) {
      let err: unknown
      try {
        parsePubRange(r)
      } catch (e) {
        err = e
      }
      expect([r, err instanceof StowawayError && err.code]).toEqual([r, 'INVALID_RANGE'])
    }
  })
})
