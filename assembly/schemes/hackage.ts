import { byteAt, isDigit } from './bytes'
import { INVALID_A, INVALID_B } from './ids'

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

function cmpParts(a: usize, al: i32, b: usize, bl: i32): i32 {
  let i = 0
  let j = 0
  while (true) {
    if (i >= al || j >= bl) return i >= al ? (j >= bl ? 0 : -1) : 1
    let ie = i
    while (ie < al && isDigit(byteAt(a, ie))) ie++
    let je = j
    while (je < bl && isDigit(byteAt(b, je))) je++
    if (ie - i != je - j) return ie - i < je - j ? -1 : 1
    for (let k = 0; k < ie - i; k++) {
      const d = byteAt(a, i + k) - byteAt(b, j + k)
      if (d != 0) return d < 0 ? -1 : 1
    }
    i = ie + 1
    j = je + 1
  }
  return 0
}

export function compareHackage(a: usize, al: i32, b: usize, bl: i32): i32 {
  if (!wellFormed(a, al)) return INVALID_A
  if (!wellFormed(b, bl)) return INVALID_B
  return cmpParts(a, al, b, bl)
}

export function validHackage(p: usize, len: i32): bool {
  return wellFormed(p, len)
}
