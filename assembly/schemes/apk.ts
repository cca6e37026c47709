import { byteAt, isDigit } from './bytes'
import { INVALID_A, INVALID_B } from './ids'

// apk-tools versions, mirroring packages/version/src/reference/apk.ts (see docs/versions.md).

// @ts-ignore: decorator
@inline export const INITIAL_DIGIT: i32 = 0
// @ts-ignore: decorator
@inline export const DIGIT: i32 = 1
// @ts-ignore: decorator
@inline export const LETTER: i32 = 2
// @ts-ignore: decorator
@inline export const SUFFIX: i32 = 3
// @ts-ignore: decorator
@inline export const SUFFIX_NO: i32 = 4
// @ts-ignore: decorator
@inline export const COMMIT_HASH: i32 = 5
// @ts-ignore: decorator
@inline export const REVISION_NO: i32 = 6
// @ts-ignore: decorator
@inline export const END: i32 = 7
// @ts-ignore: decorator
@inline export const INVALID: i32 = 8

// @ts-ignore: decorator
@inline export const SUFFIX_INVALID: i32 = 0
// @ts-ignore: decorator
@inline export const SUFFIX_NONE: i32 = 5

// @ts-ignore: decorator
@inline function isLower(c: i32): bool {
  return c >= 97 && c <= 122
}

// @ts-ignore: decorator
@inline function isHex(c: i32): bool {
  return isDigit(c) || (c >= 97 && c <= 102)
}

// Suffix rank of the lower-case word at p[0, len), or SUFFIX_INVALID. Exported for the
// sort-key encoder (assembly/keys/apk.ts).
export function suffixValue(p: usize, len: i32): i32 {
  if (len == 0) return SUFFIX_INVALID
  const c0 = byteAt(p, 0)
  if (len == 1) return c0 == 112 ? 10 : SUFFIX_INVALID // p
  const c1 = byteAt(p, 1)
  if (len == 2) {
    if (c0 == 114 && c1 == 99) return 4 // rc
    if (c0 == 104 && c1 == 103) return 9 // hg
    return SUFFIX_INVALID
  }
  const c2 = byteAt(p, 2)
  if (len == 3) {
    if (c0 == 112 && c1 == 114 && c2 == 101) return 3 // pre
    if (c0 == 99 && c1 == 118 && c2 == 115) return 6 // cvs
    if (c0 == 115 && c1 == 118 && c2 == 110) return 7 // svn
    if (c0 == 103 && c1 == 105 && c2 == 116) return 8 // git
    return SUFFIX_INVALID
  }
  const c3 = byteAt(p, 3)
  if (len == 4) {
    if (c0 == 98 && c1 == 101 && c2 == 116 && c3 == 97) return 2 // beta
    return SUFFIX_INVALID
  }
  if (len == 5 && c0 == 97 && c1 == 108 && c2 == 112 && c3 == 104 && byteAt(p, 4) == 97) return 1 // alpha
  return SUFFIX_INVALID
}

// Exported with first()/next() for the sort-key encoder (assembly/keys/apk.ts).
export class Tok {
  p: usize = 0
  len: i32 = 0
  pos: i32 = 0
  token: i32 = 0
  suffix: i32 = 0
  num: u64 = 0
  vs: i32 = 0
  ve: i32 = 0
}

const TA = new Tok()
const TB = new Tok()

// apk parses digit runs into a uint64 that wraps on overflow.
function digits(t: Tok): void {
  const start = t.pos
  let n: u64 = 0
  while (t.pos < t.len) {
    const c = byteAt(t.p, t.pos)
    if (!isDigit(c)) break
    n = n * 10 + <u64>(c - 48)
    t.pos++
  }
  t.num = n
  t.vs = start
  t.ve = t.pos
  if (t.pos == start) t.token = INVALID
}

export function first(t: Tok, p: usize, len: i32): void {
  t.p = p
  t.len = len
  t.pos = 0
  t.suffix = SUFFIX_INVALID
  t.token = INITIAL_DIGIT
  digits(t)
}

export function next(t: Tok): void {
  if (t.pos >= t.len) {
    t.token = END
    return
  }
  const c = byteAt(t.p, t.pos)
  const k = t.token
  if (isLower(c)) {
    if (k > DIGIT) {
      t.token = INVALID
      return
    }
    t.vs = t.pos
    t.pos++
    t.ve = t.pos
    t.token = LETTER
  } else if (c == 46 || isDigit(c)) {
    if (c == 46) {
      if (k > DIGIT) {
        t.token = INVALID
        return
      }
      t.pos++
    }
    if (k == INITIAL_DIGIT || k == DIGIT) t.token = DIGIT
    else if (k == SUFFIX) t.token = SUFFIX_NO
    else {
      t.token = INVALID
      return
    }
    digits(t)
  } else if (c == 95) {
    if (k > SUFFIX_NO) {
      t.token = INVALID
      return
    }
    t.pos++
    const start = t.pos
    while (t.pos < t.len && isLower(byteAt(t.p, t.pos))) t.pos++
    t.vs = start
    t.ve = t.pos
    t.suffix = suffixValue(t.p + <usize>start, t.pos - start)
    t.token = t.suffix == SUFFIX_INVALID ? INVALID : SUFFIX
  } else if (c == 126) {
    if (k >= COMMIT_HASH) {
      t.token = INVALID
      return
    }
    t.pos++
    const start = t.pos
    while (t.pos < t.len && isHex(byteAt(t.p, t.pos))) t.pos++
    t.vs = start
    t.ve = t.pos
    t.token = t.ve == t.vs ? INVALID : COMMIT_HASH
  } else if (c == 45) {
    if (k >= REVISION_NO || t.pos + 1 >= t.len || byteAt(t.p, t.pos + 1) != 114) {
      t.token = INVALID
      return
    }
    t.pos += 2
    t.token = REVISION_NO
    digits(t)
  } else {
    t.token = INVALID
  }
}

function blobSort(a: Tok, b: Tok): i32 {
  const la = a.ve - a.vs
  const lb = b.ve - b.vs
  const n = la < lb ? la : lb
  for (let k = 0; k < n; k++) {
    const d = byteAt(a.p, a.vs + k) - byteAt(b.p, b.vs + k)
    if (d != 0) return d < 0 ? -1 : 1
  }
  return la == lb ? 0 : la < lb ? -1 : 1
}

function tokenCmp(a: Tok, b: Tok): i32 {
  const k = a.token
  if (k == DIGIT) {
    if (byteAt(a.p, a.vs) == 48 || byteAt(b.p, b.vs) == 48) return blobSort(a, b)
  } else if (k == LETTER) {
    const x = byteAt(a.p, a.vs)
    const y = byteAt(b.p, b.vs)
    return x < y ? -1 : x > y ? 1 : 0
  } else if (k == SUFFIX) {
    return a.suffix < b.suffix ? -1 : a.suffix > b.suffix ? 1 : 0
  } else if (k == COMMIT_HASH) {
    return blobSort(a, b)
  }
  return a.num < b.num ? -1 : a.num > b.num ? 1 : 0
}

export function compareApk(a: usize, al: i32, b: usize, bl: i32): i32 {
  first(TA, a, al)
  first(TB, b, bl)
  while (TA.token == TB.token && TA.token < END) {
    const r = tokenCmp(TA, TB)
    if (r != 0) return r
    next(TA)
    next(TB)
  }
  const x = TA.token
  const y = TB.token
  if (x == INVALID) return INVALID_A
  if (y == INVALID) return INVALID_B
  if (x == y) return 0
  if (x == SUFFIX && TA.suffix < SUFFIX_NONE) return -1
  if (y == SUFFIX && TB.suffix < SUFFIX_NONE) return 1
  return x > y ? -1 : 1
}

export function validApk(p: usize, len: i32): bool {
  first(TA, p, len)
  while (TA.token < END) next(TA)
  return TA.token == END
}
