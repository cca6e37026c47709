import { byteAt, isDigit } from './bytes'

// Mirrors packages/version/src/reference/numeric-parts.ts: decimal parts separated by
// single non-digits, compared numerically (leading zeros ignored); a prefix sorts first.
// Shared by CRAN and Hackage after their own syntax checks.
export function compareNumericParts(a: usize, al: i32, b: usize, bl: i32): i32 {
  let i = 0
  let j = 0
  while (true) {
    if (i >= al || j >= bl) return i >= al ? (j >= bl ? 0 : -1) : 1
    while (i < al - 1 && byteAt(a, i) == 48 && isDigit(byteAt(a, i + 1))) i++
    while (j < bl - 1 && byteAt(b, j) == 48 && isDigit(byteAt(b, j + 1))) j++
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
