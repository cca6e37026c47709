import { byteAt, isDigit, isAlnum, toLower } from './bytes'
import { INVALID_A, INVALID_B } from './ids'

// Mirror of packages/version/src/reference/pep440.ts: same grammar, same order,
// working on UTF-8 bytes in place.

// CPython's default int_max_str_digits: longer digit runs make packaging raise.
const MAX_DIGITS: i32 = 4300

// Byte offsets of each part of a parsed version; empty number span = implicit 0.
// Exported with scan() for the sort-key encoder (assembly/keys/pep440.ts).
export class Spans {
  p: usize = 0
  epS: i32 = 0
  epE: i32 = 0
  relS: i32 = 0
  relE: i32 = 0
  pre: i32 = 0
  preS: i32 = 0
  preE: i32 = 0
  post: bool = false
  postS: i32 = 0
  postE: i32 = 0
  dev: bool = false
  devS: i32 = 0
  devE: i32 = 0
  locS: i32 = -1
  locE: i32 = -1
}

const SA = new Spans()
const SB = new Spans()

// @ts-ignore: decorator
@inline function isSep(c: i32): bool {
  return c == 46 || c == 95 || c == 45
}

// @ts-ignore: decorator
@inline function isAsciiSpace(c: i32): bool {
  return c == 32 || (c >= 9 && c <= 13) || (c >= 28 && c <= 31)
}

// Byte length of the whitespace character starting at i (Python str.isspace()), or 0.
function spaceAt(p: usize, i: i32, end: i32): i32 {
  const c = byteAt(p, i)
  if (isAsciiSpace(c)) return 1
  if (c == 0xc2 && i + 1 < end) {
    const d = byteAt(p, i + 1)
    return d == 0x85 || d == 0xa0 ? 2 : 0
  }
  if (i + 2 >= end) return 0
  const d = byteAt(p, i + 1)
  const e = byteAt(p, i + 2)
  if (c == 0xe1) return d == 0x9a && e == 0x80 ? 3 : 0
  if (c == 0xe2) {
    if (d == 0x80) return (e >= 0x80 && e <= 0x8a) || e == 0xa8 || e == 0xa9 || e == 0xaf ? 3 : 0
    return d == 0x81 && e == 0x9f ? 3 : 0
  }
  if (c == 0xe3) return d == 0x80 && e == 0x80 ? 3 : 0
  return 0
}

// Byte length of the whitespace character ending just before `end`, or 0.
function spaceBefore(p: usize, start: i32, end: i32): i32 {
  if (isAsciiSpace(byteAt(p, end - 1))) return 1
  if (end - 2 >= start && spaceAt(p, end - 2, end) == 2) return 2
  if (end - 3 >= start && spaceAt(p, end - 3, end) == 3) return 3
  return 0
}

// Case-insensitive match of a lower-case ASCII word held in a static string.
function word(p: usize, i: i32, end: i32, w: string): bool {
  const n = w.length
  if (end - i < n) return false
  for (let k = 0; k < n; k++) if (toLower(byteAt(p, i + k)) != <i32>w.charCodeAt(k)) return false
  return true
}

// @ts-ignore: decorator
@inline export function digitsEnd(p: usize, i: i32, end: i32): i32 {
  while (i < end && isDigit(byteAt(p, i))) i++
  return i
}

export function scan(p: usize, len: i32, sp: Spans): bool {
  let i = 0
  let end = len
  while (i < end) {
    const n = spaceAt(p, i, end)
    if (n == 0) break
    i += n
  }
  while (end > i) {
    const n = spaceBefore(p, i, end)
    if (n == 0) break
    end -= n
  }
  if (i < end && toLower(byteAt(p, i)) == 118) i++
  sp.p = p
  sp.epS = i
  sp.epE = i
  sp.pre = 0
  sp.post = false
  sp.dev = false
  sp.locS = -1
  sp.locE = -1
  let d = digitsEnd(p, i, end)
  if (d == i) return false
  if (d < end && byteAt(p, d) == 33) {
    if (d - i > MAX_DIGITS) return false
    sp.epE = d
    i = d + 1
    d = digitsEnd(p, i, end)
    if (d == i) return false
  }
  sp.relS = i
  while (true) {
    if (d - i > MAX_DIGITS) return false
    i = d
    if (i + 1 < end && byteAt(p, i) == 46 && isDigit(byteAt(p, i + 1))) {
      i++
      d = digitsEnd(p, i, end)
    } else break
  }
  sp.relE = i
  {
    let j = i
    if (j < end && isSep(byteAt(p, j))) j++
    let kind = 0
    let n = 0
    if (word(p, j, end, 'alpha')) { kind = 1; n = 5 }
    else if (word(p, j, end, 'a')) { kind = 1; n = 1 }
    else if (word(p, j, end, 'beta')) { kind = 2; n = 4 }
    else if (word(p, j, end, 'b')) { kind = 2; n = 1 }
    else if (word(p, j, end, 'preview')) { kind = 3; n = 7 }
    else if (word(p, j, end, 'pre')) { kind = 3; n = 3 }
    else if (word(p, j, end, 'c')) { kind = 3; n = 1 }
    else if (word(p, j, end, 'rc')) { kind = 3; n = 2 }
    if (kind != 0) {
      j += n
      if (j < end && isSep(byteAt(p, j))) j++
      const e = digitsEnd(p, j, end)
      if (e - j > MAX_DIGITS) return false
      sp.pre = kind
      sp.preS = j
      sp.preE = e
      i = e
    }
  }
  if (i + 1 < end && byteAt(p, i) == 45 && isDigit(byteAt(p, i + 1))) {
    const e = digitsEnd(p, i + 1, end)
    if (e - i - 1 > MAX_DIGITS) return false
    sp.post = true
    sp.postS = i + 1
    sp.postE = e
    i = e
  } else {
    let j = i
    if (j < end && isSep(byteAt(p, j))) j++
    let n = 0
    if (word(p, j, end, 'post')) n = 4
    else if (word(p, j, end, 'rev')) n = 3
    else if (word(p, j, end, 'r')) n = 1
    if (n > 0) {
      j += n
      if (j < end && isSep(byteAt(p, j))) j++
      const e = digitsEnd(p, j, end)
      if (e - j > MAX_DIGITS) return false
      sp.post = true
      sp.postS = j
      sp.postE = e
      i = e
    }
  }
  {
    let j = i
    if (j < end && isSep(byteAt(p, j))) j++
    if (word(p, j, end, 'dev')) {
      j += 3
      if (j < end && isSep(byteAt(p, j))) j++
      const e = digitsEnd(p, j, end)
      if (e - j > MAX_DIGITS) return false
      sp.dev = true
      sp.devS = j
      sp.devE = e
      i = e
    }
  }
  if (i < end && byteAt(p, i) == 43) {
    i++
    sp.locS = i
    while (true) {
      const st = i
      while (i < end && isAlnum(byteAt(p, i))) i++
      if (i == st) return false
      if (i - st > MAX_DIGITS && digitsEnd(p, st, i) == i) return false
      if (i + 1 < end && isSep(byteAt(p, i)) && isAlnum(byteAt(p, i + 1))) i++
      else break
    }
    sp.locE = i
  }
  return i == end
}

function cmpNum(a: usize, as: i32, ae: i32, b: usize, bs: i32, be: i32): i32 {
  while (as < ae && byteAt(a, as) == 48) as++
  while (bs < be && byteAt(b, bs) == 48) bs++
  const al = ae - as
  const bl = be - bs
  if (al != bl) return al < bl ? -1 : 1
  for (let k = 0; k < al; k++) {
    const x = byteAt(a, as + k)
    const y = byteAt(b, bs + k)
    if (x != y) return x < y ? -1 : 1
  }
  return 0
}

function cmpRelease(x: Spans, y: Spans): i32 {
  const a = x.p
  const b = y.p
  let i = x.relS
  let j = y.relS
  while (i < x.relE || j < y.relE) {
    const ie = i < x.relE ? digitsEnd(a, i, x.relE) : i
    const je = j < y.relE ? digitsEnd(b, j, y.relE) : j
    const c = cmpNum(a, i, ie, b, j, je)
    if (c != 0) return c
    i = ie < x.relE ? ie + 1 : ie
    j = je < y.relE ? je + 1 : je
  }
  return 0
}

function cmpLocal(x: Spans, y: Spans): i32 {
  if (x.locS < 0 || y.locS < 0) return x.locS < 0 ? (y.locS < 0 ? 0 : -1) : 1
  const a = x.p
  const b = y.p
  let i = x.locS
  let j = y.locS
  while (true) {
    if (i >= x.locE || j >= y.locE) return i >= x.locE ? (j >= y.locE ? 0 : -1) : 1
    let ie = i
    while (ie < x.locE && !isSep(byteAt(a, ie))) ie++
    let je = j
    while (je < y.locE && !isSep(byteAt(b, je))) je++
    const an = digitsEnd(a, i, ie) == ie
    const bn = digitsEnd(b, j, je) == je
    let c = 0
    if (an && bn) c = cmpNum(a, i, ie, b, j, je)
    else if (an != bn) c = an ? 1 : -1
    else {
      const n = min(ie - i, je - j)
      for (let k = 0; k < n && c == 0; k++) {
        const p = toLower(byteAt(a, i + k))
        const q = toLower(byteAt(b, j + k))
        if (p != q) c = p < q ? -1 : 1
      }
      if (c == 0 && ie - i != je - j) c = ie - i < je - j ? -1 : 1
    }
    if (c != 0) return c
    i = ie + 1
    j = je + 1
  }
  return 0
}

// @ts-ignore: decorator
@inline function preRank(v: Spans): i32 {
  return v.pre != 0 ? v.pre : !v.post && v.dev ? 0 : 4
}

function cmpSpans(x: Spans, y: Spans): i32 {
  let c = cmpNum(x.p, x.epS, x.epE, y.p, y.epS, y.epE)
  if (c != 0) return c
  c = cmpRelease(x, y)
  if (c != 0) return c
  const rx = preRank(x)
  const ry = preRank(y)
  if (rx != ry) return rx < ry ? -1 : 1
  if (x.pre != 0) {
    c = cmpNum(x.p, x.preS, x.preE, y.p, y.preS, y.preE)
    if (c != 0) return c
  }
  if (x.post != y.post) return x.post ? 1 : -1
  if (x.post) {
    c = cmpNum(x.p, x.postS, x.postE, y.p, y.postS, y.postE)
    if (c != 0) return c
  }
  if (x.dev != y.dev) return x.dev ? -1 : 1
  if (x.dev) {
    c = cmpNum(x.p, x.devS, x.devE, y.p, y.devS, y.devE)
    if (c != 0) return c
  }
  return cmpLocal(x, y)
}

export function comparePep440(a: usize, al: i32, b: usize, bl: i32): i32 {
  if (!scan(a, al, SA)) return INVALID_A
  if (!scan(b, bl, SB)) return INVALID_B
  return cmpSpans(SA, SB)
}

export function validPep440(p: usize, len: i32): bool {
  return scan(p, len, SA)
}
