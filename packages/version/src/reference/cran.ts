import { compareNumericParts } from './numeric-parts.ts'
import type { SchemeImpl } from './scheme-impl.ts'

// R's valid_numeric_version_regexp; package_version additionally needs two or more parts.
const NUMERIC_VERSION = /^[0-9]+([.-][0-9]+)*$/
const PACKAGE_VERSION = /^[0-9]+([.-][0-9]+)+$/


/**
 * CRAN package versions as R's `package_version` orders them: non-negative integers
 * separated by `.` or `-` (the two are interchangeable), compared part by part
 * numerically, a version that is a prefix of another sorting first (`1.0 < 1.0.0`).
 * Compare accepts R's `numeric_version` form (one part or more); `valid` demands what
 * `package_version` does (two parts or more). Anything else is invalid (2/3).
 */
export const cran: SchemeImpl = {
  compare(a, b) {
    if (!NUMERIC_VERSION.test(a)) return 2
    if (!NUMERIC_VERSION.test(b)) return 3
    return compareNumericParts(a, b)
  },
  valid(v) {
    return PACKAGE_VERSION.test(v)
  },
}
