import { StowawayError } from '@stowaway/core'

/**
 * Numeric ids of the version schemes. The same numbers are used by the WASM core
 * (`assembly/schemes/ids.ts`); never renumber.
 *
 * @example
 * ```ts
 * import { Scheme } from '@stowaway/version'
 * Scheme.Dpkg // 0
 * ```
 */
export const Scheme = {
  Dpkg: 0,
  Rpm: 1,
  Apk: 2,
  Semver: 3,
  Go: 4,
  Pep440: 5,
  Maven: 6,
  RubyGems: 7,
  NuGet: 8,
  Composer: 9,
  Cran: 10,
  Hackage: 11,
  Pub: 12,
} as const

/** One of the {@link Scheme} ids. */
export type SchemeId = (typeof Scheme)[keyof typeof Scheme]

/** Number of schemes; ids are `0 … SCHEME_COUNT - 1`. */
export const SCHEME_COUNT = 13

/** Lower-case names of the schemes, indexed by id. */
export const SCHEME_NAMES: readonly string[] = [
  'dpkg', 'rpm', 'apk', 'semver', 'go', 'pep440', 'maven', 'rubygems', 'nuget', 'composer', 'cran', 'hackage', 'pub',
]

// OSV ecosystem base names (the part before the first ':') → scheme.
const ECOSYSTEMS: Record<string, SchemeId> = {
  debian: Scheme.Dpkg,
  ubuntu: Scheme.Dpkg,
  'red hat': Scheme.Rpm,
  redhat: Scheme.Rpm,
  almalinux: Scheme.Rpm,
  'rocky linux': Scheme.Rpm,
  rocky: Scheme.Rpm,
  suse: Scheme.Rpm,
  opensuse: Scheme.Rpm,
  'amazon linux': Scheme.Rpm,
  amazon: Scheme.Rpm,
  oracle: Scheme.Rpm,
  'oracle linux': Scheme.Rpm,
  photon: Scheme.Rpm,
  'photon os': Scheme.Rpm,
  'azure linux': Scheme.Rpm,
  mariner: Scheme.Rpm,
  cbl: Scheme.Rpm,
  fedora: Scheme.Rpm,
  centos: Scheme.Rpm,
  openeuler: Scheme.Rpm,
  mageia: Scheme.Rpm,
  'minimos': Scheme.Apk,
  alpine: Scheme.Apk,
  wolfi: Scheme.Apk,
  chainguard: Scheme.Apk,
  alpaquita: Scheme.Apk,
  'bellsoft hardened containers': Scheme.Apk,
  npm: Scheme.Semver,
  'crates.io': Scheme.Semver,
  cargo: Scheme.Semver,
  hex: Scheme.Semver,
  swifturl: Scheme.Semver,
  bitnami: Scheme.Semver,
  semver: Scheme.Semver,
  pub: Scheme.Pub,
  go: Scheme.Go,
  golang: Scheme.Go,
  pypi: Scheme.Pep440,
  python: Scheme.Pep440,
  maven: Scheme.Maven,
  rubygems: Scheme.RubyGems,
  gem: Scheme.RubyGems,
  nuget: Scheme.NuGet,
  packagist: Scheme.Composer,
  composer: Scheme.Composer,
  cran: Scheme.Cran,
  bioconductor: Scheme.Cran,
  hackage: Scheme.Hackage,
  ghc: Scheme.Hackage,
  dpkg: Scheme.Dpkg,
  rpm: Scheme.Rpm,
  apk: Scheme.Apk,
  pep440: Scheme.Pep440,
}

/**
 * Map an OSV ecosystem name (`Debian:12`, `Alpine:v3.19`, `npm`, `PyPI`, `Ubuntu:22.04:LTS`)
 * to its version scheme. The release suffix after the first `:` does not change ordering
 * and is ignored. Scheme names (`dpkg`, `rpm`, `semver` …) are accepted too.
 *
 * @param ecosystem OSV ecosystem name, case-insensitive
 * @returns the scheme id
 * @throws {StowawayError} `UNSUPPORTED_ECOSYSTEM` for an ecosystem with no known scheme
 * @example
 * ```ts
 * import { schemeForEcosystem, Scheme } from '@stowaway/version'
 * schemeForEcosystem('Debian:12') === Scheme.Dpkg // true
 * ```
 */
export function schemeForEcosystem(ecosystem: string): SchemeId {
  const s = findSchemeForEcosystem(ecosystem)
  if (s === undefined) {
    throw new StowawayError('UNSUPPORTED_ECOSYSTEM', `Cannot order versions: ecosystem "${ecosystem}" has no known version scheme`)
  }
  return s
}

/**
 * Like {@link schemeForEcosystem} but returns `undefined` for an unknown ecosystem.
 *
 * @param ecosystem OSV ecosystem name
 * @returns the scheme id or undefined
 * @example
 * ```ts
 * import { findSchemeForEcosystem } from '@stowaway/version'
 * findSchemeForEcosystem('GIT') // undefined
 * ```
 */
export function findSchemeForEcosystem(ecosystem: string): SchemeId | undefined {
  const base = ecosystem.split(':', 1)[0]!.trim().toLowerCase()
  if (base === 'suse linux enterprise' || base.startsWith('suse ') || base.startsWith('opensuse')) return Scheme.Rpm
  return ECOSYSTEMS[base]
}
