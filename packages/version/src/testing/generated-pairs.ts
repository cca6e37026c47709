// Test support: the seeded version pairs the differential tests feed to every
// implementation (real version strings from the carried vectors, some mutated).
import { readVector } from './vectors.ts'

/** Seeded PRNG (mulberry32) so failures reproduce. */
export function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Every token that looks like a version in the carried vector files: a realistic corpus. */
export const corpus: string[] = (() => {
  const files = [
    'google__osv-scalibr/semantic/testdata/alpine-versions.txt',
    'google__osv-scalibr/semantic/testdata/debian-versions.txt',
    'google__osv-scalibr/semantic/testdata/redhat-versions.txt',
    'google__osv-scalibr/semantic/testdata/semver-versions.txt',
    'google__osv-scalibr/semantic/testdata/pypi-versions.txt',
    'google__osv-scalibr/semantic/testdata/maven-versions.txt',
    'google__osv-scalibr/semantic/testdata/nuget-versions.txt',
    'google__osv-scalibr/semantic/testdata/packagist-versions.txt',
    'google__osv-scalibr/semantic/testdata/rubygems-versions.txt',
    'google__osv-scalibr/semantic/testdata/pub-versions.txt',
    'google__osv-scalibr/semantic/testdata/cran-versions.txt',
    'google__osv-scalibr/semantic/testdata/hackage-versions.txt',
    'guillemj__dpkg/cases.txt',
    'rpm-software-management__rpm/cases.txt',
    'golang__mod/cases.txt',
    'apache__maven/cases.txt',
  ]
  const set = new Set<string>()
  for (const f of files) {
    for (const tok of readVector(f).split(/[\s\t]+/)) {
      if (tok && /[0-9]/.test(tok) && tok.length < 60 && !/^[<=>!]+$/.test(tok)) set.add(tok)
    }
  }
  return [...set].sort()
})()

const ALPHABET = '0123456789012345678901234567890123456789....----~~++__::^abcdeprtvxzABRCZ'

/** Up to two random character insertions, deletions or replacements. */
export function mutate(r: () => number, s: string): string {
  const ops = Math.floor(r() * 3)
  for (let k = 0; k < ops; k++) {
    const i = Math.floor(r() * (s.length + 1))
    const c = ALPHABET[Math.floor(r() * ALPHABET.length)]!
    const what = r()
    if (what < 0.4) s = s.slice(0, i) + c + s.slice(i)
    else if (what < 0.7) s = s.slice(0, i) + s.slice(i + 1)
    else s = s.slice(0, i) + c + s.slice(i + 1)
  }
  return s
}

/**
 * The differential pairs for one scheme: `count` pairs drawn from {@link corpus} with
 * a scheme-specific seed, a share of them mutated.
 *
 * @param scheme scheme id (seeds the generator)
 * @param count number of pairs
 * @returns left and right versions
 */
export function generatedPairs(scheme: number, count = 6000): [string[], string[]] {
  const r = rng(0x5eed + scheme)
  const a: string[] = []
  const b: string[] = []
  for (let i = 0; i < count; i++) {
    const x = corpus[Math.floor(r() * corpus.length)]!
    const y = i % 3 === 0 ? mutate(r, x) : corpus[Math.floor(r() * corpus.length)]!
    a.push(i % 5 === 0 ? mutate(r, x) : x)
    b.push(y)
  }
  return [a, b]
}
