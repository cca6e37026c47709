import { makeStr, rank, RELEASE_RANK, UNKNOWN_RANK } from '../reference/maven.ts'
import { KeyBuilder } from './key-builder.ts'
import { isDigit, lower } from './chars.ts'

// Only the common shapes are keyed: numbers joined by `.`, then optionally one
// qualifier (letters, an optional number, `-` or `.` or nothing before it) or one
// `-`-list of numbers: `1.2.3`, `1.2.3-SNAPSHOT`, `2.0.0.RC1`, `1.0-beta-2`,
// `5.3.20.Final`, `3.2.0-1`. ComparableVersion reads these as a list of numbers plus a
// nested list holding one qualifier or combination item, or numbers; deeper nesting
// (`1.0-alpha.1`, `1-1-jre`) has no key.
const NUM = 0x20
// A nested list of numbers: above every qualifier and the end, below a number.
const NUM_LIST = 0x10
const LIST_END = 0x00
// Qualifier ranks 0 … 7 map to 0x01 … 0x08; rank 5 ("", ga, final, release) is also
// what a missing item compares like, so the plain end of a version is RELEASE 0.
const RANK_BASE = 0x01
const MAX_LENGTH = 256

// ComparableVersion treats every character but digits, `.` and `-` as a letter.
const isLetter = (c: number) => c > 32 && c < 127 && c !== 46 && c !== 45 && !isDigit(c)

const kb = new KeyBuilder()

// Key length after the last non-zero number putNumbers() wrote (its second result).
let listKept = 0

/**
 * Writes the `.`-joined numbers at `i` as NUM items.
 *
 * @param v the version
 * @param i where the first number starts
 * @param kept the key length to report when every number is zero
 * @param dotBeforeDigit only a `.` followed by a digit continues the list (a qualifier may follow)
 * @returns the index after the numbers, or -1 (no digits where a number must stand, or a number too long)
 */
function putNumbers(v: string, i: number, kept: number, dotBeforeDigit: boolean): number {
  const len = v.length
  listKept = kept
  for (;;) {
    const d = i
    while (i < len && isDigit(v.charCodeAt(i))) i++
    if (i === d) return -1
    kb.push(NUM)
    if (!kb.pushNumber(v, d, i, 0, 255)) return -1
    if (kb.last() !== 0) listKept = kb.length
    if (i < len && v.charCodeAt(i) === 46 && (!dotBeforeDigit || (i + 1 < len && isDigit(v.charCodeAt(i + 1))))) i++
    else return i
  }
}

/**
 * Sort key of a Maven version (ComparableVersion order) of the common shapes
 * `N(.N)*[[.-]qualifier[[-]N]]` and `N(.N)*-N(.N)*`: the numbers without trailing
 * zeros (each above any qualifier and the end), then the qualifier by rank (unknown
 * ones by lower-cased text) and its number (none below any; for release-rank
 * qualifiers none = 0), or the nested number list. Undefined for every other shape.
 *
 * @param v the version
 * @returns the key, or undefined
 */
export function mavenKey(v: string): Uint8Array | undefined {
  const len = v.length
  if (len === 0 || len > MAX_LENGTH) return undefined
  kb.reset()
  let i = putNumbers(v, 0, 0, true)
  if (i < 0) return undefined
  // Trailing zeros (and zeros before the qualifier) are dropped by Maven's normalize.
  const kept = listKept
  // A number list after `-` (`1.0-1`) is a nested list: the zeros before it stay
  // (it starts with a number), its own trailing zeros go, and an all-zero one vanishes.
  if (i + 1 < len && v.charCodeAt(i) === 45 && isDigit(v.charCodeAt(i + 1))) {
    const top = kb.length
    kb.push(NUM_LIST)
    i = putNumbers(v, i + 1, kb.length, false)
    if (i !== len) return undefined
    if (listKept > top + 1) {
      kb.truncate(listKept)
      kb.push(LIST_END)
      return kb.take()
    }
  }
  kb.truncate(kept)
  if (i === len) {
    kb.push(RANK_BASE + RELEASE_RANK)
    kb.push(0)
    return kb.take()
  }
  if ((v.charCodeAt(i) === 46 || v.charCodeAt(i) === 45) && i + 1 < len && isLetter(v.charCodeAt(i + 1))) i++
  const q0 = i
  while (i < len && isLetter(v.charCodeAt(i))) i++
  const q1 = i
  if (q1 === q0) return undefined
  let n0 = -1
  if (i + 1 < len && v.charCodeAt(i) === 45 && isDigit(v.charCodeAt(i + 1))) i++
  if (i < len) {
    n0 = i
    while (i < len && isDigit(v.charCodeAt(i))) i++
    if (i === n0 || i !== len) return undefined
  }
  let q = ''
  for (let k = q0; k < q1; k++) q += String.fromCharCode(lower(v.charCodeAt(k)))
  const r = rank(makeStr(q, n0 >= 0).v)
  kb.push(RANK_BASE + r)
  if (r === RELEASE_RANK) {
    if (n0 < 0) kb.push(0)
    else if (!kb.pushNumber(v, n0, len, 0, 255)) return undefined
    return kb.take()
  }
  if (r === UNKNOWN_RANK) {
    kb.pushChars(q, 0, q.length)
    kb.push(0)
  }
  if (n0 < 0) {
    kb.push(0)
  } else {
    kb.push(1)
    if (!kb.pushNumber(v, n0, len, 0, 255)) return undefined
  }
  return kb.take()
}
