import { KeyBuilder } from './key-builder.ts'

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
const RELEASE_RANK = 5
const UNKNOWN_RANK = 7
const MAX_LENGTH = 256

const RANKS = new Map<string, number>([
  ['alpha', 0], ['beta', 1], ['milestone', 2], ['rc', 3], ['cr', 3], ['snapshot', 4],
  ['ga', 5], ['final', 5], ['release', 5], ['sp', 6],
])

const isDigit = (c: number) => c >= 48 && c <= 57
// ComparableVersion treats every character but digits, `.` and `-` as a letter.
const isLetter = (c: number) => c > 32 && c < 127 && c !== 46 && c !== 45 && !isDigit(c)
const lower = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c)

const kb = new KeyBuilder()

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
  let i = 0
  let kept = 0
  for (;;) {
    const d = i
    while (i < len && isDigit(v.charCodeAt(i))) i++
    if (i === d) return undefined
    kb.push(NUM)
    if (!kb.pushNumber(v, d, i, 0, 255)) return undefined
    // Trailing zeros (and zeros before the qualifier) are dropped by Maven's normalize.
    if (kb.last() !== 0) kept = kb.length
    if (i + 1 < len && v.charCodeAt(i) === 46 && isDigit(v.charCodeAt(i + 1))) i++
    else break
  }
  // A number list after `-` (`1.0-1`) is a nested list: the zeros before it stay
  // (it starts with a number), its own trailing zeros go, and an all-zero one vanishes.
  if (i + 1 < len && v.charCodeAt(i) === 45 && isDigit(v.charCodeAt(i + 1))) {
    const top = kb.length
    kb.push(NUM_LIST)
    let inner = kb.length
    i++
    for (;;) {
      const d = i
      while (i < len && isDigit(v.charCodeAt(i))) i++
      if (i === d) return undefined
      kb.push(NUM)
      if (!kb.pushNumber(v, d, i, 0, 255)) return undefined
      if (kb.last() !== 0) inner = kb.length
      if (i < len && v.charCodeAt(i) === 46) i++
      else break
    }
    if (i !== len) return undefined
    if (inner > top + 1) {
      kb.truncate(inner)
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
  if (n0 >= 0 && q.length === 1) q = q === 'a' ? 'alpha' : q === 'b' ? 'beta' : q === 'm' ? 'milestone' : q
  const rank = RANKS.get(q) ?? UNKNOWN_RANK
  kb.push(RANK_BASE + rank)
  if (rank === RELEASE_RANK) {
    if (n0 < 0) kb.push(0)
    else if (!kb.pushNumber(v, n0, len, 0, 255)) return undefined
    return kb.take()
  }
  if (rank === UNKNOWN_RANK) {
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
