import { byteAt, isDigit } from '../schemes/bytes'
import { compareCran } from '../schemes/cran'
import { compareHackage } from '../schemes/hackage'
import { INVALID_A } from '../schemes/ids'
import { begin, put, putNumber, finish } from './writer'

// Mirrors packages/version/src/keys/numeric-parts.ts (CRAN and Hackage).
function numericPartsKey(p: usize, len: i32): i32 {
  let i = 0
  while (i < len) {
    const d = i
    while (i < len && isDigit(byteAt(p, i))) i++
    put(0x01)
    if (!putNumber(p, d, i, 0, 255)) return -1
    i++
  }
  put(0x00)
  return finish(true)
}

export function cranKey(p: usize, len: i32, out: usize, cap: i32): i32 {
  begin(out, cap)
  if (compareCran(p, len, p, len) == INVALID_A) return -1
  return numericPartsKey(p, len)
}

export function hackageKey(p: usize, len: i32, out: usize, cap: i32): i32 {
  begin(out, cap)
  if (compareHackage(p, len, p, len) == INVALID_A) return -1
  return numericPartsKey(p, len)
}
