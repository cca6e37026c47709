import { describe, expect, it } from 'vitest'
import { StowawayError } from '@stowaway/core'
import { satisfies } from '../satisfies.ts'
import { BACKENDS } from '../testing/backends.ts'
import { parseMavenRange } from './maven.ts'

// Range meanings from the Maven POM reference ("Dependency Version Requirement
// Specification") and VersionRangeTest.
describe.each(BACKENDS)('maven ranges ($kind)', (backend) => {
  const sat = (v: string, r: string) => satisfies('Maven', v, r, { backend })

  it('evaluates inclusive and exclusive bounds', () => {
    expect(sat('1.0', '[1.0,2.0)')).toBe(true)
    expect(sat('1.9.9', '[1.0,2.0)')).toBe(true)
    expect(sat('2.0', '[1.0,2.0)')).toBe(false)
    expect(sat('2.0-SNAPSHOT', '[1.0,2.0)')).toBe(true)
    expect(sat('1.0', '(1.0,2.0)')).toBe(false)
    expect(sat('1.0.1', '(1.0,2.0)')).toBe(true)
    expect(sat('1.0', '(,1.0]')).toBe(true)
    expect(sat('1.0.0', '(,1.0]')).toBe(true)
    expect(sat('1.0.1', '(,1.0]')).toBe(false)
    expect(sat('1.0-alpha-1', '(,1.0)')).toBe(true)
    expect(sat('5', '[1.0,)')).toBe(true)
    expect(sat('0.9', '[1.0,)')).toBe(false)
  })

  it('evaluates exact versions, unions and soft requirements', () => {
    expect(sat('1.2', '[1.2]')).toBe(true)
    expect(sat('1.2.0', '[1.2]')).toBe(true)
    expect(sat('1.2.1', '[1.2]')).toBe(false)
    expect(sat('0.5', '(,1.0],[1.2,)')).toBe(true)
    expect(sat('1.1', '(,1.0],[1.2,)')).toBe(false)
    expect(sat('1.3', '(,1.0],[1.2,)')).toBe(true)
    expect(sat('1.1', '(,1.1),(1.1,)')).toBe(false)
    expect(sat('1.1.1', '(,1.1),(1.1,)')).toBe(true)
    expect(sat('1.0', '1.0')).toBe(true)
    expect(sat('1.0.0-ga', '1.0')).toBe(true)
    expect(sat('1.1', '1.0')).toBe(false)
    expect(sat('3', ' [ 1.0 , 2.0 ] , [ 3 ] ')).toBe(true)
  })

  it('never matches through an invalid bound', () => {
    expect(sat('1.0', '[1.0,2.0 1)')).toBe(false)
  })
})

describe('parseMavenRange errors', () => {
  it.each(['', '[1.0,2.0', '(1.0)', '[1.0)', '[1.0,2.0,3.0]', '[1.0,2.0),1.5', '1.0,2.0', '[]'])('rejects %j', (r) => {
    expect(() => parseMavenRange(r)).toThrow(StowawayError)
    try {
      parseMavenRange(r)
    } catch (e) {
      expect((e as StowawayError).code).toBe('INVALID_RANGE')
    }
  })
})
