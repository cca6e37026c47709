import type { CompareCode, OsvEvent, SchemeId, VersionRange } from '@stowaway/version'
import { Scheme, rangeParserFor } from '@stowaway/version'
import type { AffectedPackage } from './advisory.ts'

/** A comparison for any scheme: the matcher's only view of a version backend. */
export type SchemeCompare = (scheme: SchemeId, a: string, b: string) => CompareCode

/**
 * Verdict for one installed version against one affected entry.
 *
 * @example
 * ```ts
 * import type { EntryVerdict } from '@stowaway/match'
 * const v: EntryVerdict = { status: 'affected', ranges: ['>=0 <1.2.3'], fixed: ['1.2.3'] }
 * ```
 */
export interface EntryVerdict {
  status: 'affected' | 'not-affected' | 'not-evaluable'
  reason?: string
  /** Human-readable ranges that matched. */
  ranges?: string[]
  /** Fixed versions seen in the entry. */
  fixed?: string[]
}

// Parsed native expressions per scheme (keyed by the expression itself: no key string
// to build and hash per lookup).
const parsed: Map<string, VersionRange | null>[] = []

function nativeRange(scheme: SchemeId, expr: string): VersionRange | null {
  const m = (parsed[scheme] ??= new Map())
  let r = m.get(expr)
  if (r === undefined) {
    try {
      r = rangeParserFor(scheme)(expr)
    } catch {
      r = null
    }
    m.set(expr, r)
  }
  return r
}

function stripV(v: string): string {
  return v.startsWith('v') || v.startsWith('V') ? v.slice(1) : v
}

// Events are stored sorted by version (db build), so one pass of installed-vs-event
// comparisons decides membership, as the OSV schema's evaluation algorithm does.
function inSortedRange(scheme: SchemeId, version: string, events: readonly OsvEvent[], semver: boolean, cmp: SchemeCompare): boolean | undefined {
  let affected = false
  const limits: string[] = []
  for (const e of events) {
    if (e.limit !== undefined) {
      limits.push(e.limit)
      continue
    }
    const raw = e.introduced ?? e.fixed ?? e.last_affected
    // Empty event versions occur in real records (GHSA `fixed: ""` = no fix); they bound nothing.
    if (raw === undefined || raw === '') continue
    if (e.introduced === '0') {
      affected = true
      continue
    }
    const r = cmp(scheme, version, semver ? stripV(raw) : raw)
    if (r === 2 || r === 3) return undefined
    if (e.introduced !== undefined) {
      if (r >= 0) affected = true
    } else if (e.fixed !== undefined) {
      if (r >= 0) affected = false
    } else if (r > 0) affected = false
  }
  if (affected && limits.length > 0 && !limits.includes('*')) {
    let below = false
    for (const l of limits) {
      const r = cmp(scheme, version, semver ? stripV(l) : l)
      if (r === 2 || r === 3) return undefined
      if (r < 0) below = true
    }
    affected = below
  }
  return affected
}

/**
 * How a matched range reads in a finding: `>=1.0 <1.2`, `<=2.0`, `<3(limit)`.
 *
 * @param events the range's events, in stored order
 * @returns the description
 * @example
 * ```ts
 * import { describeRange } from '@stowaway/match'
 * describeRange([{ introduced: '0' }, { fixed: '1.2' }]) // '>=0 <1.2'
 * ```
 */
export function describeRange(events: readonly OsvEvent[]): string {
  return events
    .map((e) => (e.introduced !== undefined ? `>=${e.introduced}` : e.fixed !== undefined ? `<${e.fixed}` : e.last_affected !== undefined ? `<=${e.last_affected}` : `<${e.limit}(limit)`))
    .join(' ')
}

/**
 * The fixed versions a finding lists for an entry: every range's `fixed` events in
 * stored order, then the entry's own `fixed` list (duplicates dropped). They do not
 * depend on the installed version.
 *
 * @param entry the affected entry
 * @returns a new array
 * @example
 * ```ts
 * import { fixedVersionsOf } from '@stowaway/match'
 * fixedVersionsOf({ ecosystem: 'PyPI', name: 'x', ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2' }] }], fixed: ['2', '3'] }) // ['2', '3']
 * ```
 */
export function fixedVersionsOf(entry: AffectedPackage): string[] {
  const fixed: string[] = []
  for (const r of entry.ranges ?? []) for (const e of r.events) if (e.fixed !== undefined) fixed.push(e.fixed)
  for (const f of entry.fixed ?? []) if (!fixed.includes(f)) fixed.push(f)
  return fixed
}

// An entry's fixed versions and the description of its exemptions do not depend on the
// installed version: worked out once per entry and shared (frozen) by every verdict.
const fixedOf = new WeakMap<AffectedPackage, string[]>()
const unaffectedOf = new WeakMap<string[], string>()

function sharedFixedVersions(entry: AffectedPackage): string[] {
  let f = fixedOf.get(entry)
  if (!f) fixedOf.set(entry, (f = Object.freeze(fixedVersionsOf(entry)) as string[]))
  return f
}

function unaffectedDescription(exprs: string[]): string {
  let d = unaffectedOf.get(exprs)
  if (d === undefined) unaffectedOf.set(exprs, (d = `not (${exprs.join(' | ')})`))
  return d
}

/**
 * Decide whether an installed version is affected by one entry: listed versions,
 * OSV ranges (ECOSYSTEM in the entry's scheme, SEMVER with a leading `v` ignored),
 * then native expressions parsed with `rangeParserFor(scheme)`; an entry's
 * `nativeUnaffected` expressions exempt a version. The same code runs for the TS
 * reference and WASM matchers — only `cmp` differs. The verdict's `fixed` list is
 * shared by every verdict of the entry and frozen.
 *
 * @param scheme the ecosystem's scheme
 * @param version installed version
 * @param entry the affected entry
 * @param cmp comparison function
 * @returns the verdict
 * @example
 * ```ts
 * import { evaluateEntry } from '@stowaway/match'
 * import { referenceBackend, Scheme } from '@stowaway/version'
 * evaluateEntry(Scheme.Dpkg, '1.0-1', { ecosystem: 'Debian:12', name: 'x', ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.0-2' }] }] }, referenceBackend.compare).status // 'affected'
 * ```
 */
export function evaluateEntry(scheme: SchemeId, version: string, entry: AffectedPackage, cmp: SchemeCompare): EntryVerdict {
  const fixed = sharedFixedVersions(entry)
  let affected = false
  let evaluated = false
  let reason: string | undefined
  const ranges: string[] = []
  // An explicit version list is itself evaluable: a version not on it is not affected by it.
  if (entry.versions && entry.versions.length > 0) evaluated = true
  if (entry.versions?.includes(version)) {
    affected = true
    ranges.push(`=${version}`)
  }
  for (const r of entry.ranges ?? []) {
    if (affected) break
    const semver = r.type === 'SEMVER'
    const s = semver ? Scheme.Semver : scheme
    const v = semver ? stripV(version) : version
    // An installed version the scheme rejects cannot be placed in any range (the OSV
    // evaluator of the version core says the same).
    if (cmp(s, v, v) === 2) return { status: 'not-evaluable', reason: `installed version "${version}" is invalid for the scheme`, fixed }
    const hit = inSortedRange(s, v, r.events, semver, cmp)
    if (hit === undefined) {
      reason = 'a range or the installed version is invalid for the scheme'
      continue
    }
    evaluated = true
    if (hit) {
      affected = true
      ranges.push(describeRange(r.events))
    }
  }
  const bound = (a: string, b: string) => cmp(scheme, a, b)
  if (!affected && entry.native) {
    for (const expr of entry.native) {
      const nr = nativeRange(scheme, expr)
      if (!nr) {
        reason = `native range "${expr}" cannot be parsed`
        continue
      }
      evaluated = true
      if (nr.test(version, bound)) {
        affected = true
        ranges.push(expr)
        break
      }
    }
  }
  if (!entry.native && !entry.ranges && !entry.versions && entry.nativeUnaffected && entry.nativeUnaffected.length > 0) {
    affected = true
    evaluated = true
    ranges.push(unaffectedDescription(entry.nativeUnaffected))
  }
  if (affected && entry.nativeUnaffected) {
    for (const expr of entry.nativeUnaffected) {
      const nr = nativeRange(scheme, expr)
      if (!nr) {
        reason = `native range "${expr}" cannot be parsed`
        // An exemption we cannot read must not turn into a silent finding.
        return { status: 'not-evaluable', reason, fixed }
      }
      if (nr.test(version, bound)) return { status: 'not-affected', fixed }
    }
  }
  if (affected) return { status: 'affected', ranges, fixed }
  if (!evaluated) return { status: 'not-evaluable', reason: reason ?? 'entry has nothing to evaluate', fixed }
  return { status: 'not-affected', fixed }
}
