import type { CompareCode } from '../result.ts'
import type { SchemeImpl } from './scheme-impl.ts'

const isDigit = (c: number) => c >= 48 && c <= 57
const isIdent = (c: number) => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45

/** Offsets of the parts of a parsed version; a missing minor/patch has start === -1 (reads as 0). */
export interface GoParts {
  maj0: number
  maj1: number
  min0: number
  min1: number
  pat0: number
  pat1: number
  /** Prerelease including its leading `-`: `[pre0, pre1)`, empty when pre0 === pre1. */
  pre0: number
  pre1: number
}

// A numeric part: digits, no leading zero unless it is "0". Returns the end or -1.
function parseNum(s: string, i: number): number {
  if (i >= s.length || !isDigit(s.charCodeAt(i))) return -1
  let j = i + 1
  while (j < s.length && isDigit(s.charCodeAt(j))) j++
  if (s.charCodeAt(i) === 48 && j !== i + 1) return -1
  return j
}

// Dot-separated non-empty identifiers of [0-9A-Za-z-] from i to a stop char or the end.
// Returns the end or -1. `numeric` forbids leading zeros in all-digit identifiers.
function parseIdents(s: string, i: number, stopAtPlus: boolean, numeric: boolean): number {
  let start = i
  let j = i
  const badNum = (a: number, b: number) => {
    if (!numeric || b - a < 2 || s.charCodeAt(a) !== 48) return false
    for (let k = a; k < b; k++) if (!isDigit(s.charCodeAt(k))) return false
    return true
  }
  for (; j < s.length; j++) {
    const c = s.charCodeAt(j)
    if (stopAtPlus && c === 43) break
    if (c === 46) {
      if (start === j || badNum(start, j)) return -1
      start = j + 1
    } else if (!isIdent(c)) {
      return -1
    }
  }
  if (start === j || badNum(start, j)) return -1
  return j
}

/**
 * golang.org/x/mod/semver's parse, with the leading `v` optional. Exported for the
 * sort-key encoder (keys/go.ts).
 *
 * @param s the version
 * @returns the part offsets, or undefined for an invalid version
 * @example
 * ```ts
 * parseGo('v1.2') // { maj0: 1, maj1: 2, min0: 3, min1: 4, pat0: -1, pat1: -1, pre0: 4, pre1: 4 }
 * ```
 */
export function parseGo(s: string): GoParts | undefined {
  const i = s.charCodeAt(0) === 118 ? 1 : 0
  const p: GoParts = { maj0: i, maj1: 0, min0: -1, min1: -1, pat0: -1, pat1: -1, pre0: 0, pre1: 0 }
  let j = parseNum(s, i)
  if (j < 0) return undefined
  p.maj1 = j
  p.pre0 = p.pre1 = j
  if (j === s.length) return p
  if (s.charCodeAt(j) !== 46) return undefined
  const k = parseNum(s, j + 1)
  if (k < 0) return undefined
  p.min0 = j + 1
  p.min1 = k
  p.pre0 = p.pre1 = k
  if (k === s.length) return p
  if (s.charCodeAt(k) !== 46) return undefined
  j = parseNum(s, k + 1)
  if (j < 0) return undefined
  p.pat0 = k + 1
  p.pat1 = j
  p.pre0 = p.pre1 = j
  if (s.charCodeAt(j) === 45) {
    const e = parseIdents(s, j + 1, true, true)
    if (e < 0) return undefined
    p.pre1 = e
    j = e
  }
  if (s.charCodeAt(j) === 43) {
    j = parseIdents(s, j + 1, false, false)
    if (j < 0) return undefined
  }
  return j === s.length ? p : undefined
}

// Numbers without leading zeros: longer is larger, else digit order. A missing part is "0".
function cmpNum(a: string, a0: number, a1: number, b: string, b0: number, b1: number): number {
  if (a0 < 0) {
    a = '0'
    a0 = 0
    a1 = 1
  }
  if (b0 < 0) {
    b = '0'
    b0 = 0
    b1 = 1
  }
  if (a1 - a0 !== b1 - b0) return a1 - a0 < b1 - b0 ? -1 : 1
  for (let k = 0; k < a1 - a0; k++) {
    const d = a.charCodeAt(a0 + k) - b.charCodeAt(b0 + k)
    if (d !== 0) return d < 0 ? -1 : 1
  }
  return 0
}

function allDigits(s: string, i: number, j: number): boolean {
  for (let k = i; k < j; k++) if (!isDigit(s.charCodeAt(k))) return false
  return true
}

// SemVer prerelease precedence over `-a.b.c` spans (empty = release, which is higher).
function cmpPre(a: string, a0: number, a1: number, b: string, b0: number, b1: number): number {
  if (a0 === a1 || b0 === b1) return a0 === a1 ? (b0 === b1 ? 0 : 1) : -1
  let i = a0 + 1
  let j = b0 + 1
  for (;;) {
    let ie = i
    while (ie < a1 && a.charCodeAt(ie) !== 46) ie++
    let je = j
    while (je < b1 && b.charCodeAt(je) !== 46) je++
    const na = allDigits(a, i, ie)
    const nb = allDigits(b, j, je)
    if (na !== nb) return na ? -1 : 1
    let r = 0
    if (na && ie - i !== je - j) r = ie - i < je - j ? -1 : 1
    for (let k = 0; r === 0 && k < Math.min(ie - i, je - j); k++) {
      const d = a.charCodeAt(i + k) - b.charCodeAt(j + k)
      if (d !== 0) r = d < 0 ? -1 : 1
    }
    if (r === 0 && ie - i !== je - j) r = ie - i < je - j ? -1 : 1
    if (r !== 0) return r
    if (ie >= a1 || je >= b1) return ie >= a1 ? (je >= b1 ? 0 : -1) : 1
    i = ie + 1
    j = je + 1
  }
}

/**
 * Go module versions as golang.org/x/mod/semver orders them: `vMAJOR[.MINOR[.PATCH]]`
 * (`v1`, `v1.2` are shorthands for `.0`), SemVer prerelease precedence (so pseudo-versions
 * `v0.0.0-20191109021931-daa7c04131f5` order as prereleases), build metadata such as
 * `+incompatible` ignored. OSV Go records omit the `v`: a missing `v` is treated as
 * present. Invalid (what `semver.IsValid` rejects after that) compares as 2/3, where
 * x/mod would sort it below every valid version.
 */
export const go: SchemeImpl = {
  compare(a, b): CompareCode {
    const x = parseGo(a)
    if (!x) return 2
    const y = parseGo(b)
    if (!y) return 3
    const r =
      cmpNum(a, x.maj0, x.maj1, b, y.maj0, y.maj1) ||
      cmpNum(a, x.min0, x.min1, b, y.min0, y.min1) ||
      cmpNum(a, x.pat0, x.pat1, b, y.pat0, y.pat1) ||
      cmpPre(a, x.pre0, x.pre1, b, y.pre0, y.pre1)
    return r as CompareCode
  },
  valid(v) {
    return parseGo(v) !== undefined
  },
}
