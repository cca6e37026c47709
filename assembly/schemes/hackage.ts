import { byteAt, isDigit } from './bytes'
import { INVALID_A, INVALID_B } from './ids'
import { compareNumericParts } from './numeric-parts'

// Hackage / Cabal versions, mirroring packages/version/src/reference/hackage.ts (see docs/versions.md).

// Cabal's grammar: dot-separated parts of 1-9 digits without leading zeros.
function wellFormed(p: usize, len: i32): bool {
  let i = 0
  if (len == 0) return false
  while (true) {
    const s = i
    while (i < len && isDigit(byteAt(p, i))) i++
    const n = i - s
    if (n == 0 || n > 9) return false
    if (n > 1 && byteAt(p, s) == 48) return false
    if (i == len) return true
    if (byteAt(p, i) != 46) return false
    i++
  }
  return false
}


export function compareHackage(a: usize, al: i32, b: usize, bl: i32): i32 {
  if (!wellFormed(a, al)) return INVALID_A
  if (!wellFormed(b, bl)) return INVALID_B
  return compareNumericParts(a, al, b, bl)
}

export function validHackage(p: usize, len: i32): bool {
  return wellFormed(p, len)
}
