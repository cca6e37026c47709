import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { Scheme } from '../scheme.ts'
import { BACKENDS } from '../testing/backends.ts'
import { opCode, readOrderCases } from '../testing/vectors.ts'
import { normalizeComposerVersion, phpVersionCompare } from './composer.ts'
import { satisfies } from '../satisfies.ts'

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

describe.each(BACKENDS)('composer on long hostile input ($kind)', (backend) => {
  it('answers without backtracking blow-ups', () => {
    const long = 'a'.repeat(100_000)
    const inputs = [
      `${long}\n1.x-dev`, // Composer's unanchored dev-suffix regex starts after the last newline
      `${long}-dev`,
      `1.0-beta${'1.'.repeat(50_000)}x`,
      `1.0-beta${'.1'.repeat(50_000)}`,
    ]
    expect([...backend.validMany(Scheme.Composer, inputs)]).toEqual([1, 0, 0, 1])
    expect(backend.compare(Scheme.Composer, `dev-${long}`, `dev-${long}`)).toBe(0)
    expect(backend.compare(Scheme.Composer, `1.${'9'.repeat(100_000)}`, '1.1')).toBe(1)
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

// The native tool: PHP with composer/semver (Debian's php-composer-semver 3.3 with its
// two regexes upgraded to their 3.4 form at run time) normalizes every string and
// version_compare orders the normalized pairs. Skipped with a notice when php or the
// library is missing.
const PHP_SEMVER = '/usr/share/php/Composer/Semver/VersionParser.php'
const havePhp = (() => {
  if (!existsSync(PHP_SEMVER)) return false
  return spawnSync('php', ['-v']).status === 0
})()
if (!havePhp) console.warn('[stowaway tests] skipping: php with composer/semver is not installed (apt-get install php-cli php-composer-semver)')

describe.skipIf(!havePhp)('composer against PHP composer/semver', () => {
  const harness = `
$src = file_get_contents('${PHP_SEMVER}');
$src = str_replace(['(?:[.:-]?\\\\d{1,3})?)', '^v?(\\\\d{1,5})('], ['(?:[.:-]?\\\\d{1,3}){0,2})', '^v?(\\\\d{1,5}+)('], $src, $n);
if ($n !== 2) { fwrite(STDERR, "patch count $n"); exit(3); }
$src = str_replace('namespace Composer\\\\Semver;', 'namespace Stowaway\\\\Check;', $src);
$src = preg_replace('{^<\\\\?php}', '', $src);
require '/usr/share/php/Composer/Semver/autoload.php';
eval($src);
$p = new \\Stowaway\\Check\\VersionParser();
$in = json_decode(stream_get_contents(STDIN), true);
$norm = [];
foreach ($in['versions'] as $v) { try { $norm[] = $p->normalize($v); } catch (\\Throwable $e) { $norm[] = null; } }
$cmp = [];
foreach ($in['pairs'] as $pr) { $cmp[] = version_compare($pr[0], $pr[1]); }
$sat = [];
foreach ($in['satisfies'] ?? [] as $q) {
  try {
    $c = $p->parseConstraints($q[1]);
    $sat[] = $c->matches(new \\Composer\\Semver\\Constraint\\Constraint('==', $p->normalize($q[0]))) ? 1 : 0;
  } catch (\\Throwable $e) { $sat[] = -1; }
}
echo json_encode(['norm' => $norm, 'cmp' => $cmp, 'sat' => $sat]);
`
  const php = (input: unknown) => {
    const r = spawnSync('php', ['-r', harness], { input: JSON.stringify(input), maxBuffer: 1 << 28 })
    if (r.status !== 0) throw new Error(`php failed: ${r.stderr}`)
    return JSON.parse(r.stdout.toString()) as { norm: (string | null)[]; cmp: number[]; sat: number[] }
  }

  // vector strings, seeded mutations of them, and Composer-shaped generated strings
  const inputs = (() => {
    const set = new Set<string>()
    for (const f of FILES) for (const c of readOrderCases(f)) set.add(c.a).add(c.b)
    let seed = 0x9e37
    const rnd = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
      return seed / 4294967296
    }
    const alphabet = '0123456789012345....---__+:vVabdeplrcsRCxX*@# '
    const base = [...set, '1.0.0RC1dev', '2010-01-02-03-04', '20100102-203040-p1', '1.x-dev', 'dev-main', 'master', '1.0 as 2.0', '1.0+foo', '1.0@beta']
    for (let i = 0; i < 6000; i++) {
      let s = base[Math.floor(rnd() * base.length)]!
      const ops = 1 + Math.floor(rnd() * 3)
      for (let k = 0; k < ops; k++) {
        const at = Math.floor(rnd() * (s.length + 1))
        const ch = alphabet[Math.floor(rnd() * alphabet.length)]!
        const what = rnd()
        s = what < 0.4 ? s.slice(0, at) + ch + s.slice(at) : what < 0.7 ? s.slice(0, at) + s.slice(at + 1) : s.slice(0, at) + ch + s.slice(at + 1)
      }
      set.add(s)
    }
    return [...set]
  })()

  it('normalizes exactly as composer/semver does', () => {
    const { norm } = php({ versions: inputs, pairs: [] })
    const diffs: string[] = []
    for (let i = 0; i < inputs.length && diffs.length < 10; i++) {
      const ours = normalizeComposerVersion(inputs[i]!) ?? null
      if (ours !== norm[i]) diffs.push(`${JSON.stringify(inputs[i])}: ours ${JSON.stringify(ours)}, composer ${JSON.stringify(norm[i])}`)
    }
    expect(diffs).toEqual([])
    expect(norm.filter((n) => n !== null).length).toBeGreaterThan(1000)
  })

  it('phpVersionCompare equals version_compare on raw strings', () => {
    let seed = 0x7a11
    const rnd = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
      return seed / 4294967296
    }
    const pool = inputs.filter((v) => v.length > 0 && !/[^\x20-\x7e]/.test(v))
    const pairs: [string, string][] = []
    for (let i = 0; i < 20000; i++) pairs.push([pool[Math.floor(rnd() * pool.length)]!, pool[Math.floor(rnd() * pool.length)]!])
    pairs.push(['1.2.3.#', '1.2.3'], ['#1', '1'], ['1.0.', '1.0.'], ['1.0#', '1.0.1'], ['1.0pl1', '1.0.p'])
    const { cmp } = php({ versions: [], pairs })
    const diffs: string[] = []
    pairs.forEach(([a, b], i) => {
      const ours = phpVersionCompare(a, b)
      if (ours !== cmp[i] && diffs.length < 10) diffs.push(`${JSON.stringify(a)} vs ${JSON.stringify(b)}: ours ${ours}, php ${cmp[i]}`)
    })
    expect(diffs).toEqual([])
  })

  it.each(BACKENDS)('orders normalized pairs as version_compare does ($kind)', (backend) => {
    const valid = inputs.filter((v) => normalizeComposerVersion(v) !== undefined)
    let seed = 0x51ed
    const rnd = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
      return seed / 4294967296
    }
    const pairs: [string, string][] = []
    for (let i = 0; i < 20000; i++) {
      const a = valid[Math.floor(rnd() * valid.length)]!
      const b = valid[Math.floor(rnd() * valid.length)]!
      // two different branches are ordered by name on purpose (see docs/versions.md)
      if (normalizeComposerVersion(a)!.startsWith('dev-') && normalizeComposerVersion(b)!.startsWith('dev-')) continue
      pairs.push([a, b])
    }
    const { cmp } = php({ versions: [], pairs: pairs.map(([a, b]) => [normalizeComposerVersion(a), normalizeComposerVersion(b)]) })
    const ours = backend.compareMany(Scheme.Composer, pairs.map((p) => p[0]), pairs.map((p) => p[1]))
    const diffs: string[] = []
    for (let i = 0; i < pairs.length && diffs.length < 10; i++) {
      if (ours[i] !== cmp[i]) diffs.push(`${JSON.stringify(pairs[i])}: ours ${ours[i]}, php ${cmp[i]}`)
    }
    expect(diffs).toEqual([])
  })

  it.each(BACKENDS)('matches constraints as Constraint::matches does ($kind)', (backend) => {
    const ranges = [
      '^1.2.3', '^0.3', '^0.0.3', '~1.2', '~1.2.3', '~1.2-beta', '1.0.*', '2.*', '0.x', '*', '1.0 - 2.0', '1.0.0 - 2.1.0',
      '>=1.0,<2.0', '>=1.0 <2.0 || >=3.0', '<1.1 | >=2.0', '!=1.0', '<>1.0', '==1.0.0', '>1.0', '<=1.0', '>=1.0@dev',
      '<2.0@beta', '1.0@dev', '@dev', 'dev-main', '!=dev-other', '>=0', '<1.0.0-RC1', '>=2.0-alpha2,<2.0.0', '~2.0.x-dev',
      '1.x-dev', 'v2.*', '>= 2.7.0, < 2.7.51', '^1.2.3-beta.2', '>=1.0.0-dev', '<1.0.0-stable', '>=1.2.3.4-stable',
      '1.0|||2.0', '<1.0 ||>=2.0', '1.0 | | 2.0', ' ^1.0 ', '>=1.0 ,<2.0', '1.0 as 2.0', 'dev-main#abc', '~1.0@dev',
    ]
    const versions = [
      '1.2.3', '1.9.9', '2.0.0', '2.0.0-beta1', '0.3.9', '0.4.0', '0.0.3', '1.0', '1.0-dev', '1.0.1', '2.0-alpha1', '2.0-RC1',
      '3.0', '1.2.3-beta.2', '1.2.3-beta.1', '2.7.50', '2.7.51', '1.x-dev', '1.0.x-dev', '2.0.x-dev', 'dev-main', 'dev-other',
      'master', '0.9', '10.0.0-patch1', '1.2.3.4', '2010-01-02',
    ]
    const queries: [string, string][] = []
    for (const v of versions) for (const r of ranges) queries.push([v, r])
    const { sat } = php({ versions: [], pairs: [], satisfies: queries })
    const diffs: string[] = []
    queries.forEach(([v, r], i) => {
      let ours: number
      try {
        ours = satisfies('Packagist', v, r, { backend }) ? 1 : 0
      } catch {
        ours = -1
      }
      if (ours !== sat[i]) diffs.push(`${v} in ${r}: ours ${ours}, composer ${sat[i]}`)
    })
    expect(diffs).toEqual([])
    expect(sat.filter((x) => x === 1).length).toBeGreaterThan(100)
  })
})
