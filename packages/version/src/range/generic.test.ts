import { describe, expect, it } from 'vitest'
import { StowawayError } from '@stowaway/core'
import { satisfies } from '../satisfies.ts'
import { BACKENDS } from '../testing/backends.ts'
import { parseGenericRange } from './generic.ts'

describe.each(BACKENDS)('generic comparator ranges ($kind)', (backend) => {
  const sat = (v: string, r: string) => satisfies('Debian:12', v, r, { backend })

  it('ANDs comparators and ORs alternatives', () => {
    expect(sat('1.5-1', '>= 1.0, << 2')).toBe(true)
    expect(sat('2.0', '>= 1.0, << 2')).toBe(false)
    expect(sat('2.0~rc1', '>= 1.0 << 2.0')).toBe(true)
    expect(sat('2.0~rc1', '>= 1.0 << 2')).toBe(false) // dpkg: '2' < '2.0~rc1'
    expect(sat('3.1', '< 1 || = 3.1')).toBe(true)
    expect(sat('3.2', '< 1 || = 3.1')).toBe(false)
  })

  it('accepts dpkg relation words and a bare version as equality', () => {
    expect(sat('1:1.0', 'gt 2.0')).toBe(true)
    expect(sat('1.0-0', '1.0')).toBe(true)
    expect(sat('1.0-1', 'ne 1.0')).toBe(true)
  })

  it('an invalid bound never matches, even with !=', () => {
    expect(sat('1.0', '!= :bad')).toBe(false)
  })
})

describe('parseGenericRange errors', () => {
  it('rejects dangling operators and empty alternatives', () => {
    expect(() => parseGenericRange('>=')).toThrow(StowawayError)
    expect(() => parseGenericRange('1.0 ||')).toThrow(/empty alternative/)
    expect(() => parseGenericRange('lt')).toThrow(/has no version/)
  })
})
