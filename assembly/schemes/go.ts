import { byteAt, isDigit, isAlnum } from './bytes'
import { INVALID_A, INVALID_B } from './ids'

// Go module versions (golang.org/x/mod/semver, `v` optional), mirroring
// packages/version/src/reference/go.ts (see docs/versions.md).

// The string "0", standing in for a missing minor or patch.
const ZERO: usize = memory.data<u8>([48])

// Exported with parse() for the sort-key encoder (assembly/keys/go.ts).
export class Parts {
  maj: usize = 0
  majLen: i32 = 0
  min: usize = 0
  minLen: i32 = 0
  pat: usize = 0
  patLen: i32 = 0
  pre: usize = 0
  preLen: i32 = 0
}

const PA = new Parts()
const PB = new Parts()

// @ts-ignore: decorator
@inline function isIdent(c: i32): bool {
  return isAlnum(c) || c == 45
}

// @ts-ignore: decorator
@inline function at(p: usize, i: i32, len: i32): i32 {
  return i < len ? byteAt(p, i) : -1
}

function parseNum(p: usize, len: i32, i: i32): i32 {
  if (i >= len || !isDigit(byteAt(p, i))) return -1
  let j = i + 1
  while (j < len && isDigit(byteAt(p, j))) j++
  if (byteAt(p, i) == 48 && j != i + 1) return -1
  return j
}

function badNum(p: usize, a: i32, b: i32): bool {
  if (b - a < 2 || byteAt(p, a) != 48) return false
  for (let k = a; k < b; k++) if (!isDigit(byteAt(p, k))) return false
  return true
}

function parseIdents(p: usize, len: i32, i: i32, stopAtPlus: bool, numeric: bool): i32 {
  let start = i
  let j = i
  for (; j < len; j++) {
    const c = byteAt(p, j)
    if (stopAtPlus && c == 43) break
    if (c == 46) {
      if (start == j || (numeric && badNum(p, start, j))) return -1
      start = j + 1
    } else if (!isIdent(c)) {
      return -1
    }
  }
  if (start == j || (numeric && badNum(p, start, j))) return -1
  return j
}

export function parse(p: usize, len: i32, out: Parts): bool {
  const i = len > 0 && byteAt(p, 0) == 118 ? 1 : 0
  let j = parseNum(p, len, i)
  if (j < 0) return false
  out.maj = p + <usize>i
  out.majLen = j - i
  out.min = ZERO
  out.minLen = 1
  out.pat = ZERO
  out.patLen = 1
  out.pre = p + <usize>j
  out.preLen = 0
  if (j == len) return true
  if (byteAt(p, j) != 46) return false
  const k = parseNum(p, len, j + 1)
  if (k < 0) return false
  out.min = p + <usize>(j + 1)
  out.minLen = k - j - 1
  out.pre = p + <usize>k
  if (k == len) return true
  if (byteAt(p, k) != 46) return false
  j = parseNum(p, len, k + 1)
  if (j < 0) return false
  out.pat = p + <usize>(k + 1)
  out.patLen = j - k - 1
  out.pre = p + <usize>j
  if (at(p, j, len) == 45) {
    const e = parseIdents(p, len, j + 1, true, true)
    if (e < 0) return false
    out.preLen = e - j
    j = e
  }
  if (at(p, j, len) == 43) {
    j = parseIdents(p, len, j + 1, false, false)
    if (j < 0) return false
  }
  return j == len
}

function cmpNum(a: usize, al: i32, b: usize, bl: i32): i32 {
  if (al != bl) return al < bl ? -1 : 1
  for (let k = 0; k < al; k++) {
    const d = byteAt(a, k) - byteAt(b, k)
    if (d != 0) return d < 0 ? -1 : 1
  }
  return 0
}

function allDigits(p: usize, i: i32, j: i32): bool {
  for (let k = i; k < j; k++) if (!isDigit(byteAt(p, k))) return false
  return true
}

function cmpPre(a: usize, al: i32, b: usize, bl: i32): i32 {
  if (al == 0 || bl == 0) return al == 0 ? (bl == 0 ? 0 : 1) : -1
  let i = 1
  let j = 1
  while (true) {
    let ie = i
    while (ie < al && byteAt(a, ie) != 46) ie++
    let je = j
    while (je < bl && byteAt(b, je) != 46) je++
    const na = allDigits(a, i, ie)
    const nb = allDigits(b, j, je)
    if (na != nb) return na ? -1 : 1
    const la = ie - i
    const lb = je - j
    let r = 0
    if (na && la != lb) r = la < lb ? -1 : 1
    const n = la < lb ? la : lb
    for (let k = 0; r == 0 && k < n; k++) {
      const d = byteAt(a, i + k) - byteAt(b, j + k)
      if (d != 0) r = d < 0 ? -1 : 1
    }
    if (r == 0 && la != lb) r = la < lb ? -1 : 1
    if (r != 0) return r
    if (ie >= al || je >= bl) return ie >= al ? (je >= bl ? 0 : -1) : 1
    i = ie + 1
    j = je + 1
  }
  return 0
}

export function compareGo(a: usize, al: i32, b: usize, bl: i32): i32 {
  if (!parse(a, al, PA)) return INVALID_A
  if (!parse(b, bl, PB)) return INVALID_B
  let r = cmpNum(PA.maj, PA.majLen, PB.maj, PB.majLen)
  if (r != 0) return r
  r = cmpNum(PA.min, PA.minLen, PB.min, PB.minLen)
  if (r != 0) return r
  r = cmpNum(PA.pat, PA.patLen, PB.pat, PB.patLen)
  if (r != 0) return r
  return cmpPre(PA.pre, PA.preLen, PB.pre, PB.preLen)
}

export function validGo(p: usize, len: i32): bool {
  return parse(p, len, PA)
}
