import { byteAt, isDigit, isAlpha } from '../schemes/bytes'
import { Evr, split } from '../schemes/rpm'
import { begin, put, putBytes, putNumber, finish } from './writer'

// Mirrors packages/version/src/keys/rpm.ts byte for byte (docs/versions.md, "Sort keys").

// @ts-ignore: decorator
@inline const TILDE: i32 = 0x01
// @ts-ignore: decorator
@inline const END: i32 = 0x02
// @ts-ignore: decorator
@inline const CARET: i32 = 0x03
// @ts-ignore: decorator
@inline const ALPHA: i32 = 0x04
// @ts-ignore: decorator
@inline const NUM: i32 = 0x05
// @ts-ignore: decorator
@inline const MAX_DIGITS: i32 = 255

function part(p: usize, from: i32, to: i32): bool {
  let i = from
  while (i < to) {
    const c = byteAt(p, i)
    if (c == 126) {
      put(TILDE)
      i++
    } else if (c == 94) {
      put(CARET)
      i++
    } else if (isDigit(c)) {
      const d = i
      while (i < to && isDigit(byteAt(p, i))) i++
      put(NUM)
      if (!putNumber(p, d, i, 0, MAX_DIGITS)) return false
    } else if (isAlpha(c)) {
      put(ALPHA)
      const a = i
      while (i < to && isAlpha(byteAt(p, i))) i++
      putBytes(p, a, i)
      put(0)
    } else {
      i++
    }
  }
  put(END)
  return true
}

const KE = new Evr()

export function rpmKey(p: usize, len: i32, out: usize, cap: i32): i32 {
  begin(out, cap)
  const v = KE
  if (!split(p, len, v)) return -1
  // split() reads a missing or empty epoch as the string "0".
  if (!part(v.e, 0, v.eLen)) return -1
  if (!part(v.v, 0, v.vLen)) return -1
  if (v.hasRelease) {
    put(1)
    return finish(part(v.r, 0, v.rLen))
  }
  put(0)
  return finish(true)
}
