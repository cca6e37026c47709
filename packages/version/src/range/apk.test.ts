import { describe, expect, it } from 'vitest'
import { satisfies } from '../satisfies.ts'
import { Scheme } from '../scheme.ts'
import { BACKENDS } from '../testing/backends.ts'
import { readVector } from '../testing/vectors.ts'
import { parseApkRange } from './apk.ts'

// apk-tools version.data match lines (fuzzy ~, <~, >~), transcribed in cases.txt.
const rows = readVector('alpinelinux__apk-tools/cases.txt')
  .split('\n')
  .filter((l) => l.startsWith('match\t') || l.startsWith('nomatch\t'))
  .map((l) => l.split('\t'))

// Rows whose version apk_version_validate rejects (`_post` is no apk suffix).
const INVALID_VERSION_ROWS = new Set(['3.6.9_post1 ~ 3.6', '3.6.9_post1 ~ 3.8'])

describe.each(BACKENDS)('apk constraints ($kind)', (backend) => {
  const sat = (v: string, r: string) => satisfies('Alpine', v, r, { backend })

  it('matches every apk-tools match/nomatch vector', () => {
    expect(rows.length).toBe(16)
    for (const [kind, a, op, b] of rows) {
      if (INVALID_VERSION_ROWS.has(`${a} ${op} ${b}`)) {
        // apk fuzzy-matches before reaching the bad `_post`; we refuse invalid versions.
        expect(backend.valid(Scheme.Apk, a!)).toBe(false)
        expect(() => sat(a!, `${op}${b}`)).toThrow(/not a valid Alpine version/)
        continue
      }
      expect([a, op, b, sat(a!, `${op}${b}`)]).toEqual([a, op, b, kind === 'match'])
      expect([a, op, b, sat(a!, `${op} ${b}`)]).toEqual([a, op, b, kind === 'match'])
    }
  })

  it('evaluates plain operators, conjunctions, alternatives and conflicts', () => {
    expect(sat('1.2.3-r1', '>=1.2.3-r0 <1.3')).toBe(true)
    expect(sat('1.3_rc1', '>=1.2.3-r0 <1.3')).toBe(true) // _rc sorts before 1.3
    expect(sat('1.3', '>=1.2.3-r0, <1.3')).toBe(false)
    expect(sat('2.0-r0', '<1 || =2.0-r0')).toBe(true)
    expect(sat('2.0-r1', '=2.0-r0')).toBe(false)
    expect(sat('3.6.1', '!~3.6')).toBe(false)
    expect(sat('3.7', '!~3.6')).toBe(true)
    expect(sat('3.60', '~3.6')).toBe(false) // token-wise prefix, not string prefix
  })

  it('rejects malformed constraints', () => {
    for (const r of ['', '>=', '1.0 ||', '><abc']) expect(() => parseApkRange(r), r).toThrow(/Cannot parse range/)
  })
})
