import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { Scheme, SCHEME_NAMES } from '../scheme.ts'
import type { SchemeId } from '../scheme.ts'
import { referenceBackend } from '../reference/backend.ts'
import { instantiateCore } from '../wasm/instantiate.ts'
import { readVector } from '../testing/vectors.ts'
import { generatedPairs, mutate, rng } from '../testing/generated-pairs.ts'
import { sortKey } from './sort-key.ts'
import { compareKeys } from './compare-keys.ts'
import { createWasmKeys } from './wasm-keys.ts'
import type { KeyCoreExports } from './wasm-keys.ts'

const core = await instantiateCore(new Uint8Array(await readFile(new URL('../../wasm/stowaway-version.wasm', import.meta.url))))
const wasmKeys = createWasmKeys(core)

// The vector files each scheme's compare tests read.
const VECTORS: Partial<Record<SchemeId, string[]>> = {
  [Scheme.Dpkg]: ['guillemj__dpkg/cases.txt', 'google__osv-scalibr/semantic/testdata/debian-versions.txt'],
  [Scheme.Rpm]: ['rpm-software-management__rpm/cases.txt', 'google__osv-scalibr/semantic/testdata/redhat-versions.txt'],
  [Scheme.Apk]: ['alpinelinux__apk-tools/cases.txt', 'google__osv-scalibr/semantic/testdata/alpine-versions.txt'],
  [Scheme.Semver]: ['npm__node-semver/cases.txt', 'google__osv-scalibr/semantic/testdata/semver-versions.txt'],
  [Scheme.Go]: ['golang__mod/cases.txt', 'google__osv-scalibr/semantic/testdata/semver-versions.txt'],
  [Scheme.Maven]: ['apache__maven/cases.txt', 'google__osv-scalibr/semantic/testdata/maven-versions.txt'],
  [Scheme.RubyGems]: ['google__osv-scalibr/semantic/testdata/rubygems-versions.txt'],
  [Scheme.NuGet]: ['google__osv-scalibr/semantic/testdata/nuget-versions.txt'],
  [Scheme.Pub]: ['google__osv-scalibr/semantic/testdata/pub-versions.txt'],
  [Scheme.Composer]: ['google__osv-scalibr/semantic/testdata/packagist-versions.txt', 'google__osv.dev/osv/ecosystems/testdata/packagist_test_cases.txt'],
  [Scheme.Cran]: ['google__osv-scalibr/semantic/testdata/cran-versions.txt'],
  [Scheme.Hackage]: ['google__osv-scalibr/semantic/testdata/hackage-versions.txt'],
  [Scheme.Pep440]: ['pypa__packaging/cases.txt', 'pypa__packaging/parametrize-cases.json', 'google__osv-scalibr/semantic/testdata/pypi-versions.txt'],
}

// Hand-picked edge cases added to each scheme's pool (their order still comes from compare()).
const EXTRA: Partial<Record<SchemeId, string[]>> = {
  [Scheme.Dpkg]: ['1.0~', '0~', '1.0-0~', '~~', '1:0', 'a', '1a', '1.a', '1.0.', '1.0-0', '0:0~-0~', '1.0+~', '1.00~'],
  [Scheme.Rpm]: ['1.0^', '1.0~^', '1^~', '1.0-', '1.0-~', ':1.0', '1.0-^', '0:1', '1..0', '1_0', 'a1', '1a'],
  [Scheme.Apk]: ['1.0_p', '1.0_p0', '1.0-r0', '1.0~a', '01', '1.00', '1.0a_rc1-r2', '1.0_rc_p', '1.0_alpha~ab'],
  [Scheme.RubyGems]: ['1.a.0.b', '1.a.0.0.1', '1.a.0.1', '1.a', '1.a.0', '1-0', '1.0.0.a.0.0.b', '1.0.0.a.0.0.1', '0', ''],
  [Scheme.NuGet]: ['1.0.0-beta', '1.0.0-BETA', '1.0.0-beta.-5', '1.0.0-beta.-05', '1.0.0-beta.2', '1.0.0-beta.10', '1.0.0-2147483648', '1.0.0-2147483647', '1..2', '1.2.3.4', '1.2.3.4+m', '4294967297.0', '1.0.0-a-b', '1-1'],
  [Scheme.Pub]: ['1.0.0-01', '1.0.0-1', '1.0.0+1', '1.0.0+01', '1.0.0-9223372036854775807', '1.0.0-9223372036854775808', '1.0.0-09223372036854775807', '1.0.0-a-b+c', '1.0.0-0xA', '01.2.3'],
  [Scheme.Composer]: ['1.0.0-dev', '1.0.0', '1.0', '1.0.', 'v1.0.0-beta2', '1.0-b2', '1.0.0.RC1', '1.0-rc.1', '1.0-p1', '1.0-pl1-dev', '1.0-patch', '1.0.0-alpha1.2', '1.0-a-1', '1.0dev', '1.0_dev', 'dev-main', 'dev-Main', 'DEV-main', 'dev-1.x', 'master', '1.0-stable', '123456.0', '2010-01-02', '1.0.0.0.0', '1.0@dev', '1.0+build'],
  [Scheme.Maven]: ['1.0-1', '1-1', '1.0-0', '1-0.0', '0-1', '1.0-1.0', '1.0-0.1', '3.2.0-1', '2.1_3', '2.7.7_5', '1.0_x', '1.0._x', '1.0-x_1', '1.3.15</purl>', '1.0-1-jre', '1.0-1.x', '1.0-!', '1-1.0.0', '1.0.0-0.0.1',
    '1-ga-1', '1.0-sp', '1.0.x', '1.0-x-0', '1-0.1', '1.0-final', '1.0-cr1', '0-beta', '0.0.0-rc', '1.0.0-a', '1.0.0-a0'],
}

// Schemes whose valid vector versions must (nearly) all be keyed.
const FULL_COVERAGE: SchemeId[] = [Scheme.Dpkg, Scheme.Rpm, Scheme.Apk, Scheme.Semver, Scheme.Go, Scheme.Pep440, Scheme.RubyGems, Scheme.NuGet, Scheme.Cran, Scheme.Hackage, Scheme.Pub]

// Every field of every line (every string of a JSON file): versions and the words
// around them (the latter are simply invalid, or harmless extra versions).
function vectorVersions(scheme: SchemeId): string[] {
  const set = new Set<string>()
  const walk = (x: unknown): void => {
    if (typeof x === 'string') set.add(x)
    else if (x && typeof x === 'object') for (const y of Object.values(x)) walk(y)
  }
  for (const f of VECTORS[scheme] ?? []) {
    if (f.endsWith('.json')) {
      walk(JSON.parse(readVector(f)))
      continue
    }
    for (const line of readVector(f).split('\n')) {
      if (line.startsWith('#') || line.startsWith('//')) continue
      for (const field of line.includes('\t') ? line.split('\t') : line.split(' ')) if (field !== '') set.add(field)
    }
  }
  for (const v of EXTRA[scheme] ?? []) set.add(v)
  return [...set]
}

const hex = (k: Uint8Array | undefined) => (k ? Array.from(k, (b) => b.toString(16).padStart(2, '0')).join('') : 'none')

// Pairs where both versions have keys but the key order differs from compare().
function disagreements(scheme: SchemeId, a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < a.length && out.length < 10; i++) {
    const ka = sortKey(scheme, a[i]!)
    const kb = sortKey(scheme, b[i]!)
    if (!ka || !kb) continue
    const want = referenceBackend.compare(scheme, a[i]!, b[i]!)
    const got = compareKeys(ka, kb)
    if (got !== want) out.push(`${JSON.stringify(a[i])} vs ${JSON.stringify(b[i])}: compare ${want}, keys ${got} (${hex(ka)} / ${hex(kb)})`)
  }
  return out
}

// A version compare() accepts at all (the keyed set may be larger than valid()).
const comparable = (scheme: SchemeId, v: string) => {
  const r = referenceBackend.compare(scheme, v, v)
  return r !== 2 && r !== 3
}

describe.each((Object.keys(VECTORS).map(Number) as SchemeId[]).map((s) => [SCHEME_NAMES[s]!, s] as const))('sort keys: %s', (name, scheme) => {
  const versions = vectorVersions(scheme)

  it(`orders every pair of ${name} vector versions as compare() does`, () => {
    const keyed = versions.filter((v) => sortKey(scheme, v) !== undefined)
    expect(keyed.length).toBeGreaterThan(10)
    const a: string[] = []
    const b: string[] = []
    for (const x of keyed) for (const y of keyed) a.push(x), b.push(y)
    expect(disagreements(scheme, a, b)).toEqual([])
  })

  it(`orders the ${name} differential pairs as compare() does`, () => {
    const [a, b] = generatedPairs(scheme, 6000)
    expect(disagreements(scheme, a, b)).toEqual([])
  })

  it(`orders mutated ${name} vector versions as compare() does`, () => {
    // The differential generator's mutations applied to this scheme's own versions:
    // near misses around the interesting characters (~ ^ _ - : and digit runs).
    const r = rng(0x6b32 + scheme)
    const pool = versions.filter((v) => comparable(scheme, v))
    const pick = () => pool[Math.floor(r() * pool.length)]!
    const a: string[] = []
    const b: string[] = []
    for (let i = 0; i < 20000; i++) {
      const x = pick()
      // Case and surrounding blanks matter to some schemes (trimmed, case-folded or rejected).
      a.push(i % 7 === 0 ? mutate(r, x).toUpperCase() : mutate(r, x))
      b.push(i % 2 === 0 ? mutate(r, x) : i % 11 === 1 ? ` ${pick()}\t` : pick())
    }
    const bothKeyed = a.filter((v, i) => sortKey(scheme, v) && sortKey(scheme, b[i]!)).length
    expect(bothKeyed).toBeGreaterThan(5000)
    expect(disagreements(scheme, a, b)).toEqual([])
  })

  it(`keys only versions compare() accepts, and ${name} vector versions it accepts`, () => {
    const [a, b] = generatedPairs(scheme, 6000)
    const all = [...versions, ...a, ...b]
    const wrong = all.filter((v) => sortKey(scheme, v) !== undefined && !comparable(scheme, v))
    expect(wrong).toEqual([])
    const valid = versions.filter((v) => referenceBackend.valid(scheme, v))
    const keyed = valid.filter((v) => sortKey(scheme, v) !== undefined)
    const share = keyed.length / valid.length
    console.log(`sort keys ${name}: ${keyed.length}/${valid.length} valid vector versions keyed (${(share * 100).toFixed(1)}%)`)
    // Non-ASCII input (Unicode spaces around a PEP 440 or SemVer version) is left to string compare by design.
    if (FULL_COVERAGE.includes(scheme)) expect(valid.filter((v) => sortKey(scheme, v) === undefined && /^[\x00-\x7f]*$/.test(v))).toEqual([])
  })

  it(`computes byte-identical ${name} keys in TypeScript and WASM`, () => {
    const [a, b] = generatedPairs(scheme, 6000)
    // Long inputs with the densest key layouts (a `-` is RubyGems' "pre", a letter/digit
    // switch a new rpm run) check the WASM output bound.
    const long = ['1' + '-'.repeat(300), '1a'.repeat(200), '1.'.repeat(150) + '1', '1' + '.1'.repeat(200), '1-1'.repeat(100), '1.0' + '_p1'.repeat(60)]
    const variants = versions.flatMap((v) => [v.toUpperCase(), ` ${v}\t`])
    const all = [...versions, ...variants, ...a, ...b, ...long]
    const fromWasm = wasmKeys.sortKeys(scheme, all)
    const diffs: string[] = []
    for (let i = 0; i < all.length && diffs.length < 10; i++) {
      const ts = hex(sortKey(scheme, all[i]!))
      const wasm = hex(fromWasm[i])
      if (ts !== wasm) diffs.push(`${JSON.stringify(all[i])}: ts=${ts} wasm=${wasm}`)
    }
    expect(diffs).toEqual([])
    // The documented bound: an output area of 8 * len + 32 bytes always holds the key.
    const raw = core as unknown as KeyCoreExports
    for (const v of long) {
      const bytes = new TextEncoder().encode(v)
      const cap = 8 * bytes.length + 32
      const base = raw.inputBuffer(bytes.length + cap)
      new Uint8Array(raw.memory.buffer, base, bytes.length).set(bytes)
      const n = raw.sortKey(scheme, base, bytes.length, base + bytes.length, cap)
      const got = n < 0 ? undefined : new Uint8Array(raw.memory.buffer, base + bytes.length, n).slice()
      expect([v, hex(got)]).toEqual([v, hex(sortKey(scheme, v))])
    }
  })
})

describe('sort keys: equal versions', () => {
  // Pairs each scheme's native tool calls equal (dpkg, rpm, apk documentation facts).
  const EQUAL: [SchemeId, string, string][] = [
    [Scheme.Dpkg, '1.0', '1.00'],
    [Scheme.Dpkg, '0:1.0', '1.0'],
    [Scheme.Dpkg, '1.0-0', '1.0'],
    [Scheme.Dpkg, '1.0.', '1.0.0'],
    [Scheme.Dpkg, '  1.2-3 ', '1.2-3'],
    [Scheme.Rpm, '1.0', '1_0'],
    [Scheme.Rpm, '0:1.0-1', '1.0-1'],
    [Scheme.Rpm, '1.01', '1.1'],
    [Scheme.Apk, '01.2', '1.2'],
    [Scheme.Apk, '1.2_p01', '1.2_p1'],
    [Scheme.Semver, '1.2.3+build.5', 'v1.2.3'],
    [Scheme.Semver, ' 1.2.3-rc.1 ', '1.2.3-rc.1+x'],
    [Scheme.Go, 'v1.2', 'v1.2.0'],
    [Scheme.Go, 'v2.0.0+incompatible', 'v2.0.0'],
    [Scheme.Pep440, '1.0', '1.0.0'],
    [Scheme.Maven, '1.0.0-GA', '1'],
    [Scheme.Maven, '2.0.RC1', '2-rc-1'],
    [Scheme.Maven, '1.0-a1', '1-alpha-1'],
    [Scheme.Maven, '1.0.final-0', '1.0.0'],
    [Scheme.Maven, '1.0-0', '1'],
    [Scheme.Maven, '1-1.0', '1-1'],
    [Scheme.RubyGems, '1.0.0', '1'],
    [Scheme.RubyGems, '1.0.a', '1.a'],
    [Scheme.RubyGems, '1.0-rc1', '1.0.pre.rc.1'],
    [Scheme.RubyGems, ' ', '0'],
    [Scheme.NuGet, '1.0', '1.0.0.0'],
    [Scheme.NuGet, '1.0.0-Beta.1+meta', '1.0.0-beta.1'],
    [Scheme.Pub, '01.2.3-01+b', '1.2.3-1+b'],
    [Scheme.Composer, '1.0-RC1', '1.0.0.0-rc1'],
    [Scheme.Composer, 'v1.0-b2', '1.0.0-beta2'],
    [Scheme.Composer, 'DEV-main', 'dev-main'],
    [Scheme.Cran, '1.2-3', '1.2.3'],
    [Scheme.Cran, '1.02', '1.2'],
    [Scheme.Pep440, '1.0-Alpha-1', '1.0a1'],
    [Scheme.Pep440, 'v1.0-r5', '1.0.post5'],
    [Scheme.Pep440, '0!1.0+Ubuntu-01', '1.0+ubuntu.1'],
  ]
  it.each(EQUAL)('%s: %s and %s get one key', (scheme, a, b) => {
    expect(referenceBackend.compare(scheme, a, b)).toBe(0)
    const ka = sortKey(scheme, a)
    expect(ka).toBeDefined()
    expect(hex(ka)).toBe(hex(sortKey(scheme, b)))
  })
})

describe('sort keys: WASM exports', () => {
  const raw = core as unknown as KeyCoreExports

  it('sortKey writes the batch bytes and compareKeys orders keys in memory like compareKeys()', () => {
    const [a, b] = generatedPairs(Scheme.Dpkg, 500)
    let checked = 0
    for (let i = 0; i < a.length; i++) {
      const ka = sortKey(Scheme.Dpkg, a[i]!)
      const kb = sortKey(Scheme.Dpkg, b[i]!)
      if (!ka || !kb) continue
      const base = raw.inputBuffer(ka.length + kb.length)
      const mem = new Uint8Array(raw.memory.buffer, base, ka.length + kb.length)
      mem.set(ka)
      mem.set(kb, ka.length)
      expect(raw.compareKeys(base, ka.length, base + ka.length, kb.length)).toBe(compareKeys(ka, kb))
      checked++
    }
    expect(checked).toBeGreaterThan(300)
  })

  it('sortKey reports -1 for an invalid version and for a too small output area', () => {
    const v = new TextEncoder().encode('1:2.3-4')
    const base = raw.inputBuffer(v.length + 64)
    new Uint8Array(raw.memory.buffer, base, v.length).set(v)
    const n = raw.sortKey(Scheme.Dpkg, base, v.length, base + v.length, 64)
    expect(hex(new Uint8Array(raw.memory.buffer, base + v.length, n).slice())).toBe(hex(sortKey(Scheme.Dpkg, '1:2.3-4')))
    expect(raw.sortKey(Scheme.Dpkg, base, v.length, base + v.length, 3)).toBe(-1)
    expect(raw.sortKey(Scheme.Dpkg, base, 0, base + v.length, 64)).toBe(-1)
  })
})
