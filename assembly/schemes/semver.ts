// SemVer 2.0 as node-semver orders it; mirror of packages/version/src/reference/semver.ts.
import { byteAt, isDigit, isAlnum } from './bytes'
import { INVALID_A, INVALID_B } from './ids'
import { spaceAt, spaceBefore, utf16Length } from './unicode-space'

// Offsets of one parsed version inside the caller's buffer; preStart < 0 = none.
// Exported with parse() for the sort-key encoder (assembly/keys/semver.ts).
export class Sv {
  p: usize = 0
  major: i32 = 0
  majorEnd: i32 = 0
  minor: i32 = 0
  minorEnd: i32 = 0
  patch: i32 = 0
  patchEnd: i32 = 0
  preStart: i32 = -1
  preEnd: i32 = -1
}

const SA = new Sv()
const SB = new Sv()

// Number.MAX_SAFE_INTEGER = 9007199254740991 has 16 digits.
const MAX_SAFE: u64 = 9007199254740991

// @ts-ignore: decorator
@inline function isIdent(c: i32): bool {
  return isAlnum(c) || c == 45
}

// @ts-ignore: decorator
@inline function cmpDigits(a: usize, al: i32, b: usize, bl: i32): i32 {
  if (al != bl) return al < bl ? -1 : 1
  for (let i = 0; i < al; i++) {
    const d = byteAt(a, i) - byteAt(b, i)
    if (d != 0) return d < 0 ? -1 : 1
  }
  return 0
}

// @ts-ignore: decorator
@inline function numeric(p: usize, i: i32, end: i32): i32 {
  const start = i
  if (i >= end || !isDigit(byteAt(p, i))) return -1
  if (byteAt(p, i) == 48) return i + 1
  while (i < end && isDigit(byteAt(p, i))) i++
  // Up to 15 digits always fit; 16 need a look; more never do.
  if (i - start < 16) return i
  if (i - start > 16) return -1
  let n: u64 = 0
  for (let k = start; k < i; k++) n = n * 10 + <u64>(byteAt(p, k) - 48)
  if (n > MAX_SAFE) return -1
  return i
}

// @ts-ignore: decorator
@inline function identifiers(p: usize, i: i32, end: i32, strictNumeric: bool): i32 {
  while (true) {
    const start = i
    let digits = true
    while (i < end && isIdent(byteAt(p, i))) {
      if (!isDigit(byteAt(p, i))) digits = false
      i++
    }
    if (i == start) return -1
    if (strictNumeric && digits && i - start > 1 && byteAt(p, start) == 48) return -1
    if (i < end && byteAt(p, i) == 46) {
      i++
      continue
    }
    return i
  }
  return -1
}

export function parse(p: usize, len: i32, out: Sv): bool {
  if (len > 256 && utf16Length(p, len) > 256) return false
  let s = 0
  let end = len
  // Most versions start and end with a printable ASCII byte: skip the trim then.
  const first = len > 0 ? byteAt(p, 0) : 0
  const last = len > 0 ? byteAt(p, len - 1) : 0
  const plain = first > 32 && first < 128 && last > 32 && last < 128
  while (!plain && s < end) {
    const k = spaceAt(p, s, end, false)
    if (k == 0) break
    s += k
  }
  while (!plain && end > s) {
    const k = spaceBefore(p, s, end, false)
    if (k == 0) break
    end -= k
  }
  const q = p + <usize>s
  const n = end - s
  out.p = q
  let i = 0
  if (i < n && byteAt(q, i) == 118) i++
  out.major = i
  out.majorEnd = numeric(q, i, n)
  if (out.majorEnd < 0 || out.majorEnd >= n || byteAt(q, out.majorEnd) != 46) return false
  out.minor = out.majorEnd + 1
  out.minorEnd = numeric(q, out.minor, n)
  if (out.minorEnd < 0 || out.minorEnd >= n || byteAt(q, out.minorEnd) != 46) return false
  out.patch = out.minorEnd + 1
  out.patchEnd = numeric(q, out.patch, n)
  if (out.patchEnd < 0) return false
  i = out.patchEnd
  out.preStart = -1
  out.preEnd = -1
  if (i < n && byteAt(q, i) == 45) {
    out.preStart = i + 1
    out.preEnd = identifiers(q, out.preStart, n, true)
    if (out.preEnd < 0) return false
    i = out.preEnd
  }
  if (i < n && byteAt(q, i) == 43) {
    i = identifiers(q, i + 1, n, false)
    if (i < 0) return false
  }
  return i == n
}

// @ts-ignore: decorator
@inline function allDigits(p: usize, a: i32, e: i32): bool {
  for (let i = a; i < e; i++) if (!isDigit(byteAt(p, i))) return false
  return true
}

function compareIdent(s: usize, a: i32, ae: i32, t: usize, b: i32, be: i32): i32 {
  const an = allDigits(s, a, ae)
  const bn = allDigits(t, b, be)
  if (an && bn) {
    while (a < ae - 1 && byteAt(s, a) == 48) a++
    while (b < be - 1 && byteAt(t, b) == 48) b++
    return cmpDigits(s + <usize>a, ae - a, t + <usize>b, be - b)
  }
  if (an) return -1
  if (bn) return 1
  const la = ae - a
  const lb = be - b
  for (let i = 0; i < la && i < lb; i++) {
    const d = byteAt(s, a + i) - byteAt(t, b + i)
    if (d != 0) return d < 0 ? -1 : 1
  }
  return la == lb ? 0 : la < lb ? -1 : 1
}

function compareParsed(x: Sv, y: Sv): i32 {
  const s = x.p
  const t = y.p
  let r = cmpDigits(s + <usize>x.major, x.majorEnd - x.major, t + <usize>y.major, y.majorEnd - y.major)
  if (r == 0) r = cmpDigits(s + <usize>x.minor, x.minorEnd - x.minor, t + <usize>y.minor, y.minorEnd - y.minor)
  if (r == 0) r = cmpDigits(s + <usize>x.patch, x.patchEnd - x.patch, t + <usize>y.patch, y.patchEnd - y.patch)
  if (r != 0) return r
  if (x.preStart < 0) return y.preStart < 0 ? 0 : 1
  if (y.preStart < 0) return -1
  let i = x.preStart
  let j = y.preStart
  while (true) {
    if (i >= x.preEnd) return j >= y.preEnd ? 0 : -1
    if (j >= y.preEnd) return 1
    let ie = i
    while (ie < x.preEnd && byteAt(s, ie) != 46) ie++
    let je = j
    while (je < y.preEnd && byteAt(t, je) != 46) je++
    const c = compareIdent(s, i, ie, t, j, je)
    if (c != 0) return c
    i = ie + 1
    j = je + 1
  }
  return 0
}

export function compareSemver(a: usize, al: i32, b: usize, bl: i32): i32 {
  if (!parse(a, al, SA)) return INVALID_A
  if (!parse(b, bl, SB)) return INVALID_B
  return compareParsed(SA, SB)
}

export function validSemver(p: usize, len: i32): bool {
  return parse(p, len, SA)
}
