import { describe, expect, it } from 'vitest'
import * as nodeSemver from 'semver'
import { StowawayError } from '@stowaway/core'
import { Scheme } from '../scheme.ts'
import { satisfies } from '../satisfies.ts'
import { BACKENDS } from '../testing/backends.ts'
import { readVector } from '../testing/vectors.ts'
import { createSemverRangeParser, normalizeSemver, parseSemverRange } from './semver.ts'

const unescape = (f: string) => f.replace(/\\(t|n|\\)/g, (_, c: string) => (c === 't' ? '\t' : c === 'n' ? '\n' : '\\'))
const rows = readVector('npm__node-semver/cases.txt')
  .split('\n')
  .filter((l) => l && !l.startsWith('#'))
  .map((l) => l.split('\t').map(unescape))

interface Opts {
  loose?: unknown
  includePrerelease?: unknown
}
// node-semver treats any truthy `loose` (123, 420) as loose.
const optsOf = (f: string | undefined) => {
  const o = (f ? JSON.parse(f) : {}) as Opts
  return { loose: Boolean(o.loose), includePrerelease: Boolean(o.includePrerelease) }
}

describe.each(BACKENDS)('npm ranges ($kind)', (backend) => {
  const cmp = (a: string, b: string) => backend.compare(Scheme.Semver, a, b)

  it('decides every node-semver "satisfies" row', () => {
    const sat = rows.filter((r) => r[0] === 'satisfies')
    expect(sat.length).toBe(222)
    for (const [, range, version, expected, o] of sat) {
      const options = optsOf(o)
      let got: boolean
      try {
        got = createSemverRangeParser(options)(range!).test(version!, cmp)
      } catch (e) {
        // node-semver's satisfies() is false for a range it cannot parse.
        expect(e).toBeInstanceOf(StowawayError)
        got = false
      }
      expect([range, version, o, got]).toEqual([range, version, o, expected === 'true'])
    }
  })

  it('gives the same answers through satisfies("npm", …) with default options', () => {
    const sat = rows.filter((r) => r[0] === 'satisfies' && !r[4] && backend.valid(Scheme.Semver, r[2]!))
    expect(sat.length).toBeGreaterThan(100)
    for (const [, range, version, expected] of sat) {
      expect([range, version, satisfies('npm', version!, range!, { backend })]).toEqual([range, version, expected === 'true'])
    }
  })

  it('crates.io, Hex, SwiftURL and Bitnami share the scheme and its range syntax', () => {
    for (const eco of ['crates.io', 'Hex', 'SwiftURL', 'Bitnami']) {
      expect(satisfies(eco, '1.4.0', '^1.2', { backend })).toBe(true)
      expect(satisfies(eco, '2.0.0', '^1.2', { backend })).toBe(false)
    }
  })

  it('throws INVALID_VERSION for a version node-semver rejects', () => {
    expect(() => satisfies('npm', '1.2', '*', { backend })).toThrow(/not a valid npm version/)
  })
})

describe('npm range syntax errors', () => {
  it('rejects exactly the ranges node-semver validRange() rejects', () => {
    const vr = rows.filter((r) => r[0] === 'validRange')
    expect(vr.length).toBe(133)
    for (const [, range, canon, , o] of vr) {
      let ok = true
      try {
        createSemverRangeParser(optsOf(o))(range!)
      } catch (e) {
        expect((e as StowawayError).code).toBe('INVALID_RANGE')
        ok = false
      }
      expect([range, o, ok]).toEqual([range, o, canon !== 'null'])
    }
  })

  it('reads hostile ranges without quadratic regex work, and caps their length', () => {
    for (const r of ['v'.repeat(60000), '='.repeat(60000), 'v '.repeat(30000), '>'.repeat(60000), '1'.repeat(60000)]) {
      expect(() => parseSemverRange(r)).toThrow(StowawayError)
    }
    expect(() => parseSemverRange(`${'1.2.3 '.repeat(11000)}`)).toThrow(/longer than 65536 characters/)
  })

  it('names the range in the message', () => {
    expect(() => parseSemverRange('>=09090')).toThrow(/Cannot parse range ">=09090"/)
  })
})

describe('normalizeSemver', () => {
  it('canonicalises loose spellings and rejects junk', () => {
    expect(normalizeSemver('=v01.002.3beta+b', { loose: true })).toBe('1.2.3-beta')
    expect(normalizeSemver('01.2.3')).toBeUndefined()
    expect(normalizeSemver('hello, world', { loose: true })).toBeUndefined()
  })
})

// node-semver (devDependency) as the oracle on generated ranges and versions.
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const OPS = ['', '=', '<', '<=', '>', '>=', '^', '~', '~>', '']
const XS = ['0', '1', '2', '3', 'x', '*', 'X']
const PRES = ['', '', '', '-0', '-alpha', '-beta.2', '-rc.1']

describe.each(BACKENDS)('npm ranges against node-semver ($kind)', (backend) => {
  const cmp = (a: string, b: string) => backend.compare(Scheme.Semver, a, b)

  it('agrees with semver.satisfies() on 4000 generated cases in each option set', () => {
    const r = rng(42)
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!
    const partial = () => {
      const n = 1 + Math.floor(r() * 3)
      const parts = Array.from({ length: n }, () => pick(XS))
      return parts.join('.') + (n === 3 && /^\d/.test(parts[2]!) ? pick(PRES) : '')
    }
    const comparator = () => `${pick(OPS)}${r() < 0.2 ? ' ' : ''}${partial()}`
    const range = () => {
      const alts = 1 + Math.floor(r() * 2)
      return Array.from({ length: alts }, () =>
        r() < 0.15 ? `${partial()} - ${partial()}` : Array.from({ length: 1 + Math.floor(r() * 2) }, comparator).join(' '),
      ).join(' || ')
    }
    const version = () => `${pick(['0', '1', '2', '3'])}.${pick(['0', '1', '2'])}.${pick(['0', '1', '2'])}${pick(PRES)}`
    for (const options of [{}, { includePrerelease: true }, { loose: true }]) {
      const diffs: string[] = []
      for (let i = 0; i < 4000 && diffs.length < 10; i++) {
        const rg = range()
        const v = version()
        const want = nodeSemver.satisfies(v, rg, options)
        let got = false
        try {
          got = createSemverRangeParser(options)(rg).test(v, cmp)
        } catch {
          got = false
        }
        if (got !== want) diffs.push(`${JSON.stringify(options)} ${JSON.stringify(rg)} ${v}: want ${want}`)
      }
      expect(diffs).toEqual([])
    }
  })
})
