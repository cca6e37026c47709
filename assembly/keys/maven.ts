import { byteAt, isDigit, toLower } from '../schemes/bytes'
import { begin, put, putBytes, putNumber, lastByte, finish, kLen, truncateTo } from './writer'

// Mirrors packages/version/src/keys/maven.ts: only `N(.N)*[[.-]qualifier[[-]N]]` and
// `N(.N)*-N(.N)*`.

// @ts-ignore: decorator
@inline const NUM: i32 = 0x20
// @ts-ignore: decorator
@inline const RANK_BASE: i32 = 0x01
// @ts-ignore: decorator
@inline const RELEASE_RANK: i32 = 5
// @ts-ignore: decorator
@inline const UNKNOWN_RANK: i32 = 7

// ComparableVersion treats every character but digits, `.` and `-` as a letter.
// @ts-ignore: decorator
@inline function isLetter(c: i32): bool {
  return c > 32 && c < 127 && c != 46 && c != 45 && !isDigit(c)
}

// Lower-cased qualifier p[from, to) equals the ASCII word w.
function is(p: usize, from: i32, to: i32, w: string): bool {
  if (to - from != w.length) return false
  for (let k = 0; k < w.length; k++) if (toLower(byteAt(p, from + k)) != <i32>w.charCodeAt(k)) return false
  return true
}

function rank(p: usize, from: i32, to: i32, withNumber: bool): i32 {
  if (is(p, from, to, 'alpha') || (withNumber && is(p, from, to, 'a'))) return 0
  if (is(p, from, to, 'beta') || (withNumber && is(p, from, to, 'b'))) return 1
  if (is(p, from, to, 'milestone') || (withNumber && is(p, from, to, 'm'))) return 2
  if (is(p, from, to, 'rc') || is(p, from, to, 'cr')) return 3
  if (is(p, from, to, 'snapshot')) return 4
  if (is(p, from, to, 'ga') || is(p, from, to, 'final') || is(p, from, to, 'release')) return 5
  if (is(p, from, to, 'sp')) return 6
  return UNKNOWN_RANK
}

export function mavenKey(p: usize, len: i32, out: usize, cap: i32): i32 {
  begin(out, cap)
  if (len == 0 || len > 256) return -1
  let i = 0
  let kept = 0
  while (true) {
    const d = i
    while (i < len && isDigit(byteAt(p, i))) i++
    if (i == d) return -1
    put(NUM)
    if (!putNumber(p, d, i, 0, 255)) return -1
    if (lastByte() != 0) kept = kLen
    if (i + 1 < len && byteAt(p, i) == 46 && isDigit(byteAt(p, i + 1))) i++
    else break
  }
  if (i + 1 < len && byteAt(p, i) == 45 && isDigit(byteAt(p, i + 1))) {
    const top = kLen
    put(0x10)
    let inner = kLen
    i++
    while (true) {
      const d = i
      while (i < len && isDigit(byteAt(p, i))) i++
      if (i == d) return -1
      put(NUM)
      if (!putNumber(p, d, i, 0, 255)) return -1
      if (lastByte() != 0) inner = kLen
      if (i < len && byteAt(p, i) == 46) i++
      else break
    }
    if (i != len) return -1
    if (inner > top + 1) {
      truncateTo(inner)
      put(0x00)
      return finish(true)
    }
  }
  truncateTo(kept)
  if (i == len) {
    put(RANK_BASE + RELEASE_RANK)
    put(0)
    return finish(true)
  }
  if ((byteAt(p, i) == 46 || byteAt(p, i) == 45) && i + 1 < len && isLetter(byteAt(p, i + 1))) i++
  const q0 = i
  while (i < len && isLetter(byteAt(p, i))) i++
  const q1 = i
  if (q1 == q0) return -1
  let n0 = -1
  if (i + 1 < len && byteAt(p, i) == 45 && isDigit(byteAt(p, i + 1))) i++
  if (i < len) {
    n0 = i
    while (i < len && isDigit(byteAt(p, i))) i++
    if (i == n0 || i != len) return -1
  }
  const r = rank(p, q0, q1, n0 >= 0)
  put(RANK_BASE + r)
  if (r == RELEASE_RANK) {
    if (n0 < 0) put(0)
    else if (!putNumber(p, n0, len, 0, 255)) return -1
    return finish(true)
  }
  if (r == UNKNOWN_RANK) {
    for (let k = q0; k < q1; k++) put(toLower(byteAt(p, k)))
    put(0)
  }
  if (n0 < 0) {
    put(0)
  } else {
    put(1)
    if (!putNumber(p, n0, len, 0, 255)) return -1
  }
  return finish(true)
}
