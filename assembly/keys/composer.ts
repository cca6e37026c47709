import { byteAt, isDigit, isAlnum, toLower } from '../schemes/bytes'
import { validComposer } from '../schemes/composer'
import { begin, put, putBytes, putNumber, finish } from './writer'

// Mirrors packages/version/src/keys/composer.ts: `dev-<branch>` and Composer's classical
// pattern only.

// @ts-ignore: decorator
@inline const DEV: i32 = 0x01
// @ts-ignore: decorator
@inline const ALPHA: i32 = 0x02
// @ts-ignore: decorator
@inline const BETA: i32 = 0x03
// @ts-ignore: decorator
@inline const RC: i32 = 0x04
// @ts-ignore: decorator
@inline const END: i32 = 0x05
// @ts-ignore: decorator
@inline const NUM: i32 = 0x06
// @ts-ignore: decorator
@inline const PATCH: i32 = 0x07

function word(p: usize, len: i32, i: i32, w: string): bool {
  const n = w.length
  if (len - i < n) return false
  for (let k = 0; k < n; k++) if (toLower(byteAt(p, i + k)) != <i32>w.charCodeAt(k)) return false
  return true
}

function digits(p: usize, len: i32, i: i32): i32 {
  while (i < len && isDigit(byteAt(p, i))) i++
  return i
}

function num(p: usize, from: i32, to: i32): bool {
  put(NUM)
  return putNumber(p, from, to, 0, 18)
}

// @ts-ignore: decorator
@inline function isDot(c: i32): bool {
  return c == 46 || c == 45
}

// Length of the stability word at i and its token (-1 for "stable"), as the pair
// (len << 8 | token + 1); 0 when none.
function stability(p: usize, len: i32, i: i32): i32 {
  if (word(p, len, i, 'stable')) return (6 << 8) | 0
  if (word(p, len, i, 'beta')) return (4 << 8) | (BETA + 1)
  if (word(p, len, i, 'b')) return (1 << 8) | (BETA + 1)
  if (word(p, len, i, 'rc')) return (2 << 8) | (RC + 1)
  if (word(p, len, i, 'alpha')) return (5 << 8) | (ALPHA + 1)
  if (word(p, len, i, 'a')) return (1 << 8) | (ALPHA + 1)
  if (word(p, len, i, 'patch')) return (5 << 8) | (PATCH + 1)
  if (word(p, len, i, 'pl')) return (2 << 8) | (PATCH + 1)
  if (word(p, len, i, 'p')) return (1 << 8) | (PATCH + 1)
  return 0
}

export function composerKey(p: usize, len: i32, out: usize, cap: i32): i32 {
  begin(out, cap)
  if (!validComposer(p, len)) return -1
  if (word(p, len, 0, 'dev-')) {
    for (let k = 4; k < len; k++) {
      const c = byteAt(p, k)
      if (!(isAlnum(c) || c == 46 || c == 95 || c == 45 || c == 47)) return -1
    }
    put(0x00)
    putBytes(p, 4, len)
    return finish(true)
  }
  let i = byteAt(p, 0) == 118 || byteAt(p, 0) == 86 ? 1 : 0
  let e = digits(p, len, i)
  if (e == i || e - i > 5 || !num(p, i, e)) return -1
  i = e
  for (let part = 1; part < 4; part++) {
    if (i + 1 < len && byteAt(p, i) == 46 && isDigit(byteAt(p, i + 1))) {
      e = digits(p, len, i + 1)
      if (!num(p, i + 1, e)) return -1
      i = e
    } else {
      put(NUM)
      put(0)
    }
  }
  if (i < len && (byteAt(p, i) == 46 || byteAt(p, i) == 95 || byteAt(p, i) == 45)) i++
  const st = stability(p, len, i)
  if (st != 0) {
    const token = (st & 0xff) - 1
    if (token < 0) return -1
    put(token)
    i += st >> 8
    if (i + 1 < len && isDot(byteAt(p, i)) && isDigit(byteAt(p, i + 1))) i++
    while (i < len && isDigit(byteAt(p, i))) {
      e = digits(p, len, i)
      if (!num(p, i, e)) return -1
      i = e
      if (i + 1 < len && isDot(byteAt(p, i)) && isDigit(byteAt(p, i + 1))) i++
    }
  }
  if (i < len && isDot(byteAt(p, i)) && word(p, len, i + 1, 'dev')) i++
  if (word(p, len, i, 'dev')) {
    put(DEV)
    i += 3
  }
  if (i != len) return -1
  put(END)
  return finish(true)
}
