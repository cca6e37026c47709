/**
 * Result codes shared by both backends. Comparisons yield `-1`, `0` or `1`; a version
 * the scheme's native tool rejects yields one of the invalid codes instead, never a
 * silent "equal".
 *
 * @example
 * ```ts
 * import { CompareResult } from '@stowaway/version'
 * CompareResult.InvalidA // 2
 * ```
 */
export const CompareResult = {
  Less: -1,
  Equal: 0,
  Greater: 1,
  /** The left version is invalid for the scheme (checked first). */
  InvalidA: 2,
  /** The right version is invalid for the scheme. */
  InvalidB: 3,
} as const

/** -1, 0, 1, or an invalid code. */
export type CompareCode = -1 | 0 | 1 | 2 | 3
