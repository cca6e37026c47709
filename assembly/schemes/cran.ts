import { byteAt, isDigit } from './bytes'
import { INVALID_A, INVALID_B } from './ids'
import { compareNumericParts } from './numeric-parts'

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


export function compareCran(a: usize, al: i32, b: usize, bl: i32): i32 {
  if (parts(a, al) == 0) return INVALID_A
  if (parts(b, bl) == 0) return INVALID_B
  return compareNumericParts(a, al, b, bl)
}

export function validCran(p: usize, len: i32): bool {
  return parts(p, len) >= 2
}
