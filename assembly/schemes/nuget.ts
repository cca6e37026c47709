// NuGet versions as NuGet.Versioning reads and orders them; mirror of
// packages/version/src/reference/nuget.ts.
import { byteAt, isDigit, isAlnum } from './bytes'
import { INVALID_A, INVALID_B } from './ids'
import { spaceAt, spaceBefore } from './unicode-space'

// One parsed version: four numbers and the label span inside the caller's buffer.
// Exported with parse() and the label helpers for the sort-key encoder (assembly/keys/nuget.ts).
export class Nv {
  n0: i32 = 0
  n1: i32 = 0
  n2: i32 = 0
  n3: i32 = 0
  p: usize = 0
  labStart: i32 = -1
  labEnd: i32 = -1
}

const NA = new Nv()
const NB = new Nv()

const INT32_MAX: i64 = 2147483647

// @ts-ignore: decorator
@inline function isIdent(c: i32): bool {
  return isAlnum(c) || c == 45
}

// Dot-separated parts of [0-9A-Za-z-], none empty; labels refuse leading zeros.
function validParts(p: usize, s: i32, e: i32, allowLeadingZeros: bool): bool {
  let i = s
  while (true) {
    const start = i
    let digits = true
    while (i < e && byteAt(p, i) != 46) {
      const c = byteAt(p, i)
      if (!isIdent(c)) return false
      if (!isDigit(c)) digits = false
      i++
    }
    if (i == start) return false
    if (!allowLeadingZeros && digits && i - start > 1 && byteAt(p, start) == 48) return false
    if (i == e) return true
    i++
  }
  return false
}

function setNum(out: Nv, k: i32, n: i32): void {
  if (k == 0) out.n0 = n
  else if (k == 1) out.n1 = n
  else if (k == 2) out.n2 = n
  else out.n3 = n
}

// NuGet's TryGetNormalizedVersion on [s, e): up to four dot-separated digit sections
// (empty reads 0, missing -1), wrapping int32 arithmetic, a negative major refused and
// other negatives clamped to 0.
function versionNumbers(p: usize, s: i32, e: i32, out: Nv): bool {
  let end = s - 1
  for (let k = 0; k < 4; k++) {
    const start = end + 1
    if (start >= e) {
      setNum(out, k, -1)
      end = e
      continue
    }
    end = start
    while (end < e && byteAt(p, end) != 46) end++
    let n: i32 = 0
    for (let i = start; i < end; i++) {
      const c = byteAt(p, i)
      if (!isDigit(c)) return false
      n = n * 10 + (c - 48)
    }
    setNum(out, k, n)
  }
  if (end != e || out.n0 < 0) return false
  if (out.n1 < 0) out.n1 = 0
  if (out.n2 < 0) out.n2 = 0
  if (out.n3 < 0) out.n3 = 0
  return true
}

export function parse(p: usize, len: i32, out: Nv): bool {
  let s = 0
  let end = len
  while (s < end) {
    const k = spaceAt(p, s, end, true)
    if (k == 0) break
    s += k
  }
  while (end > s) {
    const k = spaceBefore(p, s, end, true)
    if (k == 0) break
    end -= k
  }
  if (s == end) return false
  let sep = -1
  for (let i = s; i < end; i++) {
    const c = byteAt(p, i)
    if (c == 45 || c == 43) {
      sep = i
      break
    }
  }
  if (sep == end - 1) return false
  const vEnd = sep < 0 ? end : sep
  out.labStart = -1
  out.labEnd = -1
  let metaStart = -1
  if (sep >= 0 && byteAt(p, sep) == 43) metaStart = sep + 1
  else if (sep >= 0) {
    let plus = -1
    for (let i = sep + 1; i < end; i++) {
      if (byteAt(p, i) == 43) {
        plus = i
        break
      }
    }
    out.labStart = sep + 1
    if (plus < 0 || plus == end - 1) out.labEnd = end
    else {
      out.labEnd = plus
      metaStart = plus + 1
    }
  }
  if (vEnd == s || !versionNumbers(p, s, vEnd, out)) return false
  if (out.labStart >= 0 && !validParts(p, out.labStart, out.labEnd, false)) return false
  if (metaStart >= 0 && !validParts(p, metaStart, end, true)) return false
  out.p = p
  return true
}

// Result of the last labelNumber() call.
export let labelValue: i64 = 0

export function labelNumber(p: usize, s: i32, e: i32): bool {
  const neg = byteAt(p, s) == 45
  let i = neg ? s + 1 : s
  if (i == e) return false
  let n: i64 = 0
  for (; i < e; i++) {
    const c = byteAt(p, i)
    if (!isDigit(c)) return false
    n = n * 10 + <i64>(c - 48)
    if (n > INT32_MAX + 1) return false
  }
  if (!neg && n > INT32_MAX) return false
  labelValue = neg ? -n : n
  return true
}

// @ts-ignore: decorator
@inline export function upper(c: i32): i32 {
  return c >= 97 && c <= 122 ? c - 32 : c
}

function compareLabel(a: usize, as: i32, ae: i32, b: usize, bs: i32, be: i32): i32 {
  const an = labelNumber(a, as, ae)
  const av = labelValue
  const bn = labelNumber(b, bs, be)
  const bv = labelValue
  if (an && bn) return av == bv ? 0 : av < bv ? -1 : 1
  if (an) return -1
  if (bn) return 1
  const la = ae - as
  const lb = be - bs
  for (let i = 0; i < la && i < lb; i++) {
    const d = upper(byteAt(a, as + i)) - upper(byteAt(b, bs + i))
    if (d != 0) return d < 0 ? -1 : 1
  }
  return la == lb ? 0 : la < lb ? -1 : 1
}

// @ts-ignore: decorator
@inline function cmpInt(x: i32, y: i32): i32 {
  return x == y ? 0 : x < y ? -1 : 1
}

function compareParsed(x: Nv, y: Nv): i32 {
  let r = cmpInt(x.n0, y.n0)
  if (r == 0) r = cmpInt(x.n1, y.n1)
  if (r == 0) r = cmpInt(x.n2, y.n2)
  if (r == 0) r = cmpInt(x.n3, y.n3)
  if (r != 0) return r
  if (x.labStart < 0) return y.labStart < 0 ? 0 : 1
  if (y.labStart < 0) return -1
  let i = x.labStart
  let j = y.labStart
  while (true) {
    // Labels are never empty, so a cursor past the last one is beyond the end.
    const aHas = i < x.labEnd
    const bHas = j < y.labEnd
    if (!aHas && !bHas) return 0
    if (!aHas) return -1
    if (!bHas) return 1
    let ie = i
    while (ie < x.labEnd && byteAt(x.p, ie) != 46) ie++
    let je = j
    while (je < y.labEnd && byteAt(y.p, je) != 46) je++
    const c = compareLabel(x.p, i, ie, y.p, j, je)
    if (c != 0) return c
    i = ie + 1
    j = je + 1
  }
  return 0
}

export function compareNuGet(a: usize, al: i32, b: usize, bl: i32): i32 {
  if (!parse(a, al, NA)) return INVALID_A
  if (!parse(b, bl, NB)) return INVALID_B
  return compareParsed(NA, NB)
}

export function validNuGet(p: usize, len: i32): bool {
  return parse(p, len, NA)
}
