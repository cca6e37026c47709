import { StowawayError } from '@stowaway/core'
import { compareNuGetParts, dotnetTrim, parseNuGet } from '../reference/nuget.ts'
import type { BoundCompare, VersionRange } from './version-range.ts'

// String.IsNullOrWhiteSpace.
const blank = (s: string) => dotnetTrim(s).length === 0

function invalid(range: string, why: string): StowawayError {
  return new StowawayError('INVALID_RANGE', `Cannot parse range "${range}": ${why}`)
}

/**
 * The lowest version a floating version (`1.*`, `1.0.0-beta*`, `1.*-rc*`, `*-*`) stands
 * for, as NuGet's `FloatRange.TryParse` computes it; undefined when it is not a valid
 * float. Floating only steers which version NuGet picks; for membership it is a lower
 * bound, as in `VersionRange.Satisfies`.
 */
function floatMin(s: string): string | undefined {
  const first = s.indexOf('*')
  const last = s.lastIndexOf('*')
  if (s === '*') return '0.0'
  if (s === '*-*') return '0.0.0-0'
  let actual: string | undefined
  if (first !== last && last !== -1 && !s.includes('+')) {
    const dash = s.indexOf('-')
    if (dash !== -1 && last === s.length - 1 && first === dash - 1) {
      const stable = `${s.slice(0, dash - 1)}0`
      const prefix = s.slice(dash + 1, -1)
      const release = prefix.length === 0 || prefix.endsWith('.') ? `${prefix}0` : prefix
      actual = `${stable}-${release}`
    }
  } else if (last === s.length - 1 && !s.includes('+')) {
    actual = s.slice(0, -1)
    if (!s.includes('-')) actual += '0'
    else if (s.indexOf('-') === s.lastIndexOf('-')) {
      const prefix = actual.slice(s.lastIndexOf('-') + 1)
      if (prefix.length === 0 || actual.endsWith('.')) actual += '0'
      else if (actual.endsWith('-')) actual += '-'
    }
  } else actual = s
  return actual !== undefined && parseNuGet(actual) ? actual : undefined
}

/**
 * Parse a NuGet version range as `VersionRange.Parse` does: a bare version is a minimum
 * (`1.0` means ≥ 1.0), intervals use `[` `]` for inclusive and `(` `)` for exclusive
 * bounds (`[1.0,2.0)`, `(,1.0]`, `[1.0]`), a floating version (`1.*`, `1.0.0-beta*`,
 * `*`) is a minimum at its lowest match. Membership compares with NuGet's default
 * comparer, so metadata is ignored and prereleases are not special.
 *
 * @param range the range string
 * @returns the parsed range
 * @throws {StowawayError} `INVALID_RANGE` where `VersionRange.TryParse` fails (`(1.0)`,
 *   `(,)`, a bad bound, min above max, `(1.0,1.0]`)
 * @example
 * ```ts
 * import { parseNuGetRange, referenceBackend, Scheme } from '@stowaway/version'
 * parseNuGetRange('[1.0,2.0)').test('1.5', (a, b) => referenceBackend.compare(Scheme.NuGet, a, b)) // true
 * ```
 */
export function parseNuGetRange(range: string): VersionRange {
  const s = dotnetTrim(range)
  if (s.length === 0) throw invalid(range, 'empty range')
  let minIncl = true
  let maxIncl = false
  let minText: string | undefined
  let maxText: string | undefined
  let min: string | undefined
  let max: string | undefined
  if (s === '*') min = '0.0.0'
  else {
    if (s[0] === '(' || s[0] === '[') {
      minIncl = s[0] === '['
      const close = s[s.length - 1]
      if (close !== ']' && close !== ')') throw invalid(range, 'missing closing bracket')
      maxIncl = close === ']'
      const parts = s.slice(1, -1).split(',')
      if (parts.length > 2) throw invalid(range, 'more than two bounds')
      if (parts.every((p) => p.length === 0)) throw invalid(range, 'no bounds')
      if (parts.length === 1 && !(minIncl && maxIncl)) throw invalid(range, 'a single version needs [ and ]')
      minText = parts[0]
      maxText = parts.length === 2 ? parts[1] : parts[0]
    } else minText = s
    if (minText !== undefined && !blank(minText)) {
      if (minText.includes('*')) {
        min = floatMin(minText)
        if (min === undefined) throw invalid(range, `invalid floating version "${minText}"`)
      } else {
        if (!parseNuGet(minText)) throw invalid(range, `invalid version "${minText}"`)
        min = minText
      }
    }
    if (maxText !== undefined && !blank(maxText)) {
      if (!parseNuGet(maxText)) throw invalid(range, `invalid version "${maxText}"`)
      max = maxText
    }
    if (min !== undefined && max !== undefined) {
      const r = compareNuGetParts(parseNuGet(min)!, parseNuGet(max)!)
      if (r > 0) throw invalid(range, 'minimum above maximum')
      if (r === 0 && minIncl !== maxIncl) throw invalid(range, 'empty interval')
    }
  }
  return {
    source: range,
    test(version: string, cmp: BoundCompare): boolean {
      if (min !== undefined) {
        const r = cmp(version, min)
        if (r === 2 || r === 3 || (minIncl ? r < 0 : r <= 0)) return false
      }
      if (max !== undefined) {
        const r = cmp(version, max)
        if (r === 2 || r === 3 || (maxIncl ? r > 0 : r >= 0)) return false
      }
      if (min === undefined && max === undefined) return cmp(version, version) === 0
      return true
    },
  }
}
