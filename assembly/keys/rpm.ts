import { byteAt, isDigit, isAlpha } from '../schemes/bytes'
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

const ZERO: usize = memory.data<u8>([48])

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

export function rpmKey(p: usize, len: i32, out: usize, cap: i32): i32 {
  begin(out, cap)
  if (len == 0) return -1
  let dash = -1
  for (let i = 0; i < len; i++) {
    const c = byteAt(p, i)
    if (c == 0) return -1
    if (c == 45) dash = i
  }
  let k = 0
  while (k < len && isDigit(byteAt(p, k))) k++
  const hasEpoch = k < len && byteAt(p, k) == 58
  const release = dash >= k
  if (!(hasEpoch && k > 0 ? part(p, 0, k) : part(ZERO, 0, 1))) return -1
  if (!part(p, hasEpoch ? k + 1 : 0, release ? dash : len)) return -1
  if (release) {
    put(1)
    return finish(part(p, dash + 1, len))
  }
  put(0)
  return finish(true)
}
