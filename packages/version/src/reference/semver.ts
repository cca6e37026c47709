import type { CompareCode } from '../result.ts'
import type { SchemeImpl } from './scheme-impl.ts'

// node-semver's MAX_LENGTH: longer inputs are rejected before parsing.
const SEMVER_MAX_LENGTH = 256

/**
 * A strictly parsed SemVer 2.0 version: offsets into the trimmed string, so nothing
 * is copied. `preStart` is -1 when there is no prerelease.
 */
export interface SemverParts {
  s: string
  major: number
  majorEnd: number
  minor: number
  minorEnd: number
  patch: number
  patchEnd: number
  preStart: number
  preEnd: number
}

const isDigit = (c: number) => c >= 48 && c <= 57
const isIdent = (c: number) => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45

// 2^53 - 1 (Number.MAX_SAFE_INTEGER), as a digit string for exact comparison.
const MAX_SAFE = '9007199254740991'

/** Compare two digit runs without leading zeros: by length, then lexically. */
function cmpDigits(s: string, a: number, ae: number, t: string, b: number, be: number): number {
  const la = ae - a
  const lb = be - b
  if (la !== lb) return la < lb ? -1 : 1
  for (let i = 0; i < la; i++) {
    const d = s.charCodeAt(a + i) - t.charCodeAt(b + i)
    if (d !== 0) return d < 0 ? -1 : 1
  }
  return 0
}

// A numeric main component: `0` or `[1-9][0-9]*`, at most MAX_SAFE_INTEGER.
function numeric(s: string, i: number, end: number): number {
  const start = i
  if (i >= end || !isDigit(s.charCodeAt(i))) return -1
  if (s.charCodeAt(i) === 48) return i + 1
  while (i < end && isDigit(s.charCodeAt(i))) i++
  if (cmpDigits(s, start, i, MAX_SAFE, 0, MAX_SAFE.length) > 0) return -1
  return i
}

// Dot-separated identifiers of [0-9A-Za-z-]; with `strictNumeric`, all-digit ones must
// have no leading zero (prerelease rule; build identifiers may).
function identifiers(s: string, i: number, end: number, strictNumeric: boolean): number {
  for (;;) {
    const start = i
    let digits = true
    while (i < end && isIdent(s.charCodeAt(i))) {
      if (!isDigit(s.charCodeAt(i))) digits = false
      i++
    }
    if (i === start) return -1
    if (strictNumeric && digits && i - start > 1 && s.charCodeAt(start) === 48) return -1
    if (i < end && s.charCodeAt(i) === 46) {
      i++
      continue
    }
    return i
  }
}

/**
 * Parse like node-semver's `new SemVer(v)` in strict mode: length at most 256, trimmed,
 * an optional `v`, `MAJOR.MINOR.PATCH` without leading zeros and at most
 * `Number.MAX_SAFE_INTEGER`, optional `-prerelease` and `+build`.
 *
 * @param input the version string
 * @returns the parts, or undefined when node-semver's `valid()` would return null
 * @example
 * ```ts
 * parseSemver('v1.2.3-rc.1+b5')?.preStart // 7
 * ```
 */
export function parseSemver(input: string): SemverParts | undefined {
  if (input.length > SEMVER_MAX_LENGTH) return undefined
  const s = input.trim()
  const end = s.length
  let i = 0
  if (i < end && s.charCodeAt(i) === 118) i++
  const major = i
  const majorEnd = numeric(s, i, end)
  if (majorEnd < 0 || majorEnd >= end || s.charCodeAt(majorEnd) !== 46) return undefined
  const minor = majorEnd + 1
  const minorEnd = numeric(s, minor, end)
  if (minorEnd < 0 || minorEnd >= end || s.charCodeAt(minorEnd) !== 46) return undefined
  const patch = minorEnd + 1
  const patchEnd = numeric(s, patch, end)
  if (patchEnd < 0) return undefined
  i = patchEnd
  let preStart = -1
  let preEnd = -1
  if (i < end && s.charCodeAt(i) === 45) {
    preStart = i + 1
    preEnd = identifiers(s, preStart, end, true)
    if (preEnd < 0) return undefined
    i = preEnd
  }
  if (i < end && s.charCodeAt(i) === 43) {
    i = identifiers(s, i + 1, end, false)
    if (i < 0) return undefined
  }
  if (i !== end) return undefined
  return { s, major, majorEnd, minor, minorEnd, patch, patchEnd, preStart, preEnd }
}

function allDigits(s: string, a: number, e: number): boolean {
  for (let i = a; i < e; i++) if (!isDigit(s.charCodeAt(i))) return false
  return true
}

/** node-semver's `compareIdentifiers` for one prerelease identifier each. */
function compareIdent(s: string, a: number, ae: number, t: string, b: number, be: number): number {
  const an = allDigits(s, a, ae)
  const bn = allDigits(t, b, be)
  if (an && bn) {
    // Identifiers of 2^53 and more are compared exactly here; node-semver rounds them
    // through a double (see docs/versions.md).
    while (a < ae - 1 && s.charCodeAt(a) === 48) a++
    while (b < be - 1 && t.charCodeAt(b) === 48) b++
    return cmpDigits(s, a, ae, t, b, be)
  }
  if (an) return -1
  if (bn) return 1
  const la = ae - a
  const lb = be - b
  for (let i = 0; i < la && i < lb; i++) {
    const d = s.charCodeAt(a + i) - t.charCodeAt(b + i)
    if (d !== 0) return d < 0 ? -1 : 1
  }
  return la === lb ? 0 : la < lb ? -1 : 1
}

/**
 * SemVer 2.0 precedence as node-semver's `compare()`: main numbers, then a version
 * without prerelease above one with, then prerelease identifiers left to right
 * (numeric below alphanumeric, numeric by value, others by ASCII); build ignored.
 *
 * @param x parsed left version
 * @param y parsed right version
 * @returns -1, 0 or 1
 * @example
 * ```ts
 * compareSemverParts(parseSemver('1.0.0-rc.1')!, parseSemver('1.0.0')!) // -1
 * ```
 */
export function compareSemverParts(x: SemverParts, y: SemverParts): -1 | 0 | 1 {
  const s = x.s
  const t = y.s
  let r = cmpDigits(s, x.major, x.majorEnd, t, y.major, y.majorEnd)
  if (r === 0) r = cmpDigits(s, x.minor, x.minorEnd, t, y.minor, y.minorEnd)
  if (r === 0) r = cmpDigits(s, x.patch, x.patchEnd, t, y.patch, y.patchEnd)
  if (r !== 0) return r < 0 ? -1 : 1
  if (x.preStart < 0) return y.preStart < 0 ? 0 : 1
  if (y.preStart < 0) return -1
  let i = x.preStart
  let j = y.preStart
  for (;;) {
    if (i >= x.preEnd) return j >= y.preEnd ? 0 : -1
    if (j >= y.preEnd) return 1
    let ie = i
    while (ie < x.preEnd && s.charCodeAt(ie) !== 46) ie++
    let je = j
    while (je < y.preEnd && t.charCodeAt(je) !== 46) je++
    const c = compareIdent(s, i, ie, t, j, je)
    if (c !== 0) return c < 0 ? -1 : 1
    i = ie + 1
    j = je + 1
  }
}

/**
 * SemVer 2.0 as node-semver orders it (npm, crates.io, Hex, SwiftURL, Bitnami and OSV
 * `SEMVER` ranges). Strict parsing: a version is valid exactly when node-semver's
 * `valid(v)` is not null (surrounding whitespace and one leading `v` allowed); compare
 * returns 2/3 where node-semver's `compare()` would throw.
 */
export const semver: SchemeImpl = {
  compare(a, b): CompareCode {
    const x = parseSemver(a)
    if (!x) return 2
    const y = parseSemver(b)
    if (!y) return 3
    return compareSemverParts(x, y)
  },
  valid(v) {
    return parseSemver(v) !== undefined
  },
}
