import type { CompareCode } from '../result.ts'
import type { SchemeImpl } from './scheme-impl.ts'

// R's valid_numeric_version_regexp; package_version additionally needs two or more parts.
const NUMERIC_VERSION = /^[0-9]+([.-][0-9]+)*$/
const PACKAGE_VERSION = /^[0-9]+([.-][0-9]+)+$/

const isDigit = (c: number) => c >= 48 && c <= 57

/** Compare two lists of decimal integers separated by non-digits, part by part; a prefix sorts first. */
function cmpParts(a: string, b: string): CompareCode {
  let i = 0
  let j = 0
  for (;;) {
    if (i >= a.length || j >= b.length) return i >= a.length ? (j >= b.length ? 0 : -1) : 1
    while (i < a.length - 1 && a.charCodeAt(i) === 48 && isDigit(a.charCodeAt(i + 1))) i++
    while (j < b.length - 1 && b.charCodeAt(j) === 48 && isDigit(b.charCodeAt(j + 1))) j++
    let ie = i
    while (ie < a.length && isDigit(a.charCodeAt(ie))) ie++
    let je = j
    while (je < b.length && isDigit(b.charCodeAt(je))) je++
    if (ie - i !== je - j) return ie - i < je - j ? -1 : 1
    for (let k = 0; k < ie - i; k++) {
      const d = a.charCodeAt(i + k) - b.charCodeAt(j + k)
      if (d !== 0) return d < 0 ? -1 : 1
    }
    i = ie + 1
    j = je + 1
  }
}

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
    return cmpParts(a, b)
  },
  valid(v) {
    return PACKAGE_VERSION.test(v)
  },
}
