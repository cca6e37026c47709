// Dart pub versions as pub_semver orders them; mirror of
// packages/version/src/reference/pub.ts.
import { byteAt, isDigit, isAlnum } from './bytes'
import { INVALID_A, INVALID_B } from './ids'

// Offsets of one parsed version; preStart/buildStart < 0 = absent.
// Exported with parse() and partInt() for the sort-key encoder (assembly/keys/pub.ts).
export class Pv {
  major: i64 = 0
  minor: i64 = 0
  patch: i64 = 0
  preStart: i32 = -1
  preEnd: i32 = -1
  buildStart: i32 = -1
  buildEnd: i32 = -1
}

const PA = new Pv()
const PB = new Pv()

// Result of the last partInt() call.
let partValue: i64 = 0

const I64_MAX: u64 = 9223372036854775807

// @ts-ignore: decorator
@inline function isIdent(c: i32): bool {
  return isAlnum(c) || c == 45
}

// An all-digit part within int64 is a number: sets partValue and returns true.
export function partInt(p: usize, s: i32, e: i32): bool {
  let n: u64 = 0
  for (let k = s; k < e; k++) {
    const c = byteAt(p, k)
    if (!isDigit(c)) return false
    const d = <u64>(c - 48)
    if (n > (I64_MAX - d) / 10) return false
    n = n * 10 + d
  }
  partValue = <i64>n
  return true
}

// Digits at i as an int64; returns the end or -1 (no digits / overflow).
let numValue: i64 = 0
function number(p: usize, i: i32, len: i32): i32 {
  const start = i
  let n: u64 = 0
  while (i < len && isDigit(byteAt(p, i))) {
    const d = <u64>(byteAt(p, i) - 48)
    if (n > (I64_MAX - d) / 10) return -1
    n = n * 10 + d
    i++
  }
  if (i == start) return -1
  numValue = <i64>n
  return i
}

function identifiers(p: usize, i: i32, len: i32): i32 {
  while (true) {
    const start = i
    while (i < len && isIdent(byteAt(p, i))) i++
    if (i == start) return -1
    if (i < len && byteAt(p, i) == 46) i++
    else return i
  }
  return -1
}

export function parse(p: usize, len: i32, out: Pv): bool {
  let i = number(p, 0, len)
  if (i < 0 || i >= len || byteAt(p, i) != 46) return false
  out.major = numValue
  i = number(p, i + 1, len)
  if (i < 0 || i >= len || byteAt(p, i) != 46) return false
  out.minor = numValue
  i = number(p, i + 1, len)
  if (i < 0) return false
  out.patch = numValue
  out.preStart = -1
  out.preEnd = -1
  out.buildStart = -1
  out.buildEnd = -1
  if (i < len && byteAt(p, i) == 45) {
    out.preStart = i + 1
    i = identifiers(p, i + 1, len)
    if (i < 0) return false
    out.preEnd = i
  }
  if (i < len && byteAt(p, i) == 43) {
    out.buildStart = i + 1
    i = identifiers(p, i + 1, len)
    if (i < 0) return false
    out.buildEnd = i
  }
  return i == len
}

// pub_semver's _compareLists over two dot-separated part lists (empty when start < 0).
function compareLists(a: usize, as: i32, ae: i32, b: usize, bs: i32, be: i32): i32 {
  let i = as
  let j = bs
  while (true) {
    // Parts are never empty, so a cursor past the last part is at or beyond the end.
    const aHas = as >= 0 && i < ae
    const bHas = bs >= 0 && j < be
    if (!aHas && !bHas) return 0
    if (!aHas) return -1
    if (!bHas) return 1
    let ie = i
    while (ie < ae && byteAt(a, ie) != 46) ie++
    let je = j
    while (je < be && byteAt(b, je) != 46) je++
    const an = partInt(a, i, ie)
    const av = partValue
    const bn = partInt(b, j, je)
    const bv = partValue
    if (an && bn) {
      if (av != bv) return av < bv ? -1 : 1
    } else if (an) return -1
    else if (bn) return 1
    else {
      const la = ie - i
      const lb = je - j
      let r = 0
      for (let k = 0; k < la && k < lb; k++) {
        const d = byteAt(a, i + k) - byteAt(b, j + k)
        if (d != 0) {
          r = d
          break
        }
      }
      if (r == 0 && la != lb) r = la - lb
      if (r != 0) return r < 0 ? -1 : 1
    }
    i = ie + 1
    j = je + 1
  }
  return 0
}

export function comparePub(a: usize, al: i32, b: usize, bl: i32): i32 {
  if (!parse(a, al, PA)) return INVALID_A
  if (!parse(b, bl, PB)) return INVALID_B
  if (PA.major != PB.major) return PA.major < PB.major ? -1 : 1
  if (PA.minor != PB.minor) return PA.minor < PB.minor ? -1 : 1
  if (PA.patch != PB.patch) return PA.patch < PB.patch ? -1 : 1
  const ap = PA.preStart >= 0
  const bp = PB.preStart >= 0
  if (!ap && bp) return 1
  if (ap && !bp) return -1
  const r = compareLists(a, PA.preStart, PA.preEnd, b, PB.preStart, PB.preEnd)
  if (r != 0) return r
  const ab = PA.buildStart >= 0
  const bb = PB.buildStart >= 0
  if (!ab && bb) return -1
  if (ab && !bb) return 1
  return compareLists(a, PA.buildStart, PA.buildEnd, b, PB.buildStart, PB.buildEnd)
}

export function validPub(p: usize, len: i32): bool {
  return parse(p, len, PA)
}
