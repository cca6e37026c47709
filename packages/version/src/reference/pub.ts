import type { CompareCode } from '../result.ts'
import type { SchemeImpl } from './scheme-impl.ts'

const isDigit = (c: number) => c >= 48 && c <= 57
const isIdent = (c: number) => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45

const I64_MAX = (1n << 63n) - 1n

/** A parsed pub version; prerelease and build parts are numbers or strings. */
export interface PubVersion {
  major: bigint
  minor: bigint
  patch: bigint
  pre: (bigint | string)[] | undefined
  build: (bigint | string)[] | undefined
}

/**
 * A part is a number when it is all ASCII digits and fits an int64 (current pub_semver:
 * `0xA` and `-1` stay strings, `01` equals `1`); anything else is a string.
 */
function partNumber(part: string): bigint | undefined {
  for (let k = 0; k < part.length; k++) if (!isDigit(part.charCodeAt(k))) return undefined
  return int64(part)
}

// A digit string as an int64, or undefined when it does not fit. Long strings are
// refused before BigInt sees them, so hostile input stays linear.
function int64(digits: string): bigint | undefined {
  let i = 0
  while (i < digits.length - 1 && digits.charCodeAt(i) === 48) i++
  if (digits.length - i > 19) return undefined
  const n = BigInt(digits.slice(i))
  return n > I64_MAX ? undefined : n
}

function parts(text: string): (bigint | string)[] {
  return text.split('.').map((p) => partNumber(p) ?? p)
}

// `[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*` from i; returns the end or -1.
function identifiers(s: string, i: number): number {
  for (;;) {
    const start = i
    while (i < s.length && isIdent(s.charCodeAt(i))) i++
    if (i === start) return -1
    if (i < s.length && s.charCodeAt(i) === 46) i++
    else return i
  }
}

function number(s: string, i: number): number {
  const start = i
  while (i < s.length && isDigit(s.charCodeAt(i))) i++
  return i === start ? -1 : i
}

/**
 * pub_semver's `Version.parse`: `\d+.\d+.\d+(-pre)?(+build)?`, numbers within int64.
 *
 * @param s the version string
 * @returns the parsed version, or undefined where `Version.parse` throws
 * @example
 * ```ts
 * parsePub('1.2.3-dev+01')?.build // [1n]
 * ```
 */
export function parsePub(s: string): PubVersion | undefined {
  const a = number(s, 0)
  if (a < 0 || s.charCodeAt(a) !== 46) return undefined
  const b = number(s, a + 1)
  if (b < 0 || s.charCodeAt(b) !== 46) return undefined
  const c = number(s, b + 1)
  if (c < 0) return undefined
  let i = c
  let pre: string | undefined
  let build: string | undefined
  if (s.charCodeAt(i) === 45) {
    const e = identifiers(s, i + 1)
    if (e < 0) return undefined
    pre = s.slice(i + 1, e)
    i = e
  }
  if (s.charCodeAt(i) === 43) {
    const e = identifiers(s, i + 1)
    if (e < 0) return undefined
    build = s.slice(i + 1, e)
    i = e
  }
  if (i !== s.length) return undefined
  const major = int64(s.slice(0, a))
  const minor = int64(s.slice(a + 1, b))
  const patch = int64(s.slice(b + 1, c))
  if (major === undefined || minor === undefined || patch === undefined) return undefined
  return { major, minor, patch, pre: pre === undefined ? undefined : parts(pre), build: build === undefined ? undefined : parts(build) }
}

const cmpBig = (a: bigint, b: bigint): -1 | 0 | 1 => (a < b ? -1 : a > b ? 1 : 0)

/** pub_semver's `_compareLists`: missing < present, numbers < strings, strings by code unit. */
function compareLists(a: (bigint | string)[], b: (bigint | string)[]): -1 | 0 | 1 {
  const n = Math.max(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a[i]
    const y = b[i]
    if (x === y) continue
    if (x === undefined) return -1
    if (y === undefined) return 1
    if (typeof x === 'bigint') return typeof y === 'bigint' ? cmpBig(x, y) : -1
    if (typeof y === 'bigint') return 1
    return x < y ? -1 : 1
  }
  return 0
}

/**
 * pub_semver's `Version.compareTo` on two parsed versions.
 *
 * @param x parsed left version
 * @param y parsed right version
 * @returns -1, 0 or 1
 * @example
 * ```ts
 * comparePubVersions(parsePub('1.0.0')!, parsePub('1.0.0+1')!) // -1
 * ```
 */
export function comparePubVersions(x: PubVersion, y: PubVersion): -1 | 0 | 1 {
  const m = cmpBig(x.major, y.major) || cmpBig(x.minor, y.minor) || cmpBig(x.patch, y.patch)
  if (m !== 0) return m
  if (!x.pre && y.pre) return 1
  if (x.pre && !y.pre) return -1
  const p = compareLists(x.pre ?? [], y.pre ?? [])
  if (p !== 0) return p
  if (!x.build && y.build) return -1
  if (x.build && !y.build) return 1
  return compareLists(x.build ?? [], y.build ?? [])
}

/**
 * Dart pub versions as pub_semver's `Version.compareTo` orders them. Unlike SemVer 2.0,
 * build metadata takes part: after an equal prerelease, no build sorts before any build,
 * and builds compare part by part like prereleases. All-digit parts compare
 * numerically (`01` = `1`) and before other parts. Invalid: anything `Version.parse`
 * rejects (no `v` prefix, exactly three numbers, numbers within int64).
 */
export const pub: SchemeImpl = {
  compare(a, b): CompareCode {
    const x = parsePub(a)
    if (!x) return 2
    const y = parsePub(b)
    if (!y) return 3
    return comparePubVersions(x, y)
  },
  valid(v) {
    return parsePub(v) !== undefined
  },
}
