import { byteAt, isDigit } from '../schemes/bytes'
import { validNuGet } from '../schemes/nuget'
import { begin, put, finish } from './writer'

// Mirrors packages/version/src/keys/nuget.ts (ASCII only; the scheme validates).

function putU32(n: u32): void {
  put(<i32>(n >>> 24))
  put(<i32>((n >>> 16) & 0xff))
  put(<i32>((n >>> 8) & 0xff))
  put(<i32>(n & 0xff))
}

// @ts-ignore: decorator
@inline function isSpace(c: i32): bool {
  return c == 32 || (c >= 9 && c <= 13)
}

export function nugetKey(p: usize, len: i32, out: usize, cap: i32): i32 {
  begin(out, cap)
  for (let k = 0; k < len; k++) if (byteAt(p, k) > 0x7f) return -1
  if (!validNuGet(p, len)) return -1
  let s = 0
  let e = len
  while (s < e && isSpace(byteAt(p, s))) s++
  while (e > s && isSpace(byteAt(p, e - 1))) e--
  let sep = s
  while (sep < e && byteAt(p, sep) != 45 && byteAt(p, sep) != 43) sep++
  // Up to four sections with wrapping int32 arithmetic; missing and negative ones 0.
  let i = s
  for (let k = 0; k < 4; k++) {
    let n: i32 = 0
    if (i < sep) {
      while (i < sep && byteAt(p, i) != 46) {
        n = n * 10 + (byteAt(p, i) - 48)
        i++
      }
      i++
    }
    putU32(n < 0 ? 0 : <u32>n)
  }
  if (sep >= e || byteAt(p, sep) == 43) {
    put(0x02)
    return finish(true)
  }
  put(0x01)
  let plus = sep + 1
  while (plus < e && byteAt(p, plus) != 43) plus++
  let a = sep + 1
  while (a < plus) {
    let b = a
    while (b < plus && byteAt(p, b) != 46) b++
    // int.TryParse: optional '-', digits, within int32.
    const neg = byteAt(p, a) == 45
    let numeric = b > a + (neg ? 1 : 0)
    let n: i64 = 0
    for (let k = a + (neg ? 1 : 0); k < b && numeric; k++) {
      const c = byteAt(p, k)
      if (!isDigit(c)) numeric = false
      else {
        n = n * 10 + <i64>(c - 48)
        if (n > 2147483648) numeric = false
      }
    }
    if (numeric && !neg && n > 2147483647) numeric = false
    if (numeric) {
      put(0x01)
      putU32(<u32>((neg ? -n : n) + 2147483648))
    } else {
      put(0x02)
      for (let k = a; k < b; k++) {
        const c = byteAt(p, k)
        put(c >= 97 && c <= 122 ? c - 32 : c)
      }
      put(0)
    }
    a = b + 1
  }
  put(0x00)
  return finish(true)
}
