import { StowawayError } from '@stowaway/core'
import type { Comparator, Operator } from './comparator.ts'
import { testDnf } from './comparator.ts'
import type { VersionRange } from './version-range.ts'

// The relational operators R accepts in a DESCRIPTION dependency (`pkg (>= 1.2-3)`).
const OPS: Record<string, Operator> = { '>=': '>=', '<=': '<=', '>': '>', '<': '<', '==': '=', '!=': '!=' }
const ITEM = /^(?:\(\s*(>=|<=|==|!=|>|<)\s*([^\s()<>=!]+)\s*\)|(>=|<=|==|!=|>|<)\s*([^\s()<>=!]+))$/

/**
 * Parse R/CRAN version requirements as written in a DESCRIPTION file's `Depends` /
 * `Imports` fields: `(>= 1.2-3)` or `>= 1.2-3`; several, separated by commas, must all
 * hold (R lists a package twice for a lower and an upper bound). `||` separates
 * alternatives, as in the generic syntax.
 *
 * @param range e.g. `(>= 1.2-3), (< 2.0)`
 * @returns the parsed range
 * @throws {StowawayError} `INVALID_RANGE` for an operator R does not know or a missing version
 * @example
 * ```ts
 * import { satisfies } from '@stowaway/version'
 * satisfies('CRAN', '1.4-1', '(>= 1.2-3), (< 2.0)') // true
 * ```
 */
export function parseCranRange(range: string): VersionRange {
  const anyOf: Comparator[][] = []
  for (const alt of range.split('||')) {
    const all: Comparator[] = []
    for (const item of alt.split(',')) {
      const m = ITEM.exec(item.trim())
      if (!m) throw new StowawayError('INVALID_RANGE', `Cannot parse range "${range}": "${item.trim()}" is not "(<op> <version>)"`)
      all.push({ op: OPS[m[1] ?? m[3]!]!, version: (m[2] ?? m[4])! })
    }
    anyOf.push(all)
  }
  return { source: range, test: (v, cmp) => testDnf(anyOf, v, cmp) }
}
