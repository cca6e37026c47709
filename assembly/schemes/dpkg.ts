import { byteAt, isDigit, isAlpha, sign } from './bytes'
import { INVALID_A, INVALID_B } from './ids'

// Parsed EVR as byte offsets into the caller's buffer, so nothing is copied.
// Exported with parse() for the sort-key encoder (assembly/keys/dpkg.ts).
export class Evr {
  epoch: i64 = 0
  up: usize = 0
  upLen: i32 = 0
  rev: usize = 0
  revLen: i32 = 0
  warn: bool = false
}

const EA = new Evr()
const EB = new Evr()

// @ts-ignore: decorator
@inline function isBlank(c: i32): bool {
  return c == 32 || c == 9
}

// @ts-ignore: decorator
@inline function isSpace(c: i32): bool {
  return c == 32 || (c >= 9 && c <= 13)
}

// Mirrors dpkg parseversion(): false on an error-class problem.
export function parse(p: usize, len: i32, out: Evr): bool {
  let s = 0
  let e = len
  while (s < e && isBlank(byteAt(p, s))) s++
  while (e > s && isBlank(byteAt(p, e - 1))) e--
  if (s == e) return false
  for (let i = s; i < e; i++) if (isSpace(byteAt(p, i))) return false
  out.epoch = 0
  out.warn = false
  let colon = -1
  for (let i = s; i < e; i++) {
    if (byteAt(p, i) == 58) {
      colon = i
      break
    }
  }
  if (colon >= 0) {
    if (colon == s) return false
    let i = s
    let neg = false
    const c0 = byteAt(p, i)
    if (c0 == 43 || c0 == 45) {
      neg = c0 == 45
      i++
    }
    if (i == colon) return false
    let n: i64 = 0
    for (; i < colon; i++) {
      const c = byteAt(p, i)
      if (!isDigit(c)) return false
      n = n * 10 + <i64>(c - 48)
      if (n > 2147483647) return false
    }
    if (neg) return false
    out.epoch = n
    s = colon + 1
    if (s == e) return false
  }
  let hyphen = -1
  for (let i = e - 1; i >= s; i--) {
    if (byteAt(p, i) == 45) {
      hyphen = i
      break
    }
  }
  out.up = p + <usize>s
  if (hyphen >= 0) {
    out.upLen = hyphen - s
    out.rev = p + <usize>(hyphen + 1)
    out.revLen = e - hyphen - 1
    if (out.revLen == 0) return false
  } else {
    out.upLen = e - s
    out.rev = p
    out.revLen = 0
  }
  if (out.upLen == 0) return false
  let warn = !isDigit(byteAt(out.up, 0))
  for (let i = 0; i < out.upLen && !warn; i++) {
    const c = byteAt(out.up, i)
    if (!(isDigit(c) || isAlpha(c) || c == 46 || c == 45 || c == 43 || c == 126 || c == 58)) warn = true
  }
  for (let i = 0; i < out.revLen && !warn; i++) {
    const c = byteAt(out.rev, i)
    if (!(isDigit(c) || isAlpha(c) || c == 46 || c == 43 || c == 126)) warn = true
  }
  out.warn = warn
  return true
}

// @ts-ignore: decorator
@inline function order(p: usize, len: i32, i: i32): i32 {
  if (i >= len) return 0
  const c = byteAt(p, i)
  if (isDigit(c)) return 0
  if (isAlpha(c)) return c
  if (c == 126) return -1
  return c + 256
}

function verrevcmp(a: usize, al: i32, b: usize, bl: i32): i32 {
  let i = 0
  let j = 0
  while (i < al || j < bl) {
    let firstDiff = 0
    while ((i < al && !isDigit(byteAt(a, i))) || (j < bl && !isDigit(byteAt(b, j)))) {
      const ac = order(a, al, i)
      const bc = order(b, bl, j)
      if (ac != bc) return ac - bc
      i++
      j++
    }
    while (i < al && byteAt(a, i) == 48) i++
    while (j < bl && byteAt(b, j) == 48) j++
    while (i < al && j < bl && isDigit(byteAt(a, i)) && isDigit(byteAt(b, j))) {
      if (firstDiff == 0) firstDiff = byteAt(a, i) - byteAt(b, j)
      i++
      j++
    }
    if (i < al && isDigit(byteAt(a, i))) return 1
    if (j < bl && isDigit(byteAt(b, j))) return -1
    if (firstDiff != 0) return firstDiff
  }
  return 0
}

export function compareDpkg(a: usize, al: i32, b: usize, bl: i32): i32 {
  if (!parse(a, al, EA)) return INVALID_A
  if (!parse(b, bl, EB)) return INVALID_B
  if (EA.epoch != EB.epoch) return EA.epoch < EB.epoch ? -1 : 1
  const u = verrevcmp(EA.up, EA.upLen, EB.up, EB.upLen)
  if (u != 0) return sign(u)
  return sign(verrevcmp(EA.rev, EA.revLen, EB.rev, EB.revLen))
}

export function validDpkg(p: usize, len: i32): bool {
  return parse(p, len, EA) && !EA.warn
}
