import { byteAt, isDigit, toLower } from '../schemes/bytes'
import { Side, qualRank, RANK_RELEASE, RANK_UNKNOWN } from '../schemes/maven'
import { begin, put, putNumber, lastByte, finish, kLen, truncateTo } from './writer'

// Mirrors packages/version/src/keys/maven.ts: only `N(.N)*[[.-]qualifier[[-]N]]` and
// `N(.N)*-N(.N)*`.

// @ts-ignore: decorator
@inline const NUM: i32 = 0x20
// @ts-ignore: decorator
@inline const NUM_LIST: i32 = 0x10
// @ts-ignore: decorator
@inline const LIST_END: i32 = 0x00
// @ts-ignore: decorator
@inline const RANK_BASE: i32 = 0x01

// The ASCII version as the scheme's parser sees it, for qualRank().
const KS = new Side()

// ComparableVersion treats every character but digits, `.` and `-` as a letter.
// @ts-ignore: decorator
@inline function isLetter(c: i32): bool {
  return c > 32 && c < 127 && c != 46 && c != 45 && !isDigit(c)
}

// Key length after the last non-zero number putNumbers() wrote (its second result).
let listKept: i32 = 0

// Writes the `.`-joined numbers at i as NUM items and returns the index after them, or
// -1 (no digits where a number must stand, or a number too long). With `dotBeforeDigit`
// only a `.` followed by a digit continues the list (a qualifier may follow).
function putNumbers(p: usize, i: i32, len: i32, kept: i32, dotBeforeDigit: bool): i32 {
  listKept = kept
  while (true) {
    const d = i
    while (i < len && isDigit(byteAt(p, i))) i++
    if (i == d) return -1
    put(NUM)
    if (!putNumber(p, d, i, 0, 255)) return -1
    if (lastByte() != 0) listKept = kLen
    if (i < len && byteAt(p, i) == 46 && (!dotBeforeDigit || (i + 1 < len && isDigit(byteAt(p, i + 1))))) i++
    else return i
  }
}

export function mavenKey(p: usize, len: i32, out: usize, cap: i32): i32 {
  begin(out, cap)
  if (len == 0 || len > 256) return -1
  let i = putNumbers(p, 0, len, 0, true)
  if (i < 0) return -1
  const kept = listKept
  if (i + 1 < len && byteAt(p, i) == 45 && isDigit(byteAt(p, i + 1))) {
    const top = kLen
    put(NUM_LIST)
    i = putNumbers(p, i + 1, len, kLen, false)
    if (i != len) return -1
    if (listKept > top + 1) {
      truncateTo(listKept)
      put(LIST_END)
      return finish(true)
    }
  }
  truncateTo(kept)
  if (i == len) {
    put(RANK_BASE + RANK_RELEASE)
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
  KS.base = p
  KS.wide = false
  KS.len = len
  const r = qualRank(KS, q0, q1 - q0, n0 >= 0)
  put(RANK_BASE + r)
  if (r == RANK_RELEASE) {
    if (n0 < 0) put(0)
    else if (!putNumber(p, n0, len, 0, 255)) return -1
    return finish(true)
  }
  if (r == RANK_UNKNOWN) {
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
