import { byteAt } from '../schemes/bytes'
import {
  Tok, first, next, DIGIT, LETTER, SUFFIX, SUFFIX_NO, COMMIT_HASH, END, INVALID, SUFFIX_NONE,
} from '../schemes/apk'
import { begin, put, putBytes, putNumber, finish } from './writer'

// Mirrors packages/version/src/keys/apk.ts byte for byte (docs/versions.md, "Sort keys"),
// encoding the tokens of the scheme's own tokenizer.

// Key kind bytes (not the tokenizer's kinds: the key orders them as apk decides a
// length mismatch).
// @ts-ignore: decorator
@inline const K_PRE_SUFFIX: i32 = 0x01
// @ts-ignore: decorator
@inline const K_END: i32 = 0x02
// @ts-ignore: decorator
@inline const K_REVISION_NO: i32 = 0x03
// @ts-ignore: decorator
@inline const K_COMMIT_HASH: i32 = 0x04
// @ts-ignore: decorator
@inline const K_SUFFIX_NO: i32 = 0x05
// @ts-ignore: decorator
@inline const K_POST_SUFFIX: i32 = 0x06
// @ts-ignore: decorator
@inline const K_LETTER: i32 = 0x07
// @ts-ignore: decorator
@inline const K_DIGIT: i32 = 0x08
// @ts-ignore: decorator
@inline const MAX_DIGITS: i32 = 19

const KT = new Tok()

export function apkKey(p: usize, len: i32, out: usize, cap: i32): i32 {
  begin(out, cap)
  const t = KT
  first(t, p, len)
  if (t.token == INVALID || !putNumber(p, t.vs, t.ve, 0, MAX_DIGITS)) return -1
  next(t)
  while (t.token < END) {
    const k = t.token
    if (k == LETTER) {
      put(K_LETTER)
      put(byteAt(p, t.vs))
    } else if (k == DIGIT) {
      put(K_DIGIT)
      if (byteAt(p, t.vs) == 48) {
        put(0)
        putBytes(p, t.vs, t.ve)
        put(0)
      } else {
        put(1)
        if (!putNumber(p, t.vs, t.ve, 0, MAX_DIGITS)) return -1
      }
    } else if (k == SUFFIX_NO) {
      put(K_SUFFIX_NO)
      if (!putNumber(p, t.vs, t.ve, 0, MAX_DIGITS)) return -1
    } else if (k == SUFFIX) {
      put(t.suffix < SUFFIX_NONE ? K_PRE_SUFFIX : K_POST_SUFFIX)
      put(t.suffix)
    } else if (k == COMMIT_HASH) {
      put(K_COMMIT_HASH)
      putBytes(p, t.vs, t.ve)
      put(0)
    } else {
      // REVISION_NO: the only kind left.
      put(K_REVISION_NO)
      if (!putNumber(p, t.vs, t.ve, 0, MAX_DIGITS)) return -1
    }
    next(t)
  }
  if (t.token != END) return -1
  put(K_END)
  return finish(true)
}
