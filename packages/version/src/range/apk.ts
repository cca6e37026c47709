import { StowawayError } from '@stowaway/core'
import { apkTokenEnds } from '../reference/apk.ts'
import type { BoundCompare, VersionRange } from './version-range.ts'

// One apk constraint: a mask of the outcomes it accepts, as apk-tools builds it from
// the operator characters, and whether it is a `!` conflict (negated).
interface Constraint {
  less: boolean
  equal: boolean
  greater: boolean
  fuzzy: boolean
  negate: boolean
  version: string
}

const ITEM = /^(!?)([<>=~]+)(.+)$/

/**
 * apk's fuzzy comparison: when the bound's tokens are a leading run of the version's,
 * the two are equal (`3.6.9 ~ 3.6`); otherwise the ordinary order. Only the backend's
 * compare decides ordering; the token split only says where to cut.
 */
function fuzzyCompare(version: string, bound: string, cmp: BoundCompare): number {
  const vb = apkTokenEnds(bound)
  const vv = apkTokenEnds(version)
  if (vb.length > 0 && vv.length >= vb.length) {
    const head = version.slice(0, vv[vb.length - 1])
    if (cmp(head, bound) === 0) return 0
  }
  return cmp(version, bound)
}

function holds(c: Constraint, version: string, cmp: BoundCompare): boolean {
  const r = c.fuzzy ? fuzzyCompare(version, c.version, cmp) : cmp(version, c.version)
  if (r === 2 || r === 3) return false
  const ok = (r < 0 && c.less) || (r === 0 && c.equal) || (r > 0 && c.greater)
  return c.negate ? !ok : ok
}

/**
 * Parse apk dependency constraints: operators `<`, `<=`, `=`, `>=`, `>`, and the fuzzy
 * `~`, `<~`, `>~` (`~3.6` matches any version whose leading parts are 3.6, such as
 * `3.6.9` or `3.6_pre1`), optionally negated with a leading `!` (apk's conflict form),
 * written with or without a space (`>=1.2-r0`, `>= 1.2-r0`). Constraints separated by
 * commas or spaces must all hold; `||` separates alternatives.
 *
 * @param range e.g. `>=3.6 <3.8` or `~3.6 || =4.0-r1`
 * @returns the parsed range; its `test` uses only the given comparison for ordering
 * @throws {StowawayError} `INVALID_RANGE` for an unknown operator or a missing version
 * @example
 * ```ts
 * import { satisfies } from '@stowaway/version'
 * satisfies('Alpine', '3.6.9-r0', '~3.6') // true
 * ```
 */
export function parseApkRange(range: string): VersionRange {
  const fail = (why: string): never => {
    throw new StowawayError('INVALID_RANGE', `Cannot parse range "${range}": ${why}`)
  }
  const anyOf: Constraint[][] = []
  for (const alt of range.split('||')) {
    const tokens = alt.trim().split(/[\s,]+/).filter(Boolean)
    const all: Constraint[] = []
    for (let i = 0; i < tokens.length; i++) {
      let t = tokens[i]!
      if (/^!?[<>=~]+$/.test(t)) t += tokens[++i] ?? fail(`operator "${t}" has no version`)
      const m = ITEM.exec(t)
      if (!m) {
        all.push({ less: false, equal: true, greater: false, fuzzy: false, negate: false, version: t })
        continue
      }
      const op = m[2]!
      if (op.includes('<') && op.includes('>')) fail(`"${op}" is a checksum match, not a version range`)
      all.push({
        less: op.includes('<'),
        equal: op.includes('=') || op.includes('~'),
        greater: op.includes('>'),
        fuzzy: op.includes('~'),
        negate: m[1] === '!',
        version: m[3]!,
      })
    }
    if (all.length === 0) fail('empty alternative')
    anyOf.push(all)
  }
  return { source: range, test: (v, cmp) => anyOf.some((all) => all.every((c) => holds(c, v, cmp))) }
}
