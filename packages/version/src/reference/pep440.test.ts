import { describe, expect, it } from 'vitest'
import { Scheme } from '../scheme.ts'
import { BACKENDS } from '../testing/backends.ts'
import { opCode, readOrderCases, readVector } from '../testing/vectors.ts'
import { formatPep440, isPep440Prerelease, parsePep440 } from './pep440.ts'

// pypa/packaging's test tables, flattened to TSV (see the file's header).
const rows = readVector('pypa__packaging/cases.txt')
  .split('\n')
  .filter((l) => l && !l.startsWith('#'))
  .map((l) => l.split('\t').map((f) => f.replace(/\\t/g, '\t').replace(/\\n/g, '\n').replace(/\\\\/g, '\\')))

interface Table {
  test: string
  class: string | null
  argnames?: string[]
  cases?: unknown[]
}
const tables: Table[] = JSON.parse(readVector('pypa__packaging/parametrize-cases.json')).files['tests/test_version.py']
const table = (test: string) => tables.find((t) => t.test === test)!.cases as unknown[]

// The sorted VERSIONS list of test_version.py: every i < j pair must order.
const sorted = (() => {
  const order = rows.filter((r) => r[0] === 'order')
  return [order[0]![1]!, ...order.map((r) => r[3]!)]
})()

// osv-scalibr's pypi fixture keeps "legacy" versions that packaging (since 22.0)
// rejects with InvalidVersion; we follow packaging. Listed in docs/versions.md.
const SCALIBR_LEGACY = new Set([
  '0.1-bulbasaur', '0.1-charmander', '0.9-doduo', '0.9-eevee', '0.9-fearow', '0.9-gyarados', '0.9-horsea',
  '0.9-ivysaur', '-class.-jw.util.version.version-pre', '-class.-jw.util.version.version-preview',
  '-class.-jw.util.version.version-dev',
])

describe('pep440 parsing (reference)', () => {
  it('normalises every test_normalized_versions vector', () => {
    const got = rows.filter((r) => r[0] === 'normalize')
    expect(got.length).toBe(102)
    for (const [, v, n] of got) expect([v, formatPep440(parsePep440(v!)!)]).toEqual([v, n])
  })

  it('prints every test_version_str_repr vector', () => {
    for (const [, v, s] of rows.filter((r) => r[0] === 'str')) expect([v, formatPep440(parsePep440(v!)!)]).toEqual([v, s])
  })

  it('reports is_prerelease as packaging does', () => {
    for (const [v, pre] of table('test_version_is_prerelease') as [string, boolean][]) {
      expect([v, isPep440Prerelease(parsePep440(v)!)]).toEqual([v, pre])
    }
  })

  it('splits epoch, release, pre, post, dev and local as packaging does', () => {
    for (const [v, e] of table('test_version_epoch') as [string, number][]) expect([v, parsePep440(v)!.epoch]).toEqual([v, String(e)])
    for (const [v, r] of table('test_version_release') as [string, number[]][]) {
      expect([v, parsePep440(v)!.release]).toEqual([v, r.map(String)])
    }
    for (const [v, p] of table('test_version_pre') as [string, [string, number] | null][]) {
      expect([v, parsePep440(v)!.pre ?? null]).toEqual([v, p ? [p[0], String(p[1])] : null])
    }
    for (const [v, p] of table('test_version_post') as [string, number | null][]) {
      expect([v, parsePep440(v)!.post ?? null]).toEqual([v, p === null ? null : String(p)])
    }
    for (const [v, d] of table('test_version_dev') as [string, number | null][]) {
      expect([v, parsePep440(v)!.dev ?? null]).toEqual([v, d === null ? null : String(d)])
    }
    for (const [v, l] of table('test_version_local') as [string, string | null][]) {
      expect([v, parsePep440(v)!.local ?? null]).toEqual([v, l])
    }
  })
})

describe.each(BACKENDS)('pep440 ($kind)', (backend) => {
  const cmp = (a: string, b: string) => backend.compare(Scheme.Pep440, a, b)
  const valid = (v: string) => backend.valid(Scheme.Pep440, v)

  it('orders every pair of the sorted VERSIONS list both ways', () => {
    expect(sorted.length).toBe(92)
    const bad: string[] = []
    for (let i = 0; i < sorted.length; i++) {
      for (let j = 0; j < sorted.length; j++) {
        const want = i < j ? -1 : i > j ? 1 : 0
        const got = cmp(sorted[i]!, sorted[j]!)
        if (got !== want) bad.push(`${sorted[i]} vs ${sorted[j]}: ${got}`)
      }
    }
    expect(bad).toEqual([])
  })

  it('accepts every test_valid_versions vector', () => {
    for (const v of table('test_valid_versions') as string[]) expect([v, valid(v)]).toEqual([v, true])
  })

  it('rejects every invalid vector (compare gives 2 / 3)', () => {
    const inv = rows.filter((r) => r[0] === 'invalid').map((r) => r[1]!)
    expect(inv.length).toBe(20)
    for (const v of [...inv, ...(table('test_oversized_version_raises_valueerror') as string[])]) {
      expect([v, valid(v), cmp(v, '1.0'), cmp('1.0', v)]).toEqual([v, false, 2, 3])
    }
  })

  it('treats each normalised spelling as equal to its canonical form', () => {
    for (const [, v, n] of rows.filter((r) => r[0] === 'normalize' || r[0] === 'str')) {
      expect([v, n, cmp(v!, n!), cmp(n!, v!)]).toEqual([v, n, 0, 0])
    }
  })

  it('passes osv-scalibr pypi-versions.txt both ways (legacy versions are invalid)', () => {
    const cases = readOrderCases('google__osv-scalibr/semantic/testdata/pypi-versions.txt')
    expect(cases.length).toBeGreaterThan(30)
    let skipped = 0
    for (const c of cases) {
      if (SCALIBR_LEGACY.has(c.a) || SCALIBR_LEGACY.has(c.b)) {
        skipped++
        const bad = SCALIBR_LEGACY.has(c.a) ? c.a : c.b
        expect([bad, valid(bad)]).toEqual([bad, false])
        continue
      }
      expect([c.a, c.b, cmp(c.a, c.b)]).toEqual([c.a, c.b, opCode(c.op)])
      expect([c.b, c.a, cmp(c.b, c.a)]).toEqual([c.b, c.a, -opCode(c.op) || 0])
    }
    expect(skipped).toBe(11)
  })

  it('trims the whitespace Python trims (Unicode included) and nothing else', () => {
    for (const ws of [' ', '\t', '\x0b', '\x1c', '\x85', '\xa0', '\u1680', '\u2003', '\u2028', '\u202f', '\u205f', '\u3000']) {
      const v = `${ws}1.0${ws}`
      expect([JSON.stringify(v), valid(v), cmp(v, '1')]).toEqual([JSON.stringify(v), true, 0])
    }
    for (const v of ['1.0\u200b', '\u00a01.0\u00a1', '1\u00a0.0', '1.0\ufeff', '\u2029', '']) {
      expect([JSON.stringify(v), valid(v)]).toEqual([JSON.stringify(v), false])
    }
  })

  it('compares numbers of any length exactly', () => {
    expect(cmp('1.' + '9'.repeat(40), '1.' + '9'.repeat(39) + '8')).toBe(1)
    expect(cmp('0' + '1'.repeat(30), '1'.repeat(30))).toBe(0)
    expect(cmp('1+' + '1'.repeat(30), '1+' + '1'.repeat(29) + '2')).toBe(-1)
  })
})

describe('pep440: TS and WASM agree on generated strings', () => {
  it('agrees on 20000 strings built from PEP 440 tokens', async () => {
    const { referenceBackend } = await import('./backend.ts')
    const { wasmBackend } = await import('../testing/backends.ts')
    let seed = 0x440
    const r = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
      return seed / 4294967296
    }
    const tokens = ['1', '0', '00', '12', '.', '.', '-', '_', '!', '+', 'v', 'a', 'b', 'c', 'rc', 'alpha', 'pre', 'preview',
      'post', 'rev', 'r', 'dev', 'DEV', 'Post', 'x', ' ', '\u00a0', '\u2029', '*', '9'.repeat(25)]
    const a: string[] = []
    const b: string[] = []
    for (let i = 0; i < 20000; i++) {
      const make = () => Array.from({ length: 1 + Math.floor(r() * 8) }, () => tokens[Math.floor(r() * tokens.length)]).join('')
      a.push(make())
      b.push(i % 4 === 0 ? a[i]! : make())
    }
    const ts = referenceBackend.compareMany(Scheme.Pep440, a, b)
    const wasm = wasmBackend.compareMany(Scheme.Pep440, a, b)
    const diffs = a.map((x, i) => (ts[i] !== wasm[i] ? `${JSON.stringify(x)} vs ${JSON.stringify(b[i])}: ${ts[i]}/${wasm[i]}` : '')).filter(Boolean)
    expect(diffs.slice(0, 10)).toEqual([])
    const validShare = referenceBackend.validMany(Scheme.Pep440, a).reduce((s, x) => s + x, 0) / a.length
    expect(validShare).toBeGreaterThan(0.05) // the generator must reach valid versions too
  })
})
