import { compareNumericParts } from './numeric-parts.ts'
import type { SchemeImpl } from './scheme-impl.ts'

// Cabal's version grammar: dot-separated parts of at most 9 digits, no leading zeros.
const PVP = /^(0|[1-9][0-9]{0,8})(\.(0|[1-9][0-9]{0,8}))*$/


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
    return compareNumericParts(a, b)
  },
  valid(v) {
    return PVP.test(v)
  },
}
