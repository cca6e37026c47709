import { describe, it, expect } from 'vitest'
import { scoreCvss2, scoreCvss3, ratingForScore } from './cvss.ts'

// Base scores published by NVD / the FIRST specification examples for these vectors.
describe('scoreCvss3', () => {
  const cases: [string, number][] = [
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8], // CVE-2014-6271 (spec v3.1 examples)
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', 7.5], // CVE-2014-0160 Heartbleed (spec examples)
    ['CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1], // CVE-2013-1937 phpMyAdmin XSS (spec examples)
    ['CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 7.8],
    ['CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N', 5.9],
    ['CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 10],
    ['CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:N', 4.8], // CVE-2016-10932 (RustSec hyper advisory)
    ['CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N', 6.4],
    ['CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', 0],
  ]
  for (const [v, s] of cases) {
    it(`${v} → ${s}`, () => {
      expect(scoreCvss3(v)?.score).toBe(s)
    })
  }
  it('rates per the v3.1 qualitative scale', () => {
    expect(scoreCvss3('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')?.rating).toBe('CRITICAL')
    expect(ratingForScore(7)).toBe('HIGH')
    expect(ratingForScore(6.9)).toBe('MEDIUM')
    expect(ratingForScore(0.1)).toBe('LOW')
    expect(ratingForScore(0)).toBe('NEGLIGIBLE')
  })
  it('ignores temporal metrics and refuses malformed vectors', () => {
    expect(scoreCvss3('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O')?.score).toBe(9.8)
    expect(scoreCvss3('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:X/C:H/I:H/A:H')).toBeUndefined()
    expect(scoreCvss3('CVSS:3.1/AV:N/AC:L')).toBeUndefined()
    expect(scoreCvss3('CVSS:2.0/AV:N')).toBeUndefined()
    expect(scoreCvss3('CVSS:3.1/AV:N/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toBeUndefined()
  })
})

describe('scoreCvss2', () => {
  const cases: [string, number, string][] = [
    ['AV:N/AC:L/Au:N/C:P/I:P/A:P', 7.5, 'HIGH'],
    ['AV:N/AC:L/Au:N/C:C/I:C/A:C', 10, 'HIGH'],
    ['AV:N/AC:M/Au:N/C:N/I:P/A:N', 4.3, 'MEDIUM'],
    ['(AV:L/AC:L/Au:N/C:P/I:N/A:N)', 2.1, 'LOW'],
  ]
  for (const [v, s, r] of cases) {
    it(`${v} → ${s}`, () => {
      expect(scoreCvss2(v)).toMatchObject({ score: s, rating: r })
    })
  }
  it('refuses malformed vectors', () => {
    expect(scoreCvss2('AV:N/AC:L')).toBeUndefined()
  })
})
