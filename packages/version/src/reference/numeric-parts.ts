import type { CompareCode } from '../result.ts'

const isDigit = (c: number) => c >= 48 && c <= 57

/**
 * Compare two lists of decimal integers separated by single non-digits, part by part
 * and numerically (leading zeros ignored); a version that is a prefix of the other
 * sorts first (`1.0 < 1.0.0`). Shared by CRAN and Hackage, whose callers have already
 * checked the syntax.
 */
export function compareNumericParts(a: string, b: string): CompareCode {
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
