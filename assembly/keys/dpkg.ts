import { byteAt, isDigit, isAlpha } from '../schemes/bytes'
import { begin, put, putNumber, lastByte, dropLast, finish, kLen } from './writer'

// Mirrors packages/version/src/keys/dpkg.ts byte for byte (docs/versions.md, "Sort keys").

// @ts-ignore: decorator
@inline const TILDE: i32 = 0x01
// @ts-ignore: decorator
@inline const NUM0: i32 = 0x02
// @ts-ignore: decorator
@inline const MAX_NUM: i32 = 0x40
// @ts-ignore: decorator
@inline const OTHER: i32 = 0x80

function part(p: usize, from: i32, to: i32): bool {
  const start = kLen
  let i = from
  while (i < to) {
    while (i < to && !isDigit(byteAt(p, i))) {
      const c = byteAt(p, i++)
      put(c == 126 ? TILDE : isAlpha(c) ? c : OTHER + c)
    }
    const d = i
    while (i < to && isDigit(byteAt(p, i))) i++
    if (!putNumber(p, d, i, NUM0, MAX_NUM)) return false
  }
  if (kLen > start && lastByte() == NUM0) dropLast()
  put(NUM0)
  put(NUM0)
  return true
}

export function dpkgKey(p: usize, len: i32, out: usize, cap: i32): i32 {
  begin(out, cap)
  let start = 0
  let end = len
  while (start < end && (byteAt(p, start) == 32 || byteAt(p, start) == 9)) start++
  while (end > start && (byteAt(p, end - 1) == 32 || byteAt(p, end - 1) == 9)) end--
  if (start == end) return -1
  let colon = -1
  for (let i = start; i < end; i++) {
    const c = byteAt(p, i)
    if (c == 32 || (c >= 9 && c <= 13) || c > 0x7f) return -1
    if (c == 58 && colon < 0) colon = i
  }
  let s = start
  let epoch: i64 = 0
  if (colon >= 0) {
    let i = s
    const c0 = byteAt(p, i)
    if (c0 == 43 || c0 == 45) i++
    if (i == colon) return -1
    for (; i < colon; i++) {
      const c = byteAt(p, i)
      if (!isDigit(c)) return -1
      epoch = epoch * 10 + <i64>(c - 48)
      if (epoch > 2147483647) return -1
    }
    if (c0 == 45) return -1
    s = colon + 1
    if (s == end) return -1
  }
  let hyphen = -1
  for (let i = end - 1; i >= s; i--) {
    if (byteAt(p, i) == 45) {
      hyphen = i
      break
    }
  }
  const upEnd = hyphen >= 0 ? hyphen : end
  if (upEnd == s) return -1
  if (hyphen >= 0 && hyphen + 1 == end) return -1
  const e = <u32>epoch
  put(<i32>(e >>> 24))
  put(<i32>((e >>> 16) & 0xff))
  put(<i32>((e >>> 8) & 0xff))
  put(<i32>(e & 0xff))
  if (!part(p, s, upEnd)) return -1
  return finish(part(p, hyphen >= 0 ? hyphen + 1 : end, end))
}
