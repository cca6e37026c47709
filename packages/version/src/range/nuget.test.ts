import { describe, expect, it } from 'vitest'
import { StowawayError } from '@stowaway/core'
import { Scheme } from '../scheme.ts'
import { satisfies } from '../satisfies.ts'
import { BACKENDS } from '../testing/backends.ts'
import { parseNuGetRange } from './nuget.ts'

// The version-range table of the NuGet docs ("Package versioning", "Version ranges"),
// each with versions inside and outside.
const DOC_TABLE: [string, string[], string[]][] = [
  ['1.0', ['1.0', '1.0.0.0', '1.0.1', '2.0', '1.0.0+meta'], ['0.9', '1.0-beta', '0.0.1']],
  ['[1.0,)', ['1.0', '5.2'], ['0.9.9.9']],
  ['(1.0,)', ['1.0.0.1', '1.0.1', '2.0'], ['1.0', '1.0.0', '0.5']],
  ['[1.0]', ['1.0', '1.0.0', '1.0.0.0', '1.0.0+x'], ['1.0.0.1', '0.9', '1.0-rc']],
  ['(,1.0]', ['1.0', '0.1', '1.0-rc'], ['1.0.0.1', '1.1']],
  ['(,1.0)', ['0.9', '1.0-rc', '0.0.0'], ['1.0', '1.1']],
  ['[1.0,2.0]', ['1.0', '1.5', '2.0'], ['0.9', '2.0.0.1', '2.1']],
  ['(1.0,2.0)', ['1.0.0.1', '1.5', '2.0-beta'], ['1.0', '2.0']],
  ['[1.0,2.0)', ['1.0', '1.9.9', '2.0-beta'], ['2.0', '0.9']],
]

// Floating versions: a lower bound at the lowest version they float over.
const FLOATS: [string, string[], string[]][] = [
  ['*', ['0.0.0', '9.9'], ['0.0.0-alpha']],
  ['1.*', ['1.0', '7.0'], ['0.9', '1.0-beta']],
  ['1.0.*', ['1.0.0', '1.0.5'], ['0.9.9']],
  ['1.0.0-beta*', ['1.0.0-beta', '1.0.0-beta2', '1.0.0'], ['1.0.0-alpha']],
  ['1.0.0-*', ['1.0.0-0', '1.0.0-a', '1.0.0'], ['0.9']],
  ['*-*', ['0.0.0-0', '1.0-a'], []],
  ['1.*-rc*', ['1.0-rc', '1.0', '2.0'], ['1.0-beta']],
  ['[1.*, 2.0)', ['1.0', '1.9'], ['2.0', '0.9']],
]

const INVALID = ['(1.0)', '(1.0]', '[1.0)', '(,)', '[,]', '[1.0,2.0,3.0]', '[1.0,2.0', '1.0,2.0]', '[2.0,1.0]', '(1.0,1.0]', '[1.0,1.0)', '[x]', '', '  ', '1.*.0', '[1.0,2.*]', '1.0+*']

describe.each(BACKENDS)('NuGet ranges ($kind)', (backend) => {
  const cmp = (a: string, b: string) => backend.compare(Scheme.NuGet, a, b)

  it('follows the version-range table of the NuGet docs', () => {
    for (const [range, inside, outside] of DOC_TABLE) {
      const r = parseNuGetRange(range)
      for (const v of inside) expect([range, v, r.test(v, cmp)]).toEqual([range, v, true])
      for (const v of outside) expect([range, v, r.test(v, cmp)]).toEqual([range, v, false])
    }
  })

  it('treats floating versions as their lowest match', () => {
    for (const [range, inside, outside] of FLOATS) {
      const r = parseNuGetRange(range)
      for (const v of inside) expect([range, v, r.test(v, cmp)]).toEqual([range, v, true])
      for (const v of outside) expect([range, v, r.test(v, cmp)]).toEqual([range, v, false])
    }
  })

  it('is what satisfies("NuGet", …) uses', () => {
    expect(satisfies('NuGet', '1.5.0', '[1.0,2.0)', { backend })).toBe(true)
    expect(satisfies('NuGet', '2.0.0', '[1.0,2.0)', { backend })).toBe(false)
    expect(satisfies('NuGet', '1.0.0', ' [ 1.0 , 2.0 ) ', { backend })).toBe(true)
  })

  it('an interval with blank bounds has no bounds', () => {
    expect(parseNuGetRange('[ , ]').test('0.0.1', cmp)).toBe(true)
  })
})

describe('NuGet ranges on huge inputs', () => {
  it('parse in linear time (whitespace runs do not backtrack)', () => {
    expect(() => parseNuGetRange(`[1.0,${' '.repeat(1e5)}x]`)).toThrow(StowawayError)
    expect(parseNuGetRange(`[1.0,${' '.repeat(1e5)}2.0]`).source.length).toBeGreaterThan(1e5)
  })
})

describe('NuGet range syntax errors', () => {
  it('rejects what VersionRange.TryParse rejects', () => {
    for (const r of INVALID) {
      let err: unknown
      try {
        parseNuGetRange(r)
      } catch (e) {
        err = e
      }
      expect([r, err instanceof StowawayError && err.code]).toEqual([r, 'INVALID_RANGE'])
    }
  })
})
