import { byteAt, isDigit } from './bytes'
import { INVALID_A, INVALID_B } from './ids'

// CRAN / R package_version, mirroring packages/version/src/reference/cran.ts (see docs/versions.md).

// Number of parts when p[0, len) is R's numeric_version form (digits separated by
// single '.' or '-'), else 0.
function parts(p: usize, len: i32): i32 {
  let n = 0
  let i = 0
  while (i < len) {
    const s = i
    while (i < len && isDigit(byteAt(p, i))) i++
    if (i == s) return 0
    n++
    if (i == len) return n
    const c = byteAt(p, i)
    if (c != 46 && c != 45) return 0
    i++
    if (i == len) return 0
  }
  return n
}

function cmpParts(a: usize, al: i32, b: usize, bl: i32): i32 {
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

export function compareCran(a: usize, al: i32, b: usize, bl: i32): i32 {
  if (parts(a, al) == 0) return INVALID_A
  if (parts(b, bl) == 0) return INVALID_B
  return cmpParts(a, al, b, bl)
}

export function validCran(p: usize, len: i32): bool {
  return parts(p, len) >= 2
}
