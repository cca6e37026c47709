import { describe, expect, it } from 'vitest'
import { Scheme } from '../scheme.ts'
import { BACKENDS, wasmBackend } from '../testing/backends.ts'
import { referenceBackend } from './backend.ts'
import { opCode, readOrderCases } from '../testing/vectors.ts'

// Cases derived from NuGet.Versioning's parsing and comparison rules (NuGet 6:
// NuGetVersion.TryParse with TryGetNormalizedVersion, VersionComparer.Default) and the
// NuGet docs ("Package versioning"): valid and invalid strings, equal and ordered pairs.
// NuGet's section reader takes empty sections as 0 and a trailing dot as the end, so
// `1.`, `1..0` and `.1` are valid; it wraps numbers in int32, so a major of 2^31 makes
// `new Version()` throw and a minor of 2^31 reads 0.
const VALID = ['1.0', '1.0.0', '1.0.0.0', '1', '01.002.0003.04', '1.0.0-beta', '1.0.0-beta.1+build.5', '1.0.0+meta', '1.0.0-rc-1', '1.0.0-beta.-1', '1.0.0+01.002', ' 1.0.0 ', '2147483647.0', '1.', '1..0', '.1', '1.2.3.', '4294967296.1']
const INVALID = ['', ' ', '1.0.0.0.0', '1.2.3.4.', 'a.b', '1.0.0-', '1.0.0+', '1.0.0-beta.01', '1.0.0-beta..1', '1.0.0-beta_1', '1.0.0+meta+data', '1.0.0-+meta', '-1.0', '2147483648.0', '1.0 0', '1. 0', 'v1.0', '+1.0']
const EQUAL = [
  ['1.', '1.0.0.0'],
  ['1..2', '1.0.2'],
  ['.1', '0.1'],
  ['1.2147483648', '1.0'],
  ['4294967297.0', '1.0'],
  ['1.0', '1.0.0.0'],
  ['1', '1.0.0'],
  ['1.0.0-BETA', '1.0.0-beta'],
  ['1.0.0+a', '1.0.0+b'],
  ['01.0.0', '1.0.0'],
  ['1.0.0-beta.-0', '1.0.0-beta.0'],
]
const LESS = [
  ['1.0.0-beta', '1.0.0'],
  ['1.0.0', '1.0.0.1'],
  ['1.0.0-alpha', '1.0.0-alpha.1'],
  ['1.0.0-2', '1.0.0-10'],
  ['1.0.0-10', '1.0.0-a'],
  ['1.0.0--5', '1.0.0-0'],
  ['1.0.0-3', '1.0.0-2147483648'], // beyond int32: compared as text, after numbers
  ['1.0.0-a-b', '1.0.0-aa'],
  ['1.0.0-rc.1', '1.0.0.1-alpha'],
]

describe.each(BACKENDS)('nuget ($kind)', (backend) => {
  const cmp = (a: string, b: string) => backend.compare(Scheme.NuGet, a, b)

  it('accepts and rejects what NuGetVersion.TryParse does', () => {
    for (const v of VALID) expect([v, backend.valid(Scheme.NuGet, v)]).toEqual([v, true])
    for (const v of INVALID) {
      expect([v, backend.valid(Scheme.NuGet, v)]).toEqual([v, false])
      expect([v, cmp(v, '1.0'), cmp('1.0', v)]).toEqual([v, 2, 3])
    }
  })

  it('orders by four numbers, then labels (numeric below text, case-insensitive), ignoring metadata', () => {
    for (const [a, b] of EQUAL) {
      expect([a, b, cmp(a!, b!)]).toEqual([a, b, 0])
      expect([b, a, cmp(b!, a!)]).toEqual([b, a, 0])
    }
    for (const [a, b] of LESS) {
      expect([a, b, cmp(a!, b!)]).toEqual([a, b, -1])
      expect([b, a, cmp(b!, a!)]).toEqual([b, a, 1])
    }
  })

  it('trims .NET whitespace (U+0085 yes, BOM no)', () => {
    expect(backend.valid(Scheme.NuGet, '\u00851.0\u3000')).toBe(true)
    expect(backend.valid(Scheme.NuGet, '\ufeff1.0')).toBe(false)
  })

  it('answers huge inputs', () => {
    expect(backend.valid(Scheme.NuGet, `1.0${' '.repeat(1e5)}x`)).toBe(false)
    expect(backend.valid(Scheme.NuGet, `1.0.0-${'a.'.repeat(2e5)}a`)).toBe(true)
    expect(backend.valid(Scheme.NuGet, '9'.repeat(1e6))).toBe(false)
  })

  it('passes osv-scalibr nuget-versions.txt both ways', () => {
    const cases = readOrderCases('google__osv-scalibr/semantic/testdata/nuget-versions.txt')
    expect(cases.length).toBe(35)
    for (const c of cases) {
      expect([c.a, c.b, cmp(c.a, c.b)]).toEqual([c.a, c.b, opCode(c.op)])
      expect([c.b, c.a, cmp(c.b, c.a)]).toEqual([c.b, c.a, -opCode(c.op) || 0])
    }
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
      for (const s of [Scheme.NuGet, Scheme.Pub]) {
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
