import { StowawayError } from '@stowaway/core'
import { comparePubVersions, parsePub } from '../reference/pub.ts'
import type { PubVersion } from '../reference/pub.ts'
import type { BoundCompare, VersionRange } from './version-range.ts'

// Dart's String.trim(): Unicode White_Space plus the BOM.
const isDartSpace = (c: number) =>
  c === 32 || (c >= 9 && c <= 13) || c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff

function trimStart(s: string, i: number): number {
  while (i < s.length && isDartSpace(s.charCodeAt(i))) i++
  return i
}

const isDigit = (c: number) => c >= 48 && c <= 57
const isIdent = (c: number) => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45

// `[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*` as a greedy prefix from i: the end, or i.
function idents(s: string, i: number): number {
  let end = i
  let k = i
  for (;;) {
    const start = k
    while (k < s.length && isIdent(s.charCodeAt(k))) k++
    if (k === start) return end
    end = k
    if (s.charCodeAt(k) !== 46) return end
    k++
  }
}

function digits(s: string, i: number): number {
  let k = i
  while (k < s.length && isDigit(s.charCodeAt(k))) k++
  return k === i ? -1 : k
}

// pub_semver's `startVersion` regex as a prefix match at i: the end, or -1.
function versionPrefix(s: string, i: number): number {
  const a = digits(s, i)
  if (a < 0 || s.charCodeAt(a) !== 46) return -1
  const b = digits(s, a + 1)
  if (b < 0 || s.charCodeAt(b) !== 46) return -1
  let end = digits(s, b + 1)
  if (end < 0) return -1
  if (s.charCodeAt(end) === 45) {
    const e = idents(s, end + 1)
    if (e > end + 1) end = e
  }
  if (s.charCodeAt(end) === 43) {
    const e = idents(s, end + 1)
    if (e > end + 1) end = e
  }
  return end
}

interface Bound {
  text: string
  v: PubVersion
}

const invalid = (range: string, why: string) => new StowawayError('INVALID_RANGE', `Cannot parse range "${range}": ${why}`)

/** `M.m.p-0`, the lowest prerelease of a version's numbers. */
const firstPreRelease = (v: PubVersion) => `${v.major}.${v.minor}.${v.patch}-0`

/**
 * Parse a Dart pub version constraint as pub_semver's `VersionConstraint.parse`: `any`,
 * `^1.2.3` (compatible: up to the next breaking version, `^0.7.2` stays below `0.8.0`),
 * or a list of versions and comparisons (`>=1.0.0 <2.0.0`, `<=5.1.4`, `1.2.3`) that all
 * hold. As in pub, an exclusive maximum that is a plain release also excludes its
 * prereleases (`<2.0.0` excludes `2.0.0-dev`) unless the minimum is a prerelease of the
 * same version; contradictory bounds give a range that matches nothing.
 *
 * @param range the constraint
 * @returns the parsed range
 * @throws {StowawayError} `INVALID_RANGE` where `VersionConstraint.parse` throws
 * @example
 * ```ts
 * import { parsePubRange, referenceBackend, Scheme } from '@stowaway/version'
 * parsePubRange('^1.2.3').test('1.9.0', (a, b) => referenceBackend.compare(Scheme.Pub, a, b)) // true
 * ```
 */
export function parsePubRange(range: string): VersionRange {
  let i = trimStart(range, 0)
  let end = range.length
  while (end > i && isDartSpace(range.charCodeAt(end - 1))) end--
  const s = range.slice(0, end)
  if (s.slice(i) === 'any') return { source: range, test: (v, cmp) => cmp(v, v) === 0 }

  const version = (): Bound | undefined => {
    const e = versionPrefix(s, i)
    if (e < 0) return undefined
    const text = s.slice(i, e)
    const v = parsePub(text)
    if (!v) throw invalid(range, `"${text}" is not a valid version`)
    i = e
    return { text, v }
  }

  let min: Bound | undefined
  let max: Bound | undefined
  let includeMin = false
  let includeMax = false
  if (s.charCodeAt(i) === 94) {
    i = trimStart(s, i + 1)
    const v = version()
    if (!v) throw invalid(range, 'expected a version after "^"')
    if (i !== s.length) throw invalid(range, 'cannot combine "^" with other constraints')
    const next = v.v.major === 0n ? `0.${v.v.minor + 1n}.0-0` : `${v.v.major + 1n}.0.0-0`
    min = v
    includeMin = true
    max = { text: next, v: parsePub(next)! }
  } else {
    for (;;) {
      i = trimStart(s, i)
      if (i >= s.length) break
      let lo: Bound | undefined
      let hi: Bound | undefined
      let loIncl = true
      let hiIncl = true
      const v = version()
      if (v) {
        lo = v
        hi = v
      } else {
        const c = s.charCodeAt(i)
        if (c !== 60 && c !== 62) throw invalid(range, `unknown text at "${s.slice(i)}"`)
        const orEqual = s.charCodeAt(i + 1) === 61
        i = trimStart(s, i + (orEqual ? 2 : 1))
        const w = version()
        if (!w) throw invalid(range, `expected a version after "${c === 60 ? '<' : '>'}${orEqual ? '=' : ''}"`)
        if (c === 60) {
          hi = w
          hiIncl = orEqual
        } else {
          lo = w
          loIncl = orEqual
        }
      }
      if (lo) {
        const r = min ? comparePubVersions(lo.v, min.v) : 1
        if (r > 0) {
          min = lo
          includeMin = loIncl
        } else if (r === 0 && !loIncl) includeMin = false
      }
      if (hi) {
        const r = max ? comparePubVersions(hi.v, max.v) : -1
        if (r < 0) {
          max = hi
          includeMax = hiIncl
        } else if (r === 0 && !hiIncl) includeMax = false
      }
    }
    if (!min && !max) throw invalid(range, 'empty constraint')
    if (min && max) {
      const r = comparePubVersions(min.v, max.v)
      if (r > 0 || (r === 0 && !(includeMin && includeMax))) return { source: range, test: () => false }
    }
    if (max && !includeMax && !max.v.pre && !max.v.build) {
      const sameRelease = min?.v.pre && min.v.major === max.v.major && min.v.minor === max.v.minor && min.v.patch === max.v.patch
      if (!sameRelease) max = { text: firstPreRelease(max.v), v: parsePub(firstPreRelease(max.v))! }
    }
  }

  const lo = min
  const hi = max
  return {
    source: range,
    test(version: string, cmp: BoundCompare): boolean {
      if (lo) {
        const r = cmp(version, lo.text)
        if (r === 2 || r === 3 || r < 0 || (r === 0 && !includeMin)) return false
      }
      if (hi) {
        const r = cmp(version, hi.text)
        if (r === 2 || r === 3 || r > 0 || (r === 0 && !includeMax)) return false
      }
      return lo !== undefined || hi !== undefined || cmp(version, version) === 0
    },
  }
}
