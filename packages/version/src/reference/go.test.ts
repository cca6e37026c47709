import { describe, expect, it } from 'vitest'
import { Scheme, schemeForEcosystem } from '../scheme.ts'
import { BACKENDS } from '../testing/backends.ts'
import { opCode, readOrderCases, readVector } from '../testing/vectors.ts'

const lines = readVector('golang__mod/cases.txt')
  .split('\n')
  .filter((l) => l && !l.startsWith('#'))
  .map((l) => l.split(' '))
const canonical = lines.filter((f) => f[0] === 'canonical')
// x/mod's IsValid, from the canonical table ('-' = invalid).
const validity = new Map(canonical.map(([, v, out]) => [v!, out !== '-']))
const orderRows = lines.filter((f) => /^[<=>]$/.test(f[1] ?? '') && f.length === 3)

// osv-scalibr semver-versions.txt lines that x/mod rejects (so we return invalid):
// more than three numeric parts is not a Go module version.
const SCALIBR_SKIPPED = new Set(['1.1.3.4.5 = 1.1.3.4.5'])

describe.each(BACKENDS)('go ($kind)', (backend) => {
  const cmp = (a: string, b: string) => backend.compare(Scheme.Go, a, b)
  const valid = (v: string) => backend.valid(Scheme.Go, v)

  it('agrees with semver.IsValid and Canonical on the x/mod table', () => {
    expect(canonical.length).toBeGreaterThan(30)
    for (const [, v, out] of canonical) {
      expect([v, valid(v!)]).toEqual([v, out !== '-'])
      if (out !== '-') expect([v, out, cmp(v!, out!)]).toEqual([v, out, 0])
    }
  })

  it('orders every x/mod Compare pair both ways (invalid sides reported as 2/3)', () => {
    expect(orderRows.length).toBeGreaterThan(400)
    for (const [a, op, b] of orderRows) {
      const va = validity.get(a!)
      const vb = validity.get(b!)
      expect([a, va, b, vb]).not.toContain(undefined)
      if (!va || !vb) {
        // x/mod sorts invalid strings below all valid ones; we refuse to order them.
        expect([a, b, cmp(a!, b!)]).toEqual([a, b, va ? 3 : 2])
        expect([b, a, cmp(b!, a!)]).toEqual([b, a, vb ? 3 : 2])
        continue
      }
      const want = opCode(op as '<' | '=' | '>')
      expect([a, b, cmp(a!, b!)]).toEqual([a, b, want])
      expect([b, a, cmp(b!, a!)]).toEqual([b, a, -want || 0])
      // OSV writes Go versions without the v: the same answers.
      expect([a, b, cmp(a!.slice(1), b!)]).toEqual([a, b, want])
      expect([a, b, cmp(a!, b!.slice(1))]).toEqual([a, b, want])
    }
  })

  it('sorts like semver.Sort (valid entries; ties broken by string, as x/mod does)', () => {
    const golden = lines.find((f) => f[0] === 'sorted')!.slice(1).filter((v) => validity.get(v))
    const sorted = [...golden].reverse().sort((x, y) => cmp(x, y) || (x < y ? -1 : x > y ? 1 : 0))
    expect(sorted).toEqual(golden)
  })

  it('orders pseudo-versions as prereleases above their base', () => {
    const pseudo = lines.filter((f) => f[0] === 'pseudo')
    expect(pseudo.length).toBeGreaterThan(10)
    for (const [, major, older, version] of pseudo) {
      expect([version, valid(version!)]).toEqual([version, true])
      if (older !== '-') expect([version, older, cmp(version!, older!)]).toEqual([version, older, 1])
      else {
        const base = `${major === '-' ? 'v0' : major}.0.0`
        expect([version, base, cmp(version!, base)]).toEqual([version, base, -1])
      }
    }
    expect(cmp('v0.0.0-20191109021931-daa7c04131f5', 'v0.0.0-20200101000000-aaaaaaaaaaaa')).toBe(-1)
    expect(cmp('v2.0.0+incompatible', '2.0.0')).toBe(0)
  })

  it('passes osv-scalibr semver-versions.txt both ways', () => {
    const cases = readOrderCases('google__osv-scalibr/semantic/testdata/semver-versions.txt')
    expect(cases.length).toBeGreaterThan(80)
    for (const c of cases) {
      const line = `${c.a} ${c.op} ${c.b}`
      if (SCALIBR_SKIPPED.has(line)) {
        expect([line, valid(c.a) && valid(c.b)]).toEqual([line, false])
        continue
      }
      expect([c.a, c.b, cmp(c.a, c.b)]).toEqual([c.a, c.b, opCode(c.op)])
      expect([c.b, c.a, cmp(c.b, c.a)]).toEqual([c.b, c.a, -opCode(c.op) || 0])
    }
  })

  it('treats a missing v as present and nothing else', () => {
    expect(valid('1.2.3')).toBe(true)
    expect(valid('1')).toBe(true)
    expect(valid('V1.2.3')).toBe(false)
    expect(valid('vv1.2.3')).toBe(false)
    expect(valid('')).toBe(false)
    expect(valid('v')).toBe(false)
    expect(valid('v01.2.3')).toBe(false)
    expect(valid('v1.2.3-01')).toBe(false)
    expect(valid('v1.2.3+01')).toBe(true)
    expect(cmp('v1.2', '1.2.0')).toBe(0)
  })
})

describe('go ecosystems', () => {
  it('maps Go to the go scheme', () => {
    expect(schemeForEcosystem('Go')).toBe(Scheme.Go)
  })
})
