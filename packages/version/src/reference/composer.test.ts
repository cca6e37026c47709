import { describe, expect, it } from 'vitest'
import { Scheme } from '../scheme.ts'
import { BACKENDS } from '../testing/backends.ts'
import { opCode, readOrderCases } from '../testing/vectors.ts'
import { normalizeComposerVersion, phpVersionCompare } from './composer.ts'

// Vector lines that contradict Composer (docs/versions.md, "composer"), listed rather
// than loosened. INVALID: Composer's VersionParser::normalize rejects a side, so we
// assert the invalid code instead. DIFFERENT: both sides are valid but Composer's
// normalization changes the answer of raw version_compare.
const INVALID = new Set([
  '4.3-2RC1 < 4.3-2RC2',
  '4.3-2RC2 > 4.3-2beta5',
  '4.3-2 > 4.3-2beta1',
  '1.2.3.# = 1.2.3',
  '1.2.3.# = 1.2.3.#',
  '1.2.3.# = 1.2.3.1',
  '1.2.3.#.1 > 1.2.3',
  '1.2.3.#.p3 > 1.2.3',
  '1.2.3.#.beta < 1.2.3',
  '999999999999999999999999999991 < 999999999999999999999999999999',
  '999999999999999999999999999991.999999999999999999999999999991.999999999999999999999999999991 < 999999999999999999999999999999.999999999999999999999999999991.999999999999999999999999999991',
])
const DIFFERENT = new Map([
  // normalize pads both to 1.0.0.0
  ['1.0.0 > 1.0', 0],
])

const FILES = [
  'google__osv-scalibr/semantic/testdata/packagist-versions.txt',
  'google__osv.dev/osv/ecosystems/testdata/packagist_test_cases.txt',
]

describe.each(BACKENDS)('composer ($kind)', (backend) => {
  const cmp = (a: string, b: string) => backend.compare(Scheme.Composer, a, b)

  it.each(FILES)('passes %s both ways, minus listed disagreements', (file) => {
    const cases = readOrderCases(file)
    expect(cases.length).toBeGreaterThan(80)
    for (const c of cases) {
      const key = `${c.a} ${c.op} ${c.b}`
      if (INVALID.has(key)) {
        expect([key, cmp(c.a, c.b)]).toEqual([key, backend.valid(Scheme.Composer, c.a) ? 3 : 2])
        expect([c.a, c.b].some((v) => !backend.valid(Scheme.Composer, v))).toBe(true)
        continue
      }
      const want = DIFFERENT.has(key) ? DIFFERENT.get(key)! : opCode(c.op)
      expect([c.a, c.b, cmp(c.a, c.b)]).toEqual([c.a, c.b, want])
      expect([c.b, c.a, cmp(c.b, c.a)]).toEqual([c.b, c.a, -want || 0])
    }
  })

  it('orders stabilities dev < alpha < beta < RC < stable < patch', () => {
    const ladder = ['1.0-dev', '1.0-alpha1', '1.0-beta1', '1.0-RC1', '1.0', '1.0-patch1', '1.0.1-dev', '1.0.1']
    for (let i = 0; i + 1 < ladder.length; i++) expect([ladder[i], cmp(ladder[i]!, ladder[i + 1]!)]).toEqual([ladder[i], -1])
  })

  it('puts branches below numbered versions and orders numeric branch aliases', () => {
    expect(cmp('dev-master', '0.0.1')).toBe(-1)
    expect(cmp('dev-main', 'dev-main')).toBe(0)
    expect(cmp('dev-a', 'dev-b')).toBe(-1)
    expect(cmp('1.x-dev', '1.99')).toBe(1)
    expect(cmp('1.x-dev', '2.0.0-alpha1')).toBe(-1)
    expect(cmp('master', 'dev-master')).toBe(0)
  })

  it('accepts Composer spellings and rejects what normalize rejects', () => {
    for (const ok of ['1', 'v1.2.3', 'V1.2.3.4', '1.0.0-RC2', '1.0.0.rc2', '1.0-stable', '2010-01-02', '20100102', '2010.01.02.5', '1.0@beta', '1.0+build.5', '1.0 as 2.0', 'dev-feature/x', '1.x-dev', ' 1.0 ', '10000', '100000.0']) {
      expect([ok, backend.valid(Scheme.Composer, ok)]).toEqual([ok, true])
    }
    for (const bad of ['', 'foo', 'foo-dev', '1.0.0.0.0', '1.0-gamma', '1.0 2.0', '1.2.3.#', 'x1.0']) {
      expect([bad, backend.valid(Scheme.Composer, bad)]).toEqual([bad, false])
      expect([bad, cmp(bad, '1.0')]).toEqual([bad, 2])
      expect([bad, cmp('1.0', bad)]).toEqual([bad, 3])
    }
  })
})

describe('Composer normalize and version_compare facts', () => {
  // Expected strings from composer/semver's VersionParserTest (successfulNormalizedVersions
  // and failingNormalizedVersions), minus the Composer 1 rows that mapped dev-master to
  // 9999999-dev.
  it.each([
    ['1.0.0', '1.0.0.0'],
    ['1.2.3.4', '1.2.3.4'],
    ['1.0.0RC1dev', '1.0.0.0-RC1-dev'],
    ['1.0.0-rC15-dev', '1.0.0.0-RC15-dev'],
    ['1.0.0.RC.15-dev', '1.0.0.0-RC15-dev'],
    ['1.0.0-rc1', '1.0.0.0-RC1'],
    ['1.0.0.pl3-dev', '1.0.0.0-patch3-dev'],
    ['1.0-dev', '1.0.0.0-dev'],
    ['0', '0.0.0.0'],
    ['10.4.13-beta', '10.4.13.0-beta'],
    ['10.4.13beta2', '10.4.13.0-beta2'],
    ['10.4.13beta.2', '10.4.13.0-beta2'],
    ['10.4.13-b', '10.4.13.0-beta'],
    ['10.4.13-b5', '10.4.13.0-beta5'],
    ['v1.0.0', '1.0.0.0'],
    ['2010.01', '2010.01.0.0'],
    ['2010.01.02', '2010.01.02.0'],
    ['2010.1.555', '2010.1.555.0'],
    ['2010.10.200', '2010.10.200.0'],
    ['v20100102', '20100102'],
    ['2010-01-02', '2010.01.02'],
    ['2010-01-02.5', '2010.01.02.5'],
    ['20100102-203040', '20100102.203040'],
    ['20150920.0.0', '20150920.0.0'],
    ['20100102203040-10', '20100102203040.10'],
    ['20100102-203040-p1', '20100102.203040-patch1'],
    ['1.x-dev', '1.9999999.9999999.9999999-dev'],
    ['dev-feature-foo', 'dev-feature-foo'],
    ['DEV-FOOBAR', 'dev-FOOBAR'],
    ['dev-feature/foo', 'dev-feature/foo'],
    ['dev-feature+issue-1', 'dev-feature+issue-1'],
    ['1.0.0-beta.5+foo', '1.0.0.0-beta5'],
    ['1.0.0+foo', '1.0.0.0'],
    ['1.0.0-alpha.3.1+foo', '1.0.0.0-alpha3.1'],
    ['1.0.0-alpha2.1+foo', '1.0.0.0-alpha2.1'],
    ['1.0.0-alpha-2.1-3+foo', '1.0.0.0-alpha2.1-3'],
    ['1.0.0+foo as 2.0', '1.0.0.0'],
  ])('normalize(%s) = %s', (input, want) => {
    expect(normalizeComposerVersion(input)).toBe(want)
  })

  it.each(['', 'a', '1.0.0-meh', '1.0.0.0.0', 'feature-foo', '1.0.0+foo bar'])('normalize(%j) throws', (input) => {
    expect(normalizeComposerVersion(input)).toBeUndefined()
  })

  // php-src version_compare.phpt: the special forms against each other.
  it('orders the php-src special forms', () => {
    const forms = ['-dev', 'a1', 'b1', 'RC1', '', 'pl1']
    for (let i = 0; i < forms.length; i++) {
      for (let j = 0; j < forms.length; j++) {
        expect([forms[i], forms[j], phpVersionCompare(`1.0${forms[i]}`, `1.0${forms[j]}`)]).toEqual([forms[i], forms[j], Math.sign(i - j)])
      }
    }
  })
})

describe('composer: backends agree on Composer-shaped generated strings', () => {
  it('gives identical compare and valid answers for 30000 generated pairs', () => {
    const [ts, wasm] = BACKENDS as [(typeof BACKENDS)[0], (typeof BACKENDS)[0]]
    let seed = 0xc0de
    const rnd = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
      return seed / 4294967296
    }
    const parts = [
      '1', '0', '2', '12', '2010', '01', '999', '9223372036854775808', '.', '.', '-', '_', ':', '+', 'v', 'V',
      'a', 'b', 'p', 'pl', 'RC', 'rc', 'beta', 'alpha', 'patch', 'stable', 'Stable', 'dev', 'DEV', 'dev-', 'x', 'X', '*',
      '@dev', '@beta', ' as ', ' ', '\n', '#', 'master', 'é',
    ]
    const gen = () => {
      let s = ''
      const n = 1 + Math.floor(rnd() * 8)
      for (let i = 0; i < n; i++) s += parts[Math.floor(rnd() * parts.length)]
      return s
    }
    const a: string[] = []
    const b: string[] = []
    for (let i = 0; i < 30000; i++) {
      a.push(gen())
      b.push(i % 4 === 0 ? a[i]!.replace(/\d/, '3') : gen())
    }
    const r1 = ts.compareMany(Scheme.Composer, a, b)
    const r2 = wasm.compareMany(Scheme.Composer, a, b)
    const diffs: string[] = []
    for (let i = 0; i < a.length && diffs.length < 10; i++) if (r1[i] !== r2[i]) diffs.push(`${JSON.stringify(a[i])} vs ${JSON.stringify(b[i])}: ${r1[i]} / ${r2[i]}`)
    expect(diffs).toEqual([])
    const v1 = ts.validMany(Scheme.Composer, a)
    const v2 = wasm.validMany(Scheme.Composer, a)
    const vd: string[] = []
    for (let i = 0; i < a.length && vd.length < 10; i++) if (v1[i] !== v2[i]) vd.push(`${JSON.stringify(a[i])}: ${v1[i]} / ${v2[i]}`)
    expect(vd).toEqual([])
    // the generator must reach valid versions, or the comparison above says little
    expect(v1.reduce((n, x) => n + (x ? 1 : 0), 0)).toBeGreaterThan(1000)
  })
})
