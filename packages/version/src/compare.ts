import { StowawayError } from '@stowaway/core'
import type { VersionBackend } from './backend.ts'
import { getVersionBackend } from './active-backend.ts'
import { schemeForEcosystem } from './scheme.ts'

/** Options shared by the comparison functions. */
export interface CompareOptions {
  /** Use this backend instead of the active one. */
  backend?: VersionBackend
}

/**
 * Compare two versions in an ecosystem's own order.
 *
 * @param ecosystem OSV ecosystem (`Debian:12`, `npm`, `PyPI` …) or scheme name
 * @param a left version
 * @param b right version
 * @param options optional backend
 * @returns -1, 0 or 1
 * @throws {StowawayError} `INVALID_VERSION` when the ecosystem's tool rejects either
 *   version; `UNSUPPORTED_ECOSYSTEM` for an unknown ecosystem
 * @example
 * ```ts
 * import { compareVersions } from '@stowaway/version'
 * compareVersions('Debian:12', '1.2.3-1~deb12u1', '1.2.3-1') // -1
 * ```
 */
export function compareVersions(ecosystem: string, a: string, b: string, options?: CompareOptions): -1 | 0 | 1 {
  const r = (options?.backend ?? getVersionBackend()).compare(schemeForEcosystem(ecosystem), a, b)
  if (r === 2 || r === 3) {
    const bad = r === 2 ? a : b
    throw new StowawayError('INVALID_VERSION', `Cannot compare versions: "${bad}" is not a valid ${ecosystem} version`, {
      details: { ecosystem, version: bad },
    })
  }
  return r
}

/**
 * Compare `a[i]` with `b[i]` for every i in one call (one WASM call when the core is
 * loaded). Invalid pairs are not thrown: their code is 2 (left invalid) or 3 (right).
 *
 * @param ecosystem OSV ecosystem or scheme name
 * @param a left versions
 * @param b right versions (same length)
 * @param options optional backend
 * @returns one code per pair: -1, 0, 1, 2 or 3
 * @example
 * ```ts
 * import { compareVersionsBulk } from '@stowaway/version'
 * compareVersionsBulk('PyPI', ['1.0', '2.0rc1'], ['1.0.0', '2.0']) // Int8Array [0, -1]
 * ```
 */
export function compareVersionsBulk(ecosystem: string, a: readonly string[], b: readonly string[], options?: CompareOptions): Int8Array {
  if (a.length !== b.length) throw new StowawayError('INVALID_ARGUMENT', `Cannot compare in bulk: ${a.length} left versions but ${b.length} right`)
  return (options?.backend ?? getVersionBackend()).compareMany(schemeForEcosystem(ecosystem), a, b)
}

/**
 * Whether the ecosystem's native tool accepts a version string.
 *
 * @param ecosystem OSV ecosystem or scheme name
 * @param version the version
 * @param options optional backend
 * @returns true when valid
 * @example
 * ```ts
 * import { isValidVersion } from '@stowaway/version'
 * isValidVersion('Go', 'v1.2.3') // true
 * ```
 */
export function isValidVersion(ecosystem: string, version: string, options?: CompareOptions): boolean {
  return (options?.backend ?? getVersionBackend()).valid(schemeForEcosystem(ecosystem), version)
}
