import { describe, expect, it } from 'vitest'
import { Scheme } from '../scheme.ts'
import { BACKENDS } from '../testing/backends.ts'
import { opCode, readOrderCases, readVector } from '../testing/vectors.ts'

// Maven's own ComparableVersionTest facts. "A ~ B" lines assert compareTo == 0 only
// (no structural equality), which is all a compare code can say, so they count as "=".
const mavenCases = readVector('apache__maven/cases.txt')
  .split('\n')
  .filter((l) => l && !l.startsWith('#'))
  .map((l) => {
    const m = /^(\S+) ([<=>~]) (\S+)$/u.exec(l)
    if (!m) throw new Error(`Cannot parse Maven vector: ${l}`)
    return { a: m[1]!, op: (m[2] === '~' ? '=' : m[2]) as '<' | '=' | '>', b: m[3]! }
  })

// osv-scalibr lines that contradict Maven's ComparableVersion (see docs/versions.md,
// "maven"): listed, not loosened.
const SCALIBR_SKIP = new Set([
  // Maven reads "ga-1" as the combination item ga1, which sorts below the number 1
  '1-1 = 1-ga-1',
  // Maven reads "-baz-0" as the combination item baz0, which sorts above the plain
  // unknown qualifier "baz" that "bar1baz-" ends in
  '1-1.foo-bar-1-baz-0.1 = 1-1.foo-bar1baz-.1',
])

describe.each(BACKENDS)('maven ($kind)', (backend) => {
  const cmp = (a: string, b: string) => backend.compare(Scheme.Maven, a, b)

  it('orders every ComparableVersionTest vector both ways', () => {
    expect(mavenCases.length).toBeGreaterThan(900)
    for (const c of mavenCases) {
      expect([c.a, c.op, c.b, cmp(c.a, c.b)]).toEqual([c.a, c.op, c.b, opCode(c.op)])
      expect([c.b, c.a, cmp(c.b, c.a)]).toEqual([c.b, c.a, -opCode(c.op) || 0])
    }
  })

  it('passes osv-scalibr maven-versions.txt both ways, minus listed disagreements', () => {
    const cases = readOrderCases('google__osv-scalibr/semantic/testdata/maven-versions.txt')
    expect(cases.length).toBeGreaterThan(90)
    let skipped = 0
    for (const c of cases) {
      if (SCALIBR_SKIP.has(`${c.a} ${c.op} ${c.b}`)) {
        skipped++
        continue
      }
      expect([c.a, c.b, cmp(c.a, c.b)]).toEqual([c.a, c.b, opCode(c.op)])
      expect([c.b, c.a, cmp(c.b, c.a)]).toEqual([c.b, c.a, -opCode(c.op) || 0])
    }
    expect(skipped).toBe(SCALIBR_SKIP.size)
  })

  it('orders the qualifier ladder from the POM reference', () => {
    const ladder = ['1-alpha', '1-beta', '1-milestone', '1-rc', '1-snapshot', '1', '1-sp', '1-abc', '1-abd']
    for (let i = 0; i + 1 < ladder.length; i++) expect([ladder[i], cmp(ladder[i]!, ladder[i + 1]!)]).toEqual([ladder[i], -1])
    expect(cmp('1-cr', '1-rc')).toBe(0)
    expect(cmp('1-final', '1-ga')).toBe(0)
  })

  it('treats empty, blank, over-long and Maven-throwing strings as invalid', () => {
    for (const bad of ['', ' ', '1.0 ', '1\t0', 'x'.repeat(257), '1\u{1d7e4}', '1.\u{1d7e4}']) {
      expect([bad.slice(0, 10), backend.valid(Scheme.Maven, bad)]).toEqual([bad.slice(0, 10), false])
      expect(cmp(bad, '1')).toBe(2)
      expect(cmp('1', bad)).toBe(3)
    }
    for (const ok of ['constructor', 'toString', '1', 'x'.repeat(256), 'RELEASE', '1.0-SNAPSHOT', '\u{1d7e4}1', 'a.\u{1d7e4}']) {
      expect([ok.slice(0, 10), backend.valid(Scheme.Maven, ok)]).toEqual([ok.slice(0, 10), true])
    }
  })
})

describe.each(BACKENDS)('maven on long input ($kind)', (backend) => {
  it('rejects strings over 256 characters before parsing them', () => {
    expect(backend.valid(Scheme.Maven, '1-'.repeat(128))).toBe(true)
    expect(backend.valid(Scheme.Maven, '1-'.repeat(128) + '1')).toBe(false)
    expect(backend.compare(Scheme.Maven, '-'.repeat(256), '0')).toBe(0)
    // İ lower-cases to two UTF-16 units; the limit applies to the string as given
    expect(backend.compare(Scheme.Maven, 'İ'.repeat(256), 'i̇'.repeat(128))).toBe(1)
    expect(backend.compare(Scheme.Maven, 'İ'.repeat(128), 'i̇'.repeat(128))).toBe(0)
    expect(backend.valid(Scheme.Maven, 'i̇'.repeat(129))).toBe(false)
  })
})

describe('maven: backends agree on separator- and Unicode-heavy strings', () => {
  it('gives identical compare and valid answers for 20000 generated pairs', () => {
    const [ts, wasm] = BACKENDS as [(typeof BACKENDS)[0], (typeof BACKENDS)[0]]
    let seed = 0x6d61
    const rnd = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
      return seed / 4294967296
    }
    const parts = ['0', '1', '00', '10', '2', '.', '-', '-', 'a', 'b', 'm', 'rc', 'cr', 'ga', 'sp', 'final', 'SNAPSHOT', 'x', 'É', 'é', 'ζ', '\u{1d7e4}', 'İ', 'Alpha']
    const gen = () => {
      let s = ''
      const n = 1 + Math.floor(rnd() * 7)
      for (let i = 0; i < n; i++) s += parts[Math.floor(rnd() * parts.length)]
      return s
    }
    const a: string[] = []
    const b: string[] = []
    for (let i = 0; i < 20000; i++) {
      a.push(gen())
      b.push(gen())
    }
    const r1 = ts.compareMany(Scheme.Maven, a, b)
    const r2 = wasm.compareMany(Scheme.Maven, a, b)
    const diffs: string[] = []
    for (let i = 0; i < a.length && diffs.length < 10; i++) if (r1[i] !== r2[i]) diffs.push(`${a[i]} vs ${b[i]}: ${r1[i]} / ${r2[i]}`)
    expect(diffs).toEqual([])
    const v1 = ts.validMany(Scheme.Maven, a)
    const v2 = wasm.validMany(Scheme.Maven, a)
    expect([...v1]).toEqual([...v2])
  })
})
