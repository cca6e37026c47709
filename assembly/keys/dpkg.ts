import { fastBound, keyArea, settle, afterLast, isDigit, isAlpha, copyDigits, digitsCopied } from './writer'

// Mirrors packages/version/src/keys/dpkg.ts byte for byte (docs/versions.md, "Sort keys").
// The checks of parse() (schemes/dpkg.ts) that decide whether there is a key are made
// while encoding, in one pass: its warning-class checks are skipped (a key is written
// either way). Written unchecked (writer.ts): a part of n bytes takes at most 2n + 2 key
// bytes (one per non-digit, a length byte and the digits per digit run, one run per
// non-digit run at most, then two NUM0), so a key at most 2 * len + 8.

// @ts-ignore: decorator
@inline const TILDE: u8 = 0x01
// @ts-ignore: decorator
@inline const NUM0: i32 = 0x02
// @ts-ignore: decorator
@inline const MAX_NUM: i32 = 0x40
// @ts-ignore: decorator
@inline const OTHER: i32 = 0x80
// @ts-ignore: decorator
@inline const EPOCH_MAX: i64 = 2147483647

// @ts-ignore: decorator
@inline function isBlank(c: i32): bool {
  return c == 32 || c == 9
}

// The part [i, end) at w: returns the new end, or 0 for a digit run of more than 62
// significant digits or a byte parse() refuses (non-ASCII, white space, and a ':' when
// the version has no epoch).
// @ts-ignore: decorator
@inline function part(i: usize, end: usize, w: usize, colonOk: bool): usize {
  const start = w
  while (i < end) {
    while (i < end) {
      const c = <i32>load<u8>(i)
      if (isDigit(c)) break
      if (c == 126) store<u8>(w, TILDE)
      else if (isAlpha(c)) store<u8>(w, <u8>c)
      else {
        if (c > 0x7f || c == 32 || <u32>(c - 9) < 5 || (c == 58 && !colonOk)) return 0
        store<u8>(w, <u8>(OTHER + c))
      }
      w++
      i++
    }
    // The digit run (maybe empty): leading zeros skipped, the rest copied.
    const o = w + 1
    i = copyDigits(i, end, o)
    const n = digitsCopied
    if (NUM0 + n > MAX_NUM) return 0
    store<u8>(w, <u8>(NUM0 + n))
    w = o + <usize>n
  }
  if (w > start && load<u8>(w - 1) == NUM0) w--
  store<u8>(w, NUM0)
  store<u8>(w, NUM0, 1)
  return w + 2
}

// The key at w; returns its end, or 0 for no key.
function write(p: usize, len: i32, w: usize): usize {
  let s = p
  let e = p + <usize>len
  while (s < e && isBlank(load<u8>(s))) s++
  while (e > s && isBlank(load<u8>(e - 1))) e--
  if (s == e) return 0
  // An epoch is [+]digits ended by the first ':'; anything else before a ':' is refused
  // (a later ':' fails in part(), where colonOk is false).
  let i = s
  const c0 = load<u8>(i)
  if (c0 == 43 || c0 == 45) i++
  const d = i
  let n: i64 = 0
  while (i < e) {
    const c = <i32>load<u8>(i)
    if (!isDigit(c)) break
    // Saturates past the limit, which is refused below.
    if (n <= EPOCH_MAX) n = n * 10 + <i64>(c - 48)
    i++
  }
  let epoch: u32 = 0
  const hasEpoch = i < e && load<u8>(i) == 58
  if (hasEpoch) {
    if (i == d || c0 == 45 || n > EPOCH_MAX) return 0
    epoch = <u32>n
    s = i + 1
    if (s == e) return 0
  }
  store<u32>(w, bswap<u32>(epoch))
  w += 4
  // The revision follows the last '-' (searched from the end: revisions are short).
  const r = afterLast(s, e, 45)
  if (r > s) {
    if (r == e || r - 1 == s) return 0
    w = part(s, r - 1, w, hasEpoch)
    if (w == 0) return 0
    return part(r, e, w, hasEpoch)
  }
  w = part(s, e, w, hasEpoch)
  if (w == 0) return 0
  return part(e, e, w, hasEpoch)
}

export function dpkgKey(p: usize, len: i32, out: usize, cap: i32): i32 {
  const area = keyArea(out, cap, fastBound(len))
  return settle(area, write(p, len, area), out, cap)
}
