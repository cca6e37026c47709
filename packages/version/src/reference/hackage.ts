import type { CompareCode } from '../result.ts'
import type { SchemeImpl } from './scheme-impl.ts'

// Cabal's version grammar: dot-separated parts of at most 9 digits, no leading zeros.
const PVP = /^(0|[1-9][0-9]{0,8})(\.(0|[1-9][0-9]{0,8}))*$/

const isDigit = (c: number) => c >= 48 && c <= 57

/** Part-by-part comparison of two valid versions; a prefix sorts first. */
function cmpParts(a: string, b: string): CompareCode {
  let i = 0
  let j = 0
  for (;;) {
    if (i >= a.length || j >= b.length) return i >= a.length ? (j >= b.length ? 0 : -1) : 1
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
 * Hackage (Haskell PVP) versions as Cabal's `Version` orders them: dot-separated
 * non-negative integers compared lexicographically as lists, so `1.0 < 1.0.0`. Valid is
 * what Cabal's parser accepts: parts of 1-9 digits without leading zeros, no tags.
 * Anything else is invalid (2/3).
 */
export const hackage: SchemeImpl = {
  compare(a, b) {
    if (!PVP.test(a)) return 2
    if (!PVP.test(b)) return 3
    return cmpParts(a, b)
  },
  valid(v) {
    return PVP.test(v)
  },
}
