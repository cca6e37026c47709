import type { VersionBackend } from './backend.ts'
import type { CompareCode } from './result.ts'
import { Scheme } from './scheme.ts'
import type { SchemeId } from './scheme.ts'

/** One OSV range event; exactly one key is set. */
export interface OsvEvent {
  introduced?: string
  fixed?: string
  last_affected?: string
  limit?: string
}

/** An OSV `affected[].ranges[]` entry. */
export interface OsvRange {
  type: 'ECOSYSTEM' | 'SEMVER' | 'GIT' | string
  repo?: string
  events: OsvEvent[]
}

/** The part of an OSV `affected[]` entry that decides membership. */
export interface OsvAffectedRanges {
  ranges?: OsvRange[]
  versions?: string[]
}

/** Outcome of evaluating one version against an OSV `affected[]` entry. */
export interface OsvEvaluation {
  /**
   * `affected` / `not-affected`, or `not-evaluable` when nothing in the entry could be
   * evaluated (only GIT ranges, an invalid installed version, malformed events).
   */
  status: 'affected' | 'not-affected' | 'not-evaluable'
  /** Why the entry was not evaluable, or which part matched. */
  reason?: string
  /** Index of the range that matched, when one did. */
  range?: number
  /** True when the explicit `versions` list matched. */
  listed?: boolean
  /** Ranges that could not be evaluated (GIT, unknown type, malformed). */
  skippedRanges: number
}

interface Point {
  kind: 0 | 1 | 2 | 3 // introduced, fixed, last_affected, limit
  version: string // '' = introduced "0"
}

// Sort rank at equal versions: introduced before fixed so that [x, x) is empty.
const RANK = [0, 2, 1, 3]

/**
 * Evaluate one OSV range per the OSV schema's algorithm: events sorted by version,
 * `introduced` opens, `fixed` (>=) and `last_affected` (>) close, and when `limit`
 * events exist the version must be below one of them. Returns undefined when an event
 * version is invalid for the scheme.
 */
function inRange(version: string, events: readonly OsvEvent[], cmp: (a: string, b: string) => CompareCode): boolean | undefined {
  const points: Point[] = []
  const limits: string[] = []
  for (const e of events) {
    if (e.introduced !== undefined) points.push({ kind: 0, version: e.introduced === '0' ? '' : e.introduced })
    else if (e.fixed !== undefined) points.push({ kind: 1, version: e.fixed })
    else if (e.last_affected !== undefined) points.push({ kind: 2, version: e.last_affected })
    else if (e.limit !== undefined) limits.push(e.limit)
  }
  let bad = false
  const order = (a: Point, b: Point): number => {
    if (a.version === '' || b.version === '') {
      if (a.version === b.version) return RANK[a.kind]! - RANK[b.kind]!
      return a.version === '' ? -1 : 1
    }
    const r = cmp(a.version, b.version)
    if (r === 2 || r === 3) {
      bad = true
      return 0
    }
    return r !== 0 ? r : RANK[a.kind]! - RANK[b.kind]!
  }
  points.sort(order)
  if (bad) return undefined
  let affected = false
  for (const p of points) {
    if (p.version === '') {
      if (p.kind === 0) affected = true
      continue
    }
    const r = cmp(version, p.version)
    if (r === 2 || r === 3) return undefined
    if (p.kind === 0 && r >= 0) affected = true
    else if (p.kind === 1 && r >= 0) affected = false
    else if (p.kind === 2 && r > 0) affected = false
  }
  if (affected && limits.length > 0 && !limits.includes('*')) {
    let below = false
    for (const l of limits) {
      const r = cmp(version, l)
      if (r === 2 || r === 3) return undefined
      if (r < 0) below = true
    }
    affected = below
  }
  return affected
}

/**
 * Decide whether `version` is affected by an OSV `affected[]` entry: its explicit
 * `versions` list, then its ECOSYSTEM ranges (the ecosystem's scheme) and SEMVER ranges
 * (SemVer 2.0, a leading `v` ignored). GIT ranges are never guessed: they count as
 * skipped, and an entry with nothing else is `not-evaluable`.
 *
 * @param scheme the ecosystem's scheme id
 * @param version installed version
 * @param affected the entry's `ranges` and `versions`
 * @param backend the backend to compare with
 * @returns the verdict
 * @example
 * ```ts
 * import { evaluateOsv, referenceBackend, Scheme } from '@stowaway/version'
 * evaluateOsv(Scheme.Dpkg, '1.0-1', { ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.0-2' }] }] }, referenceBackend)
 * // { status: 'affected', range: 0, skippedRanges: 0 }
 * ```
 */
export function evaluateOsv(scheme: SchemeId, version: string, affected: OsvAffectedRanges, backend: VersionBackend): OsvEvaluation {
  if (affected.versions?.includes(version)) return { status: 'affected', listed: true, skippedRanges: 0 }
  const ranges = affected.ranges ?? []
  let skipped = 0
  let evaluated = 0
  let reason: string | undefined
  let invalidInstalled = false
  for (let i = 0; i < ranges.length; i++) {
    const r = ranges[i]!
    let s: SchemeId
    let v = version
    let strip = false
    if (r.type === 'ECOSYSTEM') s = scheme
    else if (r.type === 'SEMVER') {
      s = Scheme.Semver
      strip = true
    } else {
      skipped++
      reason = `${r.type} ranges are not evaluable`
      continue
    }
    if (!Array.isArray(r.events) || r.events.length === 0) {
      skipped++
      reason = 'range has no events'
      continue
    }
    const norm = (x: string) => (strip && (x.startsWith('v') || x.startsWith('V')) ? x.slice(1) : x)
    v = norm(version)
    // Invalid for this range's scheme only (a SEMVER range beside ECOSYSTEM ones): skip
    // the range, so the answer does not depend on the order of the ranges.
    if (backend.compare(s, v, v) === 2) {
      skipped++
      invalidInstalled = true
      reason = `installed version "${version}" is invalid for the scheme`
      continue
    }
    const events = strip
      ? r.events.map((e) => Object.fromEntries(Object.entries(e).map(([k, x]) => [k, x === '0' ? x : norm(String(x))])) as OsvEvent)
      : r.events
    const hit = inRange(v, events, (a, b) => backend.compare(s, a, b))
    if (hit === undefined) {
      skipped++
      reason = 'range has an event version invalid for the scheme'
      continue
    }
    evaluated++
    if (hit) return { status: 'affected', range: i, skippedRanges: skipped }
  }
  if (evaluated === 0 && (invalidInstalled || !(affected.versions && affected.versions.length > 0))) {
    return { status: 'not-evaluable', reason: reason ?? 'no ranges or versions', skippedRanges: skipped }
  }
  return { status: 'not-affected', skippedRanges: skipped, ...(reason ? { reason } : {}) }
}
