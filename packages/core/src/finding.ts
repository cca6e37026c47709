import type { Package } from './package.ts'

/** Normalised severity, highest first in {@link SEVERITIES}. */
export type Severity = 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW' | 'NEGLIGIBLE' | 'UNKNOWN'

/**
 * Severities from highest to lowest.
 *
 * @example Compare two severities
 * ```ts
 * import { SEVERITIES } from '@stowaway/core'
 * const higher = SEVERITIES.indexOf('HIGH') < SEVERITIES.indexOf('LOW') // true
 * ```
 */
export const SEVERITIES: readonly Severity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'NEGLIGIBLE', 'UNKNOWN']

/** Whether a fix exists for the package's release. */
export type FindingStatus = 'fixed' | 'not-fixed' | 'wont-fix' | 'not-affected'

/**
 * One (package, vulnerability) pair, advisories and their aliases merged.
 *
 * @example
 * ```ts
 * import type { Finding } from '@stowaway/core'
 * const f: Finding = {
 *   id: 'GHSA-35jh-r3h4-6jhm', aliases: ['CVE-2021-23337'],
 *   package: { name: 'lodash', version: '4.17.20', type: 'npm', ecosystem: 'npm' },
 *   fixedVersions: ['4.17.21'], status: 'fixed', severity: 'HIGH',
 * }
 * ```
 */
export interface Finding {
  /** Primary advisory id (OSV id). */
  id: string
  /** CVE, GHSA, DSA … ids that name the same vulnerability. */
  aliases: string[]
  summary?: string
  package: Package
  /** Layer digest that introduced the package, copied from its first location. */
  layer?: string
  /** Versions that fix it, in the package's ecosystem syntax. */
  fixedVersions: string[]
  status: FindingStatus
  severity: Severity
  /** Scored vectors and distro ratings behind `severity`. */
  severities?: { type: string; score?: number; vector?: string; source?: string }[]
  /** Human-readable description of the ranges that matched. */
  ranges?: string[]
  references?: string[]
}
