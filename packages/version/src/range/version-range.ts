import type { CompareCode } from '../result.ts'

/** A comparison function from one backend, bound to one scheme. */
export type BoundCompare = (a: string, b: string) => CompareCode

/**
 * A parsed range in a scheme's native syntax. `test` asks the given comparison
 * function for every ordering it needs, so one parsed range runs on either backend.
 * Comparators against an invalid bound make `test` return false.
 */
export interface VersionRange {
  /** The range as written. */
  readonly source: string
  /** Whether `version` is inside the range. */
  test(version: string, cmp: BoundCompare): boolean
}

/** Parses one scheme's native range syntax; throws `INVALID_RANGE` on bad syntax. */
export type RangeParser = (range: string) => VersionRange
