import { StowawayError } from '@stowaway/core'
import type { Comparator, Operator } from './comparator.ts'
import { testDnf } from './comparator.ts'
import type { VersionRange } from './version-range.ts'

const OPS: Record<string, Operator> = {
  '<': '<', '<=': '<=', '>': '>', '>=': '>=', '=': '=', '==': '=', '!=': '!=',
  // dpkg relation spellings
  '<<': '<', '>>': '>', lt: '<', le: '<=', gt: '>', ge: '>=', eq: '=', ne: '!=',
}

/**
 * Parse the generic comparator syntax used for schemes whose tools have no range
 * language of their own (dpkg, rpm, apk, Go, CRAN, Hackage): alternatives separated by
 * `||`, comparators inside one alternative separated by commas or spaces, each an
 * operator (`<`, `<=`, `>`, `>=`, `=`, `==`, `!=`, dpkg's `<<` `>>`) and a version; a
 * bare version means `=`.
 *
 * @param range e.g. `>= 1.2.0-1, << 1.3` or `< 2 || = 3.1`
 * @returns the parsed range
 * @throws {StowawayError} `INVALID_RANGE` on an empty alternative or a dangling operator
 * @example
 * ```ts
 * import { parseGenericRange } from '@stowaway/version'
 * parseGenericRange('>= 1.0, << 2.0')
 * ```
 */
export function parseGenericRange(range: string): VersionRange {
  const anyOf: Comparator[][] = []
  for (const alt of range.split('||')) {
    const tokens = alt.trim().split(/[\s,]+/).filter(Boolean)
    const all: Comparator[] = []
    for (let i = 0; i < tokens.length; i++) {
      let t = tokens[i]!
      const m = /^(<<|>>|<=|>=|==|!=|<|>|=)(.*)$/.exec(t)
      let op: Operator | undefined
      if (m) {
        op = OPS[m[1]!]
        t = m[2]!
        if (t === '') {
          t = tokens[++i] ?? ''
          if (t === '') throw new StowawayError('INVALID_RANGE', `Cannot parse range "${range}": operator "${m[1]}" has no version`)
        }
      } else if (OPS[t] && /^[a-z]{2}$/.test(t)) {
        op = OPS[t]
        t = tokens[++i] ?? ''
        if (t === '') throw new StowawayError('INVALID_RANGE', `Cannot parse range "${range}": operator "${tokens[i - 1]}" has no version`)
      } else {
        op = '='
      }
      all.push({ op: op!, version: t })
    }
    if (all.length === 0) throw new StowawayError('INVALID_RANGE', `Cannot parse range "${range}": empty alternative`)
    anyOf.push(all)
  }
  return { source: range, test: (v, cmp) => testDnf(anyOf, v, cmp) }
}
