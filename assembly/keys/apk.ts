import { byteAt, isDigit } from '../schemes/bytes'
import { begin, put, putBytes, putNumber, finish } from './writer'

// Mirrors packages/version/src/keys/apk.ts byte for byte (docs/versions.md, "Sort keys").

// @ts-ignore: decorator
@inline const PRE_SUFFIX: i32 = 0x01
// @ts-ignore: decorator
@inline const END: i32 = 0x02
// @ts-ignore: decorator
@inline const REVISION_NO: i32 = 0x03
// @ts-ignore: decorator
@inline const COMMIT_HASH: i32 = 0x04
// @ts-ignore: decorator
@inline const SUFFIX_NO: i32 = 0x05
// @ts-ignore: decorator
@inline const POST_SUFFIX: i32 = 0x06
// @ts-ignore: decorator
@inline const LETTER: i32 = 0x07
// @ts-ignore: decorator
@inline const DIGIT: i32 = 0x08
// @ts-ignore: decorator
@inline const MAX_DIGITS: i32 = 19
// @ts-ignore: decorator
@inline const SUFFIX_NONE: i32 = 5

// @ts-ignore: decorator
@inline function isLower(c: i32): bool {
  return c >= 97 && c <= 122
}

// @ts-ignore: decorator
@inline function isHex(c: i32): bool {
  return isDigit(c) || (c >= 97 && c <= 102)
}

function digitsEnd(p: usize, len: i32, i: i32): i32 {
  while (i < len && isDigit(byteAt(p, i))) i++
  return i
}

// apk suffix rank of p[from, to), or 0 for an unknown word.
function rank(p: usize, from: i32, to: i32): i32 {
  const n = to - from
  const c0 = n > 0 ? byteAt(p, from) : 0
  const c1 = n > 1 ? byteAt(p, from + 1) : 0
  const c2 = n > 2 ? byteAt(p, from + 2) : 0
  const c3 = n > 3 ? byteAt(p, from + 3) : 0
  if (n == 1) return c0 == 112 ? 10 : 0 // p
  if (n == 2) {
    if (c0 == 114 && c1 == 99) return 4 // rc
    if (c0 == 104 && c1 == 103) return 9 // hg
    return 0
  }
  if (n == 3) {
    if (c0 == 112 && c1 == 114 && c2 == 101) return 3 // pre
    if (c0 == 99 && c1 == 118 && c2 == 115) return 6 // cvs
    if (c0 == 115 && c1 == 118 && c2 == 110) return 7 // svn
    if (c0 == 103 && c1 == 105 && c2 == 116) return 8 // git
    return 0
  }
  if (n == 4) return c0 == 98 && c1 == 101 && c2 == 116 && c3 == 97 ? 2 : 0 // beta
  if (n == 5 && c0 == 97 && c1 == 108 && c2 == 112 && c3 == 104 && byteAt(p, from + 4) == 97) return 1 // alpha
  return 0
}

export function apkKey(p: usize, len: i32, out: usize, cap: i32): i32 {
  begin(out, cap)
  let pos = digitsEnd(p, len, 0)
  if (pos == 0 || !putNumber(p, 0, pos, 0, MAX_DIGITS)) return -1
  let t = 0
  while (pos < len) {
    const c = byteAt(p, pos)
    if (isLower(c)) {
      if (t > 1) return -1
      put(LETTER)
      put(c)
      pos++
      t = 2
    } else if (c == 46 || isDigit(c)) {
      if (c == 46) {
        if (t > 1) return -1
        pos++
      }
      const start = pos
      pos = digitsEnd(p, len, pos)
      if (pos == start) return -1
      if (t <= 1) {
        put(DIGIT)
        if (byteAt(p, start) == 48) {
          put(0)
          putBytes(p, start, pos)
          put(0)
        } else {
          put(1)
          if (!putNumber(p, start, pos, 0, MAX_DIGITS)) return -1
        }
        t = 1
      } else if (t == 3) {
        put(SUFFIX_NO)
        if (!putNumber(p, start, pos, 0, MAX_DIGITS)) return -1
        t = 4
      } else {
        return -1
      }
    } else if (c == 95) {
      if (t > 4) return -1
      const start = ++pos
      while (pos < len && isLower(byteAt(p, pos))) pos++
      const r = rank(p, start, pos)
      if (r == 0) return -1
      put(r < SUFFIX_NONE ? PRE_SUFFIX : POST_SUFFIX)
      put(r)
      t = 3
    } else if (c == 126) {
      if (t >= 5) return -1
      const start = ++pos
      while (pos < len && isHex(byteAt(p, pos))) pos++
      if (pos == start) return -1
      put(COMMIT_HASH)
      putBytes(p, start, pos)
      put(0)
      t = 5
    } else if (c == 45) {
      if (t >= 6) return -1
      if (pos + 1 >= len || byteAt(p, pos + 1) != 114) return -1
      pos += 2
      const start = pos
      pos = digitsEnd(p, len, pos)
      if (pos == start) return -1
      put(REVISION_NO)
      if (!putNumber(p, start, pos, 0, MAX_DIGITS)) return -1
      t = 6
    } else {
      return -1
    }
  }
  put(END)
  return finish(true)
}
