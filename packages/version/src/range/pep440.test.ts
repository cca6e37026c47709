import { describe, expect, it } from 'vitest'
import { StowawayError } from '@stowaway/core'
import { isPep440Prerelease, parsePep440 } from '../reference/pep440.ts'
import { satisfies } from '../satisfies.ts'
import { Scheme } from '../scheme.ts'
import { BACKENDS } from '../testing/backends.ts'
import { readVector } from '../testing/vectors.ts'
import { createPep440RangeParser, parsePep440Range } from './pep440.ts'

// pypa/packaging's specifier tables (see the header of cases.txt).
const rows = readVector('pypa__packaging/cases.txt')
  .split('\n')
  .filter((l) => l && !l.startsWith('#'))
  .map((l) => l.split('\t').map((f) => f.replace(/\\t/g, '\t').replace(/\\n/g, '\n').replace(/\\\\/g, '\\')))
const rowsOf = (kind: string) => rows.filter((r) => r[0] === kind)

interface Table {
  test: string
  cases?: unknown[]
}
const specTables: Table[] = JSON.parse(readVector('pypa__packaging/parametrize-cases.json')).files['tests/test_specifiers.py']
const table = (test: string) => specTables.find((t) => t.test === test && t.cases)!.cases as unknown[]

/** `key=None|True|False` → boolean | undefined. */
const flag = (field: string | undefined): boolean | undefined => {
  const v = field?.split('=')[1]
  return v === 'True' ? true : v === 'False' ? false : undefined
}

/**
 * The pre-release setting packaging ends up using for one `contains()` call: the
 * call's argument wins over the specifier's own, `installed=True` forces it on for a
 * pre-release, and None admits a lone pre-release (= our default, `true`).
 */
function effective(version: string, spec: boolean | undefined, call: boolean | undefined, installed?: boolean): boolean {
  const pv = parsePep440(version)
  if (installed && pv && isPep440Prerelease(pv)) return true
  return call ?? spec ?? true
}

// SpecifierSet('') is valid in packaging and matches everything; we reject an empty
// range (an advisory with no specifier is a data error, not "all versions"). These
// rows of test_specifier_prereleases_explicit are therefore skipped; docs/versions.md.
const EMPTY_SET_ROWS = 13

describe.each(BACKENDS)('PEP 440 specifiers ($kind)', (backend) => {
  const cmp = (a: string, b: string) => backend.compare(Scheme.Pep440, a, b)
  const contains = (spec: string, v: string, prereleases: boolean | 'if-mentioned' = true) =>
    createPep440RangeParser({ prereleases })(spec).test(v, cmp)

  it('passes every test_specifiers vector through satisfies()', () => {
    const got = rowsOf('satisfies')
    expect(got.length).toBe(188)
    for (const [, spec, v, want] of got) {
      expect([spec, v, satisfies('PyPI', v!, spec!, { backend })]).toEqual([spec, v, want === 'true'])
    }
  })

  it('passes every test_specifiers_prereleases vector', () => {
    const got = rowsOf('satisfies-pre')
    expect(got.length).toBe(58)
    for (const [, spec, v, want, sp, cp] of got) {
      const pre = effective(v!, flag(sp), flag(cp))
      expect([spec, v, sp, cp, contains(spec!, v!, pre)]).toEqual([spec, v, sp, cp, want === 'true'])
    }
  })

  it('passes every SpecifierSet exclusionary-bridge vector', () => {
    const got = rowsOf('set-contains')
    expect(got.length).toBe(101)
    for (const [, spec, v, want, p] of got) {
      const pre = effective(v!, undefined, flag(p))
      expect([spec, v, p, contains(spec!, v!, pre)]).toEqual([spec, v, p, want === 'true'])
    }
  })

  it('passes every installed-prerelease vector', () => {
    const got = rowsOf('set-contains-installed')
    expect(got.length).toBe(41)
    for (const [, spec, v, want, sp, cp, inst] of got) {
      const pre = effective(v!, flag(sp), flag(cp), flag(inst))
      expect([spec, v, sp, cp, inst, contains(spec!, v!, pre)]).toEqual([spec, v, sp, cp, inst, want === 'true'])
    }
  })

  it('passes the arbitrary-equality (===) vectors, valid version or not', () => {
    const got = rowsOf('arbitrary')
    expect(got.length).toBe(47)
    for (const [, spec, v, want] of got) expect([spec, v, contains(spec!, v!)]).toEqual([spec, v, want === 'true'])
    for (const [v, spec, want] of table('test_contains_arbitrary_equality_contains') as [string, string, boolean][]) {
      expect([spec, v, contains(spec, v)]).toEqual([spec, v, want])
    }
    for (const [spec, v, want] of table('test_invalid_version') as [string, string, boolean][]) {
      expect([spec, v, contains(spec, v)]).toEqual([spec, v, want])
    }
  })

  it('passes the post-release boundary, local and short-release tables', () => {
    const cases = [
      ...(table('test_contains_post_release_boundary_intersection') as [string, string, boolean][]),
      ...(table('test_boundary_closure_short_release') as [string, string, boolean][]),
      ...(table('test_comparison_ignores_local') as [string, string, boolean][]).map(([v, s, w]) => [s, v, w] as const),
    ]
    expect(cases.length).toBe(15)
    for (const [spec, v, want] of cases) expect([spec, v, contains(spec, v)]).toEqual([spec, v, want])
  })

  it('passes test_specifier_prereleases_set and _explicit with the final setting', () => {
    for (const [spec, init, set, v, initWant, finalWant] of table('test_specifier_prereleases_set') as [
      string, boolean | null, boolean | null, string, boolean, boolean,
    ][]) {
      expect([spec, v, init, contains(spec, v, effective(v, init ?? undefined, undefined))]).toEqual([spec, v, init, initWant])
      expect([spec, v, set, contains(spec, v, effective(v, set ?? undefined, undefined))]).toEqual([spec, v, set, finalWant])
    }
    let skipped = 0
    for (const [init, set, v, initWant, finalWant, spec] of table('test_specifier_prereleases_explicit') as [
      boolean | null, boolean | null, string, boolean, boolean, string,
    ][]) {
      if (spec === '') {
        skipped++
        expect(() => parsePep440Range(spec)).toThrow(StowawayError)
        continue
      }
      expect([spec, v, init, contains(spec, v, effective(v, init ?? undefined, undefined))]).toEqual([spec, v, init, initWant])
      expect([spec, v, set, contains(spec, v, effective(v, set ?? undefined, undefined))]).toEqual([spec, v, set, finalWant])
    }
    expect(skipped).toBe(EMPTY_SET_ROWS)
  })

  it("'if-mentioned' admits pre-releases exactly when a specifier names one (test_specifier_prereleases_detection)", () => {
    // A pre-release that every listed specifier otherwise accepts: admitted iff the
    // specifier "implies prereleases" in packaging's sense.
    const probe: Record<string, string> = {
      '==1.0': '', '>=1.0': '2.0a1', '<=1.0': '0.9a1', '~=1.0': '1.5a1', '<1.0': '0.9a1', '>1.0': '2.0a1',
      '<1.0.dev1': '0.9a1', '>1.0.dev1': '2.0a1', '!=1.0.dev1': '2.0a1', '==1.0.*': '1.0.1a1',
      '==1.0.dev1': '1.0.dev1', '>=1.0.dev1': '2.0a1', '<=1.0.dev1': '0.9a1', '~=1.0.dev1': '1.5a1',
    }
    for (const [spec, implies] of table('test_specifier_prereleases_detection') as [string, boolean][]) {
      const v = probe[spec]!
      if (v === '') continue // `==1.0` has no pre-release inside it to probe with
      expect([spec, v, contains(spec, v, true)]).toEqual([spec, v, true])
      expect([spec, v, contains(spec, v, 'if-mentioned')]).toEqual([spec, v, implies])
    }
  })

  it('prerelease option: false and if-mentioned filter, the default includes', () => {
    expect(contains('>=1.0,<2.1', '2.0rc1')).toBe(true)
    expect(contains('>=1.0,<2.1', '2.0rc1', false)).toBe(false)
    expect(contains('>=1.0,<2.1', '2.0rc1', 'if-mentioned')).toBe(false)
    expect(contains('>=1.0b1,<2.1', '2.0rc1', 'if-mentioned')).toBe(true)
    expect(contains('>=1.0,<2.1', '2.0', false)).toBe(true)
  })
})

describe('PEP 440 specifier syntax', () => {
  it('rejects every test_specifiers_invalid vector with INVALID_RANGE', () => {
    const bad = rowsOf('invalid-spec').map((r) => r[1]!)
    expect(bad.length).toBe(31)
    for (const spec of bad) {
      let code = ''
      try {
        parsePep440Range(spec)
      } catch (e) {
        code = (e as StowawayError).code
      }
      expect([spec, code]).toEqual([spec, 'INVALID_RANGE'])
    }
    for (const spec of ['', ' , ', '>=1.0,lolwat', '==1.0;', '===a b']) expect(() => parsePep440Range(spec)).toThrow(StowawayError)
  })

  it('fails fast on long hostile input', () => {
    expect(() => parsePep440Range('>=' + ' '.repeat(50000) + 'x')).toThrow(StowawayError)
    expect(() => parsePep440Range('==' + '1.'.repeat(30000) + '*x')).toThrow(StowawayError)
  })

  it('accepts every normalised spelling after each operator that allows it', () => {
    const versions = rowsOf('normalize-spec').map((r) => r[1]!)
    expect(versions.length).toBe(95)
    for (const v of versions) {
      const ops = v.includes('+') ? ['==', '!='] : ['~=', '==', '!=', '<=', '>=', '<', '>']
      for (const op of ops) expect(() => parsePep440Range(op + v)).not.toThrow()
    }
    for (const spec of table('test_specifiers_valid') as string[]) expect(() => parsePep440Range(spec)).not.toThrow()
  })
})

// The native tool itself, when a Python with pypa/packaging is installed (as on the
// project machine): our answers must equal packaging's on generated input.
const ORACLE = `
import json, sys
from packaging.version import Version, InvalidVersion
from packaging.specifiers import SpecifierSet, InvalidSpecifier
req = json.load(sys.stdin)
def parse(v):
    try:
        return Version(v)
    except (InvalidVersion, ValueError):
        return None
out = {"compare": [], "contains": []}
for a, b in req["pairs"]:
    x = parse(a)
    if x is None:
        out["compare"].append(2); continue
    y = parse(b)
    if y is None:
        out["compare"].append(3); continue
    out["compare"].append(-1 if x < y else (1 if x > y else 0))
for spec, v in req["specs"]:
    try:
        s = SpecifierSet(spec)
    except InvalidSpecifier:
        out["contains"].append("invalid"); continue
    out["contains"].append(bool(s.contains(v)))
json.dump(out, sys.stdout)
`

const { spawnSync } = await import('node:child_process')
const hasPackaging = spawnSync('python3', ['-c', 'import packaging.specifiers'], { encoding: 'utf8' }).status === 0

describe.skipIf(!hasPackaging)('PEP 440 against the installed pypa/packaging', () => {
  let seed = 0x9e3779b9
  const r = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
    return seed / 4294967296
  }
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!
  const tokens = ['1', '0', '2', '00', '10', '.', '.', '.', '-', '_', '!', '+', 'v', 'a', 'b', 'c', 'rc', 'alpha', 'beta', 'pre',
    'preview', 'post', 'rev', 'r', 'dev', 'DEV', 'x', 'abc', ' ']
  const versionish = () => Array.from({ length: 1 + Math.floor(r() * 9) }, () => pick(tokens)).join('')
  const real = ['0', '1', '1.0', '1.0.0', '1.0a1', '1.0b2', '1.0rc1', '1.0.post1', '1.0.dev0', '1.0+local', '1!1.0', '2', '2.0',
    '2.0.1', '2.0rc1', '2.0.post1.dev1', '2.0+abc.1', '1.1', '1.1a1', '0.9', '3']
  const version = () => (r() < 0.5 ? pick(real) : versionish())
  const run = (pairs: [string, string][], specs: [string, string][]) => {
    const res = spawnSync('python3', ['-c', ORACLE], { input: JSON.stringify({ pairs, specs }), encoding: 'utf8', maxBuffer: 1 << 26 })
    if (res.status !== 0) throw new Error(`Cannot run packaging oracle: ${res.stderr}`)
    return JSON.parse(res.stdout) as { compare: number[]; contains: (boolean | 'invalid')[] }
  }

  it('compare and valid agree on 6000 generated pairs (both backends)', () => {
    const pairs: [string, string][] = Array.from({ length: 6000 }, () => [version(), version()])
    const want = run(pairs, []).compare
    expect(want.filter((c) => c < 2).length).toBeGreaterThan(1000)
    for (const backend of BACKENDS) {
      const got = backend.compareMany(Scheme.Pep440, pairs.map((p) => p[0]), pairs.map((p) => p[1]))
      const diffs = pairs.map(([a, b], i) => (got[i] !== want[i] ? `${JSON.stringify(a)} vs ${JSON.stringify(b)}: ${got[i]} want ${want[i]}` : ''))
      expect([backend.kind, diffs.filter(Boolean).slice(0, 10)]).toEqual([backend.kind, []])
    }
  })

  it('specifier sets agree on 6000 generated (set, version) cases (both backends)', () => {
    const ops = ['==', '!=', '<', '<=', '>', '>=', '~=', '===']
    const spec1 = () => pick(ops) + (r() < 0.15 ? pick(real).replace(/[a-z+].*$/, '') + '.*' : r() < 0.8 ? pick(real) : versionish())
    const specs: [string, string][] = Array.from({ length: 6000 }, () => [
      Array.from({ length: 1 + Math.floor(r() * 3) }, spec1).join(','),
      pick(real.concat(['1.0.post0', '1.0.1', '2.0a1', '1.0rc1.post1', '0!1.0', '2.0.0+x', '1.0.dev1', '0.9.post1'])),
    ])
    const want = run([], specs).contains
    expect(want.filter((c) => c !== 'invalid').length).toBeGreaterThan(1000)
    for (const backend of BACKENDS) {
      const cmp = (a: string, b: string) => backend.compare(Scheme.Pep440, a, b)
      const diffs: string[] = []
      specs.forEach(([spec, v], i) => {
        let got: boolean | 'invalid'
        try {
          got = parsePep440Range(spec).test(v, cmp)
        } catch {
          got = 'invalid'
        }
        if (got !== want[i]) diffs.push(`${spec} ∋ ${v}: ${got} want ${want[i]}`)
      })
      expect([backend.kind, diffs.slice(0, 10)]).toEqual([backend.kind, []])
    }
  })
})
