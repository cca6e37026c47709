import { fastBound, keyArea, settle, digitEnd, afterLast, isDigit, isAlpha, copyDigits, digitsCopied } from './writer'

// Mirrors packages/version/src/keys/rpm.ts byte for byte (docs/versions.md, "Sort keys").
// Written unchecked (writer.ts): a part of n bytes takes at most 3n + 1 key bytes (a
// digit or letter run of m takes at most m + 2 <= 3m, `~` and `^` one, other bytes
// none, then END), the epoch at most its digits + 3, so a key at most 3 * len + 6.

// @ts-ignore: decorator
@inline const TILDE: u8 = 0x01
// @ts-ignore: decorator
@inline const END: u8 = 0x02
// @ts-ignore: decorator
@inline const CARET: u8 = 0x03
// @ts-ignore: decorator
@inline const ALPHA: u8 = 0x04
// @ts-ignore: decorator
@inline const NUM: u8 = 0x05
// @ts-ignore: decorator
@inline const MAX_DIGITS: i32 = 255

// The part [i, end) at w: returns the new end, or 0 for a digit run of more than 255
// significant digits or a NUL (rpm cannot take one; split() in schemes/rpm.ts refuses it).
// @ts-ignore: decorator
@inline function part(i: usize, end: usize, w: usize): usize {
  while (i < end) {
    const c = <i32>load<u8>(i)
    if (isDigit(c)) {
      // Leading zeros skipped, the rest copied as they are scanned.
      const o = w + 2
      i = copyDigits(i, end, o)
      const n = digitsCopied
      if (n > MAX_DIGITS) return 0
      store<u8>(w, NUM)
      store<u8>(w, <u8>n, 1)
      w = o + <usize>n
    } else if (isAlpha(c)) {
      store<u8>(w, ALPHA)
      store<u8>(w, <u8>c, 1)
      w += 2
      i++
      while (i < end) {
        const x = load<u8>(i)
        if (!isAlpha(x)) break
        store<u8>(w++, x)
        i++
      }
      store<u8>(w++, 0)
    } else {
      if (c == 126) store<u8>(w++, TILDE)
      else if (c == 94) store<u8>(w++, CARET)
      else if (c == 0) return 0
      i++
    }
  }
  store<u8>(w, END)
  return w + 1
}

// The key at w; returns its end, or 0 for no key.
function write(p: usize, len: i32, w: usize): usize {
  if (len == 0) return 0
  const end = p + <usize>len
  // An epoch is a digit run (empty = "0") ended by ':'; without one it is "0".
  const k = digitEnd(p, end)
  let v = p
  if (k < end && load<u8>(k) == 58) {
    v = k + 1
    if (k > p) {
      w = part(p, k, w)
      if (w == 0) return 0
    } else {
      w = zeroEpoch(w)
    }
  } else {
    w = zeroEpoch(w)
  }
  // The release follows the last '-' (searched from the end: releases are short).
  const r = afterLast(v, end, 45)
  if (r > v) {
    w = part(v, r - 1, w)
    if (w == 0) return 0
    store<u8>(w, 1)
    return part(r, end, w + 1)
  }
  w = part(v, end, w)
  if (w == 0) return 0
  store<u8>(w, 0)
  return w + 1
}

// The key part of the epoch "0": a number without significant digits, then END.
// @ts-ignore: decorator
@inline function zeroEpoch(w: usize): usize {
  store<u8>(w, NUM)
  store<u8>(w, 0, 1)
  store<u8>(w, END, 2)
  return w + 3
}

export function rpmKey(p: usize, len: i32, out: usize, cap: i32): i32 {
  const area = keyArea(out, cap, fastBound(len))
  return settle(area, write(p, len, area), out, cap)
}
