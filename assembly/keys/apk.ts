import {
  suffixValue, INITIAL_DIGIT, DIGIT, LETTER, SUFFIX, SUFFIX_NO, COMMIT_HASH, REVISION_NO, SUFFIX_INVALID, SUFFIX_NONE,
} from '../schemes/apk'
import { fastBound, keyArea, settle, digitEnd, writeNumber, copyBytes, isDigit } from './writer'

// Mirrors packages/version/src/keys/apk.ts byte for byte (docs/versions.md, "Sort keys").
// The tokens are those of the scheme's tokenizer (first()/next() in schemes/apk.ts, with
// the same rules on which token may follow which), read here in one loop with the
// previous token kind in a local instead of a Tok object. Written unchecked (writer.ts):
// a token of n input bytes takes at most 3n key bytes (a digit run of m after its '.'
// at most m + 3, a letter two, a suffix two, a commit hash of m after its '~' m + 2),
// the first number at most its digits + 1, then K_END: a key at most 3 * len + 1.

// Key kind bytes (not the tokenizer's kinds: the key orders them as apk decides a
// length mismatch).
// @ts-ignore: decorator
@inline const K_PRE_SUFFIX: u8 = 0x01
// @ts-ignore: decorator
@inline const K_END: u8 = 0x02
// @ts-ignore: decorator
@inline const K_REVISION_NO: u8 = 0x03
// @ts-ignore: decorator
@inline const K_COMMIT_HASH: u8 = 0x04
// @ts-ignore: decorator
@inline const K_SUFFIX_NO: u8 = 0x05
// @ts-ignore: decorator
@inline const K_POST_SUFFIX: u8 = 0x06
// @ts-ignore: decorator
@inline const K_LETTER: u8 = 0x07
// @ts-ignore: decorator
@inline const K_DIGIT: u8 = 0x08
// @ts-ignore: decorator
@inline const MAX_DIGITS: i32 = 19

// @ts-ignore: decorator
@inline function isLower(c: i32): bool {
  return <u32>(c - 97) < 26
}

// @ts-ignore: decorator
@inline function isHex(c: i32): bool {
  return isDigit(c) || <u32>(c - 97) < 6
}

// The key at w; returns its end, or 0 for no key (a token apk refuses, or a number of
// more than 19 significant digits).
function write(p: usize, len: i32, w: usize): usize {
  const end = p + <usize>len
  let i = digitEnd(p, end)
  if (i == p) return 0
  w = writeNumber(p, i, w, 0, MAX_DIGITS)
  if (w == 0) return 0
  let k = INITIAL_DIGIT
  while (i < end) {
    const c = <i32>load<u8>(i)
    if (isLower(c)) {
      if (k > DIGIT) return 0
      store<u8>(w, K_LETTER)
      store<u8>(w, <u8>c, 1)
      w += 2
      i++
      k = LETTER
    } else if (c == 46 || isDigit(c)) {
      if (c == 46) {
        if (k > DIGIT) return 0
        i++
      }
      const d = i
      i = digitEnd(i, end)
      if (k <= DIGIT) {
        k = DIGIT
        if (i == d) return 0
        store<u8>(w, K_DIGIT)
        if (load<u8>(d) == 48) {
          // A leading zero: apk compares the digits as a string.
          store<u8>(w, 0, 1)
          copyBytes(d, i, w + 2)
          w += 2 + (i - d)
          store<u8>(w++, 0)
        } else {
          store<u8>(w, 1, 1)
          w = writeNumber(d, i, w + 2, 0, MAX_DIGITS)
          if (w == 0) return 0
        }
      } else if (k == SUFFIX) {
        k = SUFFIX_NO
        if (i == d) return 0
        store<u8>(w, K_SUFFIX_NO)
        w = writeNumber(d, i, w + 1, 0, MAX_DIGITS)
        if (w == 0) return 0
      } else {
        return 0
      }
    } else if (c == 95) {
      if (k > SUFFIX_NO) return 0
      i++
      const s = i
      while (i < end && isLower(load<u8>(i))) i++
      const x = suffixValue(s, <i32>(i - s))
      if (x == SUFFIX_INVALID) return 0
      store<u8>(w, x < SUFFIX_NONE ? K_PRE_SUFFIX : K_POST_SUFFIX)
      store<u8>(w, <u8>x, 1)
      w += 2
      k = SUFFIX
    } else if (c == 126) {
      if (k >= COMMIT_HASH) return 0
      i++
      const s = i
      while (i < end && isHex(load<u8>(i))) i++
      if (i == s) return 0
      store<u8>(w, K_COMMIT_HASH)
      copyBytes(s, i, w + 1)
      w += 1 + (i - s)
      store<u8>(w++, 0)
      k = COMMIT_HASH
    } else if (c == 45) {
      if (k >= REVISION_NO || i + 1 >= end || load<u8>(i + 1) != 114) return 0
      i += 2
      const d = i
      i = digitEnd(i, end)
      if (i == d) return 0
      store<u8>(w, K_REVISION_NO)
      w = writeNumber(d, i, w + 1, 0, MAX_DIGITS)
      if (w == 0) return 0
      k = REVISION_NO
    } else {
      return 0
    }
  }
  store<u8>(w, K_END)
  return w + 1
}

export function apkKey(p: usize, len: i32, out: usize, cap: i32): i32 {
  const area = keyArea(out, cap, fastBound(len))
  return settle(area, write(p, len, area), out, cap)
}
