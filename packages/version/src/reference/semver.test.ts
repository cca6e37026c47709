import { describe, expect, it } from 'vitest'
import * as nodeSemver from 'semver'
import { Scheme } from '../scheme.ts'
import { normalizeSemver } from '../range/semver.ts'
import { BACKENDS, wasmBackend } from '../testing/backends.ts'
import { referenceBackend } from './backend.ts'
import { opCode, readOrderCases, readVector } from '../testing/vectors.ts'

// node-semver's own fixture tables (derived facts, see the file header).
const unescape = (f: string) => f.replace(/\\(t|n|\\)/g, (_, c: string) => (c === 't' ? '\t' : c === 'n' ? '\n' : '\\'))
const rows = readVector('npm__node-semver/cases.txt')
  .split('\n')
  .filter((l) => l && !l.startsWith('#'))
  .map((l) => l.split('\t').map(unescape))
const opts = (f: string | undefined): { loose?: boolean } => (f ? (JSON.parse(f) as { loose?: unknown }) : {}) as { loose?: boolean }

// osv-scalibr semver-versions.txt lines that node-semver rejects as invalid (see
// docs/versions.md, "semver"): a single huge number and a five-part version.
const SCALIBR_SKIP = new Set([
  '999999999999999999999999999991 < 999999999999999999999999999999',
  '999999999999999999999999999991.999999999999999999999999999991.999999999999999999999999999991 < 999999999999999999999999999999.999999999999999999999999999991.999999999999999999999999999991',
  '1.1.3.4.5 = 1.1.3.4.5',
])

describe.each(BACKENDS)('semver ($kind)', (backend) => {
  const cmp = (a: string, b: string) => backend.compare(Scheme.Semver, a, b)
  // Loose rows: node-semver reads both sides loosely; we canonicalise, then compare.
  const cmpWith = (a: string, b: string, loose: boolean) => {
    if (!loose) return cmp(a, b)
    const x = normalizeSemver(a, { loose: true })
    const y = normalizeSemver(b, { loose: true })
    expect([a, b, x !== undefined && y !== undefined]).toEqual([a, b, true])
    return cmp(x!, y!)
  }

  it('orders every node-semver "gt" row both ways', () => {
    const gt = rows.filter((r) => r[0] === 'gt')
    expect(gt.length).toBe(31)
    for (const [, a, b, , o] of gt) {
      const loose = Boolean(opts(o).loose)
      expect([a, b, cmpWith(a!, b!, loose)]).toEqual([a, b, 1])
      expect([b, a, cmpWith(b!, a!, loose)]).toEqual([b, a, -1])
    }
  })

  it('finds every node-semver "eq" row equal both ways', () => {
    const eq = rows.filter((r) => r[0] === 'eq')
    expect(eq.length).toBe(37)
    for (const [, a, b, , o] of eq) {
      const loose = Boolean(opts(o).loose)
      expect([a, b, cmpWith(a!, b!, loose)]).toEqual([a, b, 0])
      expect([b, a, cmpWith(b!, a!, loose)]).toEqual([b, a, 0])
    }
  })

  it('accepts and rejects what node-semver parse() does', () => {
    const parse = rows.filter((r) => r[0] === 'parse')
    expect(parse.length).toBe(29)
    for (const [, v, detail, verdict, o] of parse) {
      const loose = Boolean(opts(o).loose)
      if (verdict === 'invalid') {
        if (loose) expect([v, normalizeSemver(v!, { loose })]).toEqual([v, undefined])
        else expect([v, backend.valid(Scheme.Semver, v!)]).toEqual([v, false])
        continue
      }
      expect([v, backend.valid(Scheme.Semver, v!)]).toEqual([v, true])
      // The parsed fields must rebuild a version of equal precedence.
      const p = JSON.parse(detail!) as { major: number; minor: number; patch: number; prerelease: (string | number)[] }
      const rebuilt = `${p.major}.${p.minor}.${p.patch}${p.prerelease.length ? `-${p.prerelease.join('.')}` : ''}`
      expect([v, rebuilt, cmp(v!, rebuilt)]).toEqual([v, rebuilt, 0])
    }
  })

  it('passes osv-scalibr semver-versions.txt both ways (node-semver invalids skipped)', () => {
    const cases = readOrderCases('google__osv-scalibr/semantic/testdata/semver-versions.txt')
    const used = cases.filter((c) => !SCALIBR_SKIP.has(`${c.a} ${c.op} ${c.b}`))
    expect(cases.length - used.length).toBe(SCALIBR_SKIP.size)
    for (const c of used) {
      expect([c.a, c.b, cmp(c.a, c.b)]).toEqual([c.a, c.b, opCode(c.op)])
      expect([c.b, c.a, cmp(c.b, c.a)]).toEqual([c.b, c.a, -opCode(c.op) || 0])
    }
    for (const line of SCALIBR_SKIP) {
      const a = line.split(' ')[0]!
      expect([a, nodeSemver.valid(a), backend.valid(Scheme.Semver, a)]).toEqual([a, null, false])
    }
  })

  it('returns 2/3 for invalid sides, checking the left first', () => {
    expect(cmp('1.2', '1.2.3')).toBe(2)
    expect(cmp('1.2.3', '01.2.3')).toBe(3)
    expect(cmp('x', 'y')).toBe(2)
    expect(cmp('1.2.3-', '1.2.3')).toBe(2)
  })

  it('applies node-semver limits: 256 characters, MAX_SAFE_INTEGER, no leading zeros', () => {
    expect(backend.valid(Scheme.Semver, `1.2.3-${'a'.repeat(250)}`)).toBe(true) // 256
    expect(backend.valid(Scheme.Semver, `1.2.3-${'a'.repeat(251)}`)).toBe(false) // 257
    expect(backend.valid(Scheme.Semver, '9007199254740991.0.0')).toBe(true)
    expect(backend.valid(Scheme.Semver, '9007199254740992.0.0')).toBe(false)
    expect(backend.valid(Scheme.Semver, '1.2.3-01')).toBe(false)
    expect(backend.valid(Scheme.Semver, '1.2.3+01')).toBe(true)
    expect(backend.valid(Scheme.Semver, 'V1.2.3')).toBe(false)
    expect(backend.valid(Scheme.Semver, '=1.2.3')).toBe(false)
    // JavaScript's trim(): Unicode spaces and the BOM around the version are removed.
    expect(backend.valid(Scheme.Semver, '\u00a0\ufeff1.2.3\u3000\n')).toBe(true)
    expect(backend.valid(Scheme.Semver, '1.2.3\u0085')).toBe(false)
  })
})

// node-semver itself (a devDependency) is the native tool: it is the oracle here.
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const GOOD = ['0', '1', '2', '10', '9007199254740991']
const BAD = ['01', '9007199254740992', 'x', '']
const PRE = ['alpha', 'beta', '1', '0', 'rc.1', 'a-b', '-', 'Z9', '11', '2', 'alpha.10', '9007199254740991']
const BAD_PRE = ['01', '', 'a..b', 'ü']

/** Generated versions, plausible and broken, for comparison against node-semver. */
function generatedVersions(n: number, seed: number): string[] {
  const r = rng(seed)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!
  const part = () => (r() < 0.9 ? pick(GOOD) : pick(BAD))
  const pre = () => (r() < 0.95 ? pick(PRE) : pick(BAD_PRE))
  const out: string[] = []
  for (let i = 0; i < n; i++) {
    let v = `${r() < 0.1 ? 'v' : ''}${part()}.${part()}${r() < 0.95 ? `.${part()}` : ''}`
    if (r() < 0.5) v += `-${pre()}${r() < 0.3 ? `.${pre()}` : ''}`
    if (r() < 0.2) v += `+${pick(['build', '001', 'a.b', ''])}`
    if (r() < 0.05) v = ` ${v}\t`
    out.push(v)
  }
  return out
}

describe.each(BACKENDS)('semver against node-semver ($kind)', (backend) => {
  it('agrees with semver.valid() and semver.compare() on 3000 generated pairs', () => {
    const vs = generatedVersions(3000, 7)
    const ws = generatedVersions(3000, 11)
    const diffs: string[] = []
    let compared = 0
    for (let i = 0; i < vs.length && diffs.length < 10; i++) {
      const a = vs[i]!
      const b = ws[i]!
      const va = nodeSemver.valid(a) !== null
      const vb = nodeSemver.valid(b) !== null
      if (backend.valid(Scheme.Semver, a) !== va) diffs.push(`valid ${JSON.stringify(a)}`)
      if (va && vb) compared++
      const want = !va ? 2 : !vb ? 3 : nodeSemver.compare(a, b)
      const got = backend.compare(Scheme.Semver, a, b)
      if (got !== want) diffs.push(`${JSON.stringify(a)} vs ${JSON.stringify(b)}: want ${want} got ${got}`)
    }
    expect(diffs).toEqual([])
    expect(compared).toBeGreaterThan(1000)
  })
})

// The WASM core trims over UTF-8 bytes with its own tables: compare it with the
// reference (which uses the runtime's trim) on versions wrapped in assorted characters.
describe('Unicode around versions: WASM agrees with the reference', () => {
  const CHARS = [' ', '\t', '\n', '\v', '\f', '\r', '\u0085', '\u00a0', '\u00a1', '\u1680', '\u180e', '\u2000', '\u200a', '\u200b', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff', '\ufffe', 'é', '😀', '\u0000']
  const BASES = ['1.2.3', 'v1.0.0-rc.1+b', '1.0', '2.0.0.1-beta', '1.0.0+x', '']
  it('for every scheme that trims', () => {
    const diffs: string[] = []
    let seed = 99
    const r = () => ((seed = (Math.imul(seed, 1103515245) + 12345) | 0) >>> 0) / 4294967296
    for (let i = 0; i < 4000; i++) {
      const wrap = () => Array.from({ length: Math.floor(r() * 3) }, () => CHARS[Math.floor(r() * CHARS.length)]).join('')
      const base = BASES[Math.floor(r() * BASES.length)]!
      const v = r() < 0.2 ? base.replace('.', `${wrap()}.`) : `${wrap()}${base}${wrap()}`
      for (const s of [Scheme.Semver]) {
        if (referenceBackend.valid(s, v) !== wasmBackend.valid(s, v)) diffs.push(`valid ${s} ${JSON.stringify(v)}`)
        const c1 = referenceBackend.compare(s, v, '1.0.0')
        const c2 = wasmBackend.compare(s, v, '1.0.0')
        if (c1 !== c2) diffs.push(`compare ${s} ${JSON.stringify(v)} ts=${c1} wasm=${c2}`)
      }
      if (diffs.length > 10) break
    }
    expect(diffs).toEqual([])
  })
})
