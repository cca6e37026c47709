import { StowawayError } from '@stowaway/core'
import { rubyGemsSegments } from '../reference/rubygems.ts'
import type { RangeParser, VersionRange } from './version-range.ts'

type Op = '=' | '!=' | '>' | '<' | '>=' | '<=' | '~>'

interface Requirement {
  op: Op
  version: string
  /** For `~>`: the exclusive upper bound, `Gem::Version#bump`. */
  bump: string
}

// Gem::Requirement::PATTERN with Ruby's ASCII `\s`; the version part is
// Gem::Version::VERSION_PATTERN. Applied to the item with its blanks already trimmed,
// so no two whitespace runs can compete for the same characters (quadratic backtracking).
const ITEM = /^(~>|>=|<=|!=|=|>|<)?[ \t\n\v\f\r]*([0-9]+(?:\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?)$/

const isBlank = (c: number) => c === 32 || (c >= 9 && c <= 13)

/** Strip Ruby `\s` from both ends without a regex. */
function strip(s: string): string {
  let i = 0
  let e = s.length
  while (i < e && isBlank(s.charCodeAt(i))) i++
  while (e > i && isBlank(s.charCodeAt(e - 1))) e--
  return s.slice(i, e)
}

/** Decimal string + 1, any length (Integer#succ). */
function inc(n: string): string {
  const d = n.split('')
  let i = d.length - 1
  while (i >= 0 && d[i] === '9') d[i--] = '0'
  if (i < 0) return '1' + d.join('')
  d[i] = String.fromCharCode(d[i]!.charCodeAt(0) + 1)
  return d.join('')
}

/** The numeric segments before the first string segment. */
function numericPrefix(v: string): string[] {
  const segs = rubyGemsSegments(v) ?? []
  const first = segs.findIndex((s) => !/^[0-9]+$/.test(s))
  return first < 0 ? segs : segs.slice(0, first)
}

/** `Gem::Version#bump`: drop the prerelease part and the last number, increment the new last. */
function bump(v: string): string {
  const segs = numericPrefix(v)
  if (segs.length > 1) segs.pop()
  segs[segs.length - 1] = inc(segs[segs.length - 1]!)
  return segs.join('.')
}

/** `Gem::Version#release`: a prerelease (a letter, or a `-` read as `.pre.`) loses everything from its first string segment. */
function release(v: string): string {
  return /[a-zA-Z-]/.test(v) ? numericPrefix(v).join('.') : v
}

/**
 * Parse a RubyGems requirement list as Gem::Requirement reads it: comma-separated
 * requirements that must all hold (the form ruby-advisory-db's `patched_versions`
 * entries take, e.g. `~> 5.2.4, >= 5.2.4.3`), each an optional operator (`=` when
 * absent) among `=`, `!=`, `>`, `<`, `>=`, `<=`, `~>` and a version. `~> X` is
 * `>= X` and below `X.bump` (`~> 2.2` → `< 3`, `~> 2.2.0` → `< 2.3`, `~> 2` → `< 3`),
 * with a prerelease candidate compared through its release (`3.0.a` is outside
 * `~> 2.2`, because its release `3.0` is not below `3`). Prereleases are otherwise
 * ordinary versions, as in `Gem::Requirement#satisfied_by?`.
 *
 * @param range e.g. `~> 5.2.4, >= 5.2.4.3`
 * @returns the parsed range
 * @throws {StowawayError} `INVALID_RANGE` on an ill-formed requirement (Gem::Requirement::BadRequirementError)
 * @example
 * ```ts
 * import { satisfies } from '@stowaway/version'
 * satisfies('RubyGems', '5.2.4.4', '~> 5.2.4, >= 5.2.4.3') // true
 * ```
 */
export const parseRubyGemsRange: RangeParser = (range: string): VersionRange => {
  const reqs: Requirement[] = range.split(',').map((item) => {
    const m = ITEM.exec(strip(item))
    if (!m) throw new StowawayError('INVALID_RANGE', `Cannot parse range "${range}": "${item.trim()}" is not a RubyGems requirement`)
    const op = (m[1] ?? '=') as Op
    const version = m[2]!
    return { op, version, bump: op === '~>' ? bump(version) : '' }
  })
  return {
    source: range,
    test(version, cmp) {
      return reqs.every((q) => {
        const r = cmp(version, q.version)
        if (r === 2 || r === 3) return false
        switch (q.op) {
          case '=':
            return r === 0
          case '!=':
            return r !== 0
          case '>':
            return r > 0
          case '<':
            return r < 0
          case '>=':
            return r >= 0
          case '<=':
            return r <= 0
          case '~>':
            return r >= 0 && cmp(release(version), q.bump) === -1
        }
      })
    },
  }
}
