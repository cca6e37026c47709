import type { SchemeId } from '../scheme.ts'
import { dpkgKey } from './dpkg.ts'
import { rpmKey } from './rpm.ts'
import { apkKey } from './apk.ts'
import { semverKey } from './semver.ts'
import { goKey } from './go.ts'
import { pep440Key } from './pep440.ts'
import { mavenKey } from './maven.ts'
import { rubygemsKey } from './rubygems.ts'
import { nugetKey } from './nuget.ts'
import { pubKey } from './pub.ts'
import { composerKey } from './composer.ts'
import { cranKey, hackageKey } from './numeric-parts.ts'

type KeyFn = (version: string) => Uint8Array | undefined

// Indexed by SchemeId; an id outside the table has no key.
const KEYS: readonly KeyFn[] = [dpkgKey, rpmKey, apkKey, semverKey, goKey, pep440Key, mavenKey, rubygemsKey, nugetKey, composerKey, cranKey, hackageKey, pubKey]

/**
 * Pre-parsed form of a version: bytes whose plain lexicographic order
 * ({@link compareKeys}) is the scheme's version order, so a matcher compares without
 * parsing. Equal versions (compare 0, like dpkg `1.0` and `1.00`) get equal keys.
 * Undefined when the version is invalid or the scheme (or this version's use of it)
 * has no faithful key: compare the strings then. Layouts: docs/versions.md, "Sort keys".
 *
 * @param scheme the version scheme
 * @param version the version string
 * @returns the key, or undefined
 * @example
 * ```ts
 * import { sortKey, compareKeys, Scheme } from '@stowaway/version'
 * const a = sortKey(Scheme.Dpkg, '1:1.2-1')!
 * const b = sortKey(Scheme.Dpkg, '1:1.10-1')!
 * compareKeys(a, b) // -1
 * ```
 */
export function sortKey(scheme: SchemeId, version: string): Uint8Array | undefined {
  const fn = KEYS[scheme]
  return fn ? fn(version) : undefined
}
