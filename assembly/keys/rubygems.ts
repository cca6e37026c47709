import { byteAt, isDigit, isAlnum } from '../schemes/bytes'
import { validRubyGems } from '../schemes/rubygems'
import { begin, put, putBytes, putNumber, finish } from './writer'

// Mirrors packages/version/src/keys/rubygems.ts.

// @ts-ignore: decorator
@inline const MAX_ZEROS: i32 = 255

// Segment i of the stripped version, found by walking (kind 1 number, 2 string, 0 end;
// `-` reads as the string "pre", which has sa = -1).
let sa: i32 = 0
let sb: i32 = 0
let pos: i32 = 0

function next(p: usize, end: i32): i32 {
  while (pos < end && !isAlnum(byteAt(p, pos))) {
    if (byteAt(p, pos) == 45) {
      pos++
      sa = -1
      sb = -1
      return 2
    }
    pos++
  }
  if (pos >= end) return 0
  const st = pos
  const digit = isDigit(byteAt(p, st))
  while (pos < end && isAlnum(byteAt(p, pos)) && isDigit(byteAt(p, pos)) == digit) pos++
  sa = st
  sb = pos
  return digit ? 1 : 2
}

// A number segment [sa, sb) that is zero.
function zero(p: usize): bool {
  for (let k = sa; k < sb; k++) if (byteAt(p, k) != 48) return false
  return true
}

const PRE: usize = memory.data<u8>([112, 114, 101])

// @ts-ignore: decorator
@inline function isSpace(c: i32): bool {
  return c == 32 || (c >= 9 && c <= 13)
}

export function rubygemsKey(p: usize, len: i32, out: usize, cap: i32): i32 {
  begin(out, cap)
  if (!validRubyGems(p, len)) return -1
  let s = 0
  let e = len
  while (s < e && isSpace(byteAt(p, s))) s++
  while (e > s && isSpace(byteAt(p, e - 1))) e--
  // Where the significant segments of each part end: the release part runs to the first
  // string segment, and trailing zeros of either part are dropped.
  let firstStr = e
  let lastRel = s
  let lastPre = -1
  pos = s
  for (let k = next(p, e); k != 0; k = next(p, e)) {
    const at = sa < 0 ? pos - 1 : sa
    if (k == 2 && firstStr == e) firstStr = at
    if (k == 2 || !zero(p)) {
      if (firstStr == e) lastRel = pos
      else lastPre = pos
    }
  }
  let zeros = 0
  pos = s
  for (let k = next(p, e); k != 0; k = next(p, e)) {
    const at = sa < 0 ? pos - 1 : sa
    if (at < firstStr ? pos > lastRel : pos > lastPre) continue
    if (k == 1 && zero(p)) {
      zeros++
      continue
    }
    if (zeros > MAX_ZEROS) return -1
    if (k == 1) {
      put(0x03)
      put(MAX_ZEROS - zeros)
      if (!putNumber(p, sa, sb, 0, 255)) return -1
    } else {
      put(0x01)
      put(zeros)
      if (sa < 0) putBytes(PRE, 0, 3)
      else putBytes(p, sa, sb)
      put(0)
    }
    zeros = 0
  }
  put(0x02)
  return finish(true)
}
