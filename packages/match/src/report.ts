import type { Distro, Finding, Warning } from '@stowaway/core'
import type { Suppressed } from './policy.ts'

/**
 * Everything a formatter needs: findings after policy, what policy removed, warnings
 * and where the data came from.
 *
 * @example
 * ```ts
 * import type { ScanReport } from '@stowaway/match'
 * const r: ScanReport = { source: { name: 'oci:examples/alpine-3.9' }, findings: [], suppressed: [], warnings: [], tool: { name: 'stowaway', version: '0.1.0' } }
 * ```
 */
export interface ScanReport {
  source: { name: string; digest?: string }
  distro?: Distro
  findings: Finding[]
  suppressed: Suppressed[]
  warnings: Warning[]
  tool: { name: string; version: string }
  db?: { builtAt: string }
  /** Report clock (default now), injectable for byte-identical output in tests. */
  generatedAt?: string
}
