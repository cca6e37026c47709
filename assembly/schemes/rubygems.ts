import { byteAt, isDigit, isAlnum } from './bytes'
import { INVALID_A, INVALID_B } from './ids'

// Mirror of packages/version/src/reference/rubygems.ts, reading the bytes in place.

export const NUM: i32 = 1
export const STR: i32 = 2
// The `pre` segment Gem::Version substitutes for each `-`.
export const PRE: i32 = 3
export const END: i32 = 0

// @ts-ignore: decorator
@inline function isSpace(c: i32): bool {
  return c == 32 || (c >= 9 && c <= 13)
}

// Walks the canonical segments of one version: the numeric prefix loses its
// trailing zeros (as Gem::Version#canonical_segments does); trailing zeros at the
// very end need no special care because the comparison pads with zeros. Exported with
// bounds() for the sort-key encoder (assembly/keys/rubygems.ts), which walks raw().
export class Walker {
  p: usize = 0
  i: i32 = 0
  end: i32 = 0
  inPrefix: bool = true
  // Known end of a zero run inside the numeric prefix that is followed by a
  // non-zero number, so later zeros of the same run skip the look-ahead.
  keepUntil: i32 = -1
  kind: i32 = END
  a: i32 = 0
  b: i32 = 0

  reset(p: usize, i: i32, end: i32): void {
    this.p = p
    this.i = i
    this.end = end
    this.inPrefix = true
    this.keepUntil = -1
  }

  // Next raw segment from position i: sets kind/a/b, returns kind.
  raw(): i32 {
    const p = this.p
    while (this.i < this.end && !isAlnum(byteAt(p, this.i))) {
      if (byteAt(p, this.i) == 45) {
        this.i++
        this.kind = PRE
        return PRE
      }
      this.i++
    }
    if (this.i >= this.end) {
      this.kind = END
      return END
    }
    const st = this.i
    const digit = isDigit(byteAt(p, st))
    while (this.i < this.end && isAlnum(byteAt(p, this.i)) && isDigit(byteAt(p, this.i)) == digit) this.i++
    this.a = st
    this.b = this.i
    this.kind = digit ? NUM : STR
    return this.kind
  }

  isZero(): bool {
    for (let k = this.a; k < this.b; k++) if (byteAt(this.p, k) != 48) return false
    return true
  }

  next(): i32 {
    const k = this.raw()
    if (k != NUM) {
      this.inPrefix = false
      return k
    }
    if (!this.inPrefix || !this.isZero() || this.a < this.keepUntil) return k
    // A zero in the numeric prefix: drop it and the zeros after it when only zeros
    // remain before the first string segment or the end.
    const si = this.i
    const sa = this.a
    const sb = this.b
    while (true) {
      const n = this.raw()
      if (n == NUM && this.isZero()) continue
      if (n == NUM) {
        this.keepUntil = this.a
        this.i = si
        this.a = sa
        this.b = sb
        this.kind = NUM
        return NUM
      }
      this.inPrefix = false
      return n
    }
    return END
  }
}

const WA = new Walker()
const WB = new Walker()

// Returns the stripped bounds through S_LO/S_HI, or false when invalid.
export let S_LO: i32 = 0
export let S_HI: i32 = 0

export function bounds(p: usize, len: i32): bool {
  let i = 0
  let end = len
  while (i < end && isSpace(byteAt(p, i))) i++
  while (end > i && isSpace(byteAt(p, end - 1))) end--
  S_LO = i
  S_HI = end
  if (i == end) return true
  if (!isDigit(byteAt(p, i))) return false
  while (i < end && isDigit(byteAt(p, i))) i++
  while (i < end && byteAt(p, i) == 46) {
    const st = ++i
    while (i < end && isAlnum(byteAt(p, i))) i++
    if (i == st) return false
  }
  if (i < end && byteAt(p, i) == 45) {
    while (true) {
      const st = ++i
      while (i < end && (isAlnum(byteAt(p, i)) || byteAt(p, i) == 45)) i++
      if (i == st) return false
      if (i < end && byteAt(p, i) == 46) continue
      break
    }
  }
  return i == end
}

// @ts-ignore: decorator
@inline function strByte(w: Walker, k: i32): i32 {
  return w.kind == PRE ? <i32>'pre'.charCodeAt(k) : byteAt(w.p, w.a + k)
}

// @ts-ignore: decorator
@inline function strLen(w: Walker): i32 {
  return w.kind == PRE ? 3 : w.b - w.a
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

function cmpSeg(x: Walker, y: Walker): i32 {
  const xn = x.kind == NUM || x.kind == END
  const yn = y.kind == NUM || y.kind == END
  if (xn && yn) {
    // END reads as 0: an empty digit run.
    const xa = x.kind == END ? 0 : x.a
    const xb = x.kind == END ? 0 : x.b
    const ya = y.kind == END ? 0 : y.a
    const yb = y.kind == END ? 0 : y.b
    return cmpNum(x.p, xa, xb, y.p, ya, yb)
  }
  if (xn != yn) return xn ? 1 : -1
  const xl = strLen(x)
  const yl = strLen(y)
  const n = min(xl, yl)
  for (let k = 0; k < n; k++) {
    const c = strByte(x, k)
    const d = strByte(y, k)
    if (c != d) return c < d ? -1 : 1
  }
  return xl == yl ? 0 : xl < yl ? -1 : 1
}

export function compareRubyGems(a: usize, al: i32, b: usize, bl: i32): i32 {
  if (!bounds(a, al)) return INVALID_A
  WA.reset(a, S_LO, S_HI)
  if (!bounds(b, bl)) return INVALID_B
  WB.reset(b, S_LO, S_HI)
  while (true) {
    const x = WA.next()
    const y = WB.next()
    if (x == END && y == END) return 0
    const c = cmpSeg(WA, WB)
    if (c != 0) return c
  }
  return 0
}

export function validRubyGems(p: usize, len: i32): bool {
  return bounds(p, len)
}
