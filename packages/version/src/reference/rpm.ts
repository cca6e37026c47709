import type { CompareCode } from '../result.ts'
import type { SchemeImpl } from './scheme-impl.ts'

const isDigit = (c: number) => c >= 48 && c <= 57
const isAlpha = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
const isAlnum = (c: number) => isDigit(c) || isAlpha(c)
const TILDE = 126
const CARET = 94

// rpm reads C strings: a position past the end reads as NUL (0).
const at = (s: string, i: number, end: number) => (i < end ? s.charCodeAt(i) : 0)

/**
 * rpm's segment comparison (`rpmvercmp`) over `a[as, ae)` and `b[bs, be)`: runs of
 * digits compare numerically, runs of ASCII letters by byte order, a digit run beats a
 * letter run, `~` sorts before anything (even the end), `^` after the end but before
 * anything else; every other character only separates runs.
 */
function vercmp(a: string, as: number, ae: number, b: string, bs: number, be: number): number {
  if (ae - as === be - bs) {
    let same = true
    for (let k = 0; k < ae - as && same; k++) same = a.charCodeAt(as + k) === b.charCodeAt(bs + k)
    if (same) return 0
  }
  let i = as
  let j = bs
  while (i < ae || j < be) {
    while (i < ae && !isAlnum(a.charCodeAt(i)) && a.charCodeAt(i) !== TILDE && a.charCodeAt(i) !== CARET) i++
    while (j < be && !isAlnum(b.charCodeAt(j)) && b.charCodeAt(j) !== TILDE && b.charCodeAt(j) !== CARET) j++
    const ca = at(a, i, ae)
    const cb = at(b, j, be)
    if (ca === TILDE || cb === TILDE) {
      if (ca !== TILDE) return 1
      if (cb !== TILDE) return -1
      i++
      j++
      continue
    }
    if (ca === CARET || cb === CARET) {
      if (i >= ae) return -1
      if (j >= be) return 1
      if (ca !== CARET) return 1
      if (cb !== CARET) return -1
      i++
      j++
      continue
    }
    if (i >= ae || j >= be) break
    let si = i
    let sj = j
    const num = isDigit(ca)
    if (num) {
      while (i < ae && isDigit(a.charCodeAt(i))) i++
      while (j < be && isDigit(b.charCodeAt(j))) j++
    } else {
      while (i < ae && isAlpha(a.charCodeAt(i))) i++
      while (j < be && isAlpha(b.charCodeAt(j))) j++
    }
    // The right side has a run of the other kind here: digits beat letters.
    if (sj === j) return num ? 1 : -1
    if (num) {
      while (si < i && a.charCodeAt(si) === 48) si++
      while (sj < j && b.charCodeAt(sj) === 48) sj++
      if (i - si !== j - sj) return i - si > j - sj ? 1 : -1
    }
    const n = Math.min(i - si, j - sj)
    for (let k = 0; k < n; k++) {
      const d = a.charCodeAt(si + k) - b.charCodeAt(sj + k)
      if (d !== 0) return d < 0 ? -1 : 1
    }
    if (i - si !== j - sj) return i - si > j - sj ? 1 : -1
  }
  if (i >= ae && j >= be) return 0
  return i >= ae ? -1 : 1
}

/** Offsets of the parts of an RPM EVR in its string. */
export interface Evr {
  /** Epoch digits `[e0, e1)`; e0 === e1 means "0". */
  e0: number
  e1: number
  v0: number
  v1: number
  /** Release `[r0, r1)`, or r0 === -1 when there is no `-`. */
  r0: number
  r1: number
}

/**
 * rpm's `parseEVR`: epoch = the leading digits when a `:` follows them; release = after
 * the last `-`. Exported for the sort-key encoder (keys/rpm.ts).
 *
 * @param s the EVR
 * @returns the part offsets
 * @example
 * ```ts
 * splitRpm('1:2.0-3') // { e0: 0, e1: 1, v0: 2, v1: 5, r0: 6, r1: 7 }
 * ```
 */
export function splitRpm(s: string): Evr {
  let k = 0
  while (k < s.length && isDigit(s.charCodeAt(k))) k++
  const dash = s.lastIndexOf('-')
  const hasEpoch = k < s.length && s.charCodeAt(k) === 58
  const v0 = hasEpoch ? k + 1 : 0
  const release = dash >= k
  return {
    e0: 0,
    e1: hasEpoch ? k : 0,
    v0,
    v1: release ? dash : s.length,
    r0: release ? dash + 1 : -1,
    r1: s.length,
  }
}

/**
 * rpm cannot take an empty EVR (rpm.vercmp raises "invalid version") nor a NUL inside one.
 *
 * @param s the EVR
 * @returns whether rpm can compare it
 * @example
 * ```ts
 * usableRpm('') // false
 * ```
 */
export const usableRpm = (s: string): boolean => s.length > 0 && s.indexOf('\0') < 0

function cmpEvr(a: string, b: string): number {
  const x = splitRpm(a)
  const y = splitRpm(b)
  // A missing or empty epoch is "0".
  const ea = x.e1 > x.e0 ? a : '0'
  const eb = y.e1 > y.e0 ? b : '0'
  const e = vercmp(ea, x.e0, x.e1 > x.e0 ? x.e1 : 1, eb, y.e0, y.e1 > y.e0 ? y.e1 : 1)
  if (e !== 0) return e
  const v = vercmp(a, x.v0, x.v1, b, y.v0, y.v1)
  if (v !== 0) return v
  if (x.r0 >= 0 && y.r0 >= 0) return vercmp(a, x.r0, x.r1, b, y.r0, y.r1)
  // rpm 4.18 `rpm.vercmp`: an EVR with a release is newer than the same one without.
  if (x.r0 >= 0) return 1
  if (y.r0 >= 0) return -1
  return 0
}

// What rpmbuild accepts in Version and Release (rpmCharCheck): ASCII letters, digits, `._+~^`, no `..`.
function wellFormedPart(s: string, from: number, to: number): boolean {
  if (to <= from) return false
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i)
    if (!(isAlnum(c) || c === 46 || c === 95 || c === 43 || c === TILDE || c === CARET)) return false
    if (c === 46 && i + 1 < to && s.charCodeAt(i + 1) === 46) return false
  }
  return true
}

/**
 * RPM EVR (`[epoch:]version[-release]`) as rpm 4.18's `rpm.vercmp` orders it: epoch,
 * version and release compared with `rpmvercmp`; a missing epoch is 0; when only one
 * side has a release it is the newer. Only an empty string (or one with a NUL) is
 * invalid for comparison; `valid` additionally demands what rpmbuild accepts: a numeric
 * epoch below 2^32, a non-empty version and release of `[A-Za-z0-9._+~^]` without `..`.
 */
export const rpm: SchemeImpl = {
  compare(a, b): CompareCode {
    if (!usableRpm(a)) return 2
    if (!usableRpm(b)) return 3
    const r = cmpEvr(a, b)
    return r < 0 ? -1 : r > 0 ? 1 : 0
  },
  valid(v) {
    if (!usableRpm(v)) return false
    const x = splitRpm(v)
    if (x.v0 > 0) {
      if (x.e1 === 0 || x.e1 > 10) return false
      if (Number(v.slice(0, x.e1)) > 4294967295) return false
    }
    if (!wellFormedPart(v, x.v0, x.v1)) return false
    return x.r0 < 0 || wellFormedPart(v, x.r0, x.r1)
  },
}
