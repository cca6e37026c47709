import { StowawayError } from '@stowaway/core'
import type { Comparator } from './comparator.ts'
import { testDnf } from './comparator.ts'
import type { VersionRange } from './version-range.ts'

const fail = (range: string, why: string): never => {
  throw new StowawayError('INVALID_RANGE', `Cannot parse range "${range}": ${why}`)
}

// One bracketed restriction, as Maven's VersionRange.parseRestriction reads it.
function restriction(range: string, spec: string): Comparator[] {
  const lowerInclusive = spec.startsWith('[')
  const upperInclusive = spec.endsWith(']')
  const inner = spec.slice(1, -1).trim()
  const comma = inner.indexOf(',')
  if (comma < 0) {
    if (!lowerInclusive || !upperInclusive) fail(range, `single version "${inner}" must be surrounded by []`)
    if (inner === '') fail(range, 'empty restriction "[]"')
    return [{ op: '=', version: inner }]
  }
  const lower = inner.slice(0, comma).trim()
  const upper = inner.slice(comma + 1).trim()
  if (upper.includes(',')) fail(range, `restriction "${spec}" has more than two bounds`)
  const all: Comparator[] = []
  if (lower !== '') all.push({ op: lowerInclusive ? '>=' : '>', version: lower })
  if (upper !== '') all.push({ op: upperInclusive ? '<=' : '<', version: upper })
  return all
}

/**
 * Parse a Maven version range (`VersionRange.createFromVersionSpec`): bracketed
 * restrictions `[1.0,2.0)`, `(,1.0]`, `[1.2]`, `[1.0,)`, `(1.0,2.0)`, unions such as
 * `(,1.0],[1.2,)`. A bare version such as `1.0` is Maven's soft requirement ("1.0 if
 * nothing else asks otherwise"); for membership it is taken as exactly `= 1.0`.
 * Maven's "ranges overlap" and "range defies version ordering" checks need an
 * ordering, so they are not made here: overlapping sets act as a union, and an
 * inverted range simply matches nothing.
 *
 * @param range the range spec
 * @returns the parsed range
 * @throws {StowawayError} `INVALID_RANGE` for an unclosed bracket, a single version
 *   not in `[]`, three bounds, or a bare version mixed with bracketed sets
 * @example
 * ```ts
 * import { satisfies } from '@stowaway/version'
 * satisfies('Maven', '1.5', '[1.0,2.0)') // true
 * satisfies('Maven', '2.0', '(,1.0],[1.2,2.0)') // false
 * ```
 */
export function parseMavenRange(range: string): VersionRange {
  let rest = range.trim()
  if (rest === '') fail(range, 'empty range')
  const anyOf: Comparator[][] = []
  while (rest.startsWith('[') || rest.startsWith('(')) {
    const close1 = rest.indexOf(')')
    const close2 = rest.indexOf(']')
    let close = close2
    if (close2 < 0 || (close1 >= 0 && close1 < close2)) close = close1
    if (close < 0) fail(range, 'unbounded range (missing "]" or ")")')
    anyOf.push(restriction(range, rest.slice(0, close + 1)))
    rest = rest.slice(close + 1).trim()
    if (rest.startsWith(',')) rest = rest.slice(1).trim()
  }
  if (rest !== '') {
    if (anyOf.length > 0) fail(range, 'only fully-qualified sets are allowed in a multiple set')
    if (/[[\](),]/.test(rest)) fail(range, `"${rest}" is neither a version nor a bracketed set`)
    anyOf.push([{ op: '=', version: rest }])
  }
  return { source: range, test: (v, cmp) => testDnf(anyOf, v, cmp) }
}
