import type { Finding, Severity, Warning } from '@stowaway/core'
import { SEVERITIES } from '@stowaway/core'
import type { IgnoreRule } from './ignore-file.ts'
import type { VexStatement } from './vex.ts'

/**
 * What the policy step may remove from a report.
 *
 * @example
 * ```ts
 * import type { PolicyOptions } from '@stowaway/match'
 * const p: PolicyOptions = { severities: ['CRITICAL', 'HIGH'], ignoreUnfixed: true }
 * ```
 */
export interface PolicyOptions {
  /** Keep only these severities. */
  severities?: Severity[]
  /** Drop findings without a fix. */
  ignoreUnfixed?: boolean
  ignore?: IgnoreRule[]
  vex?: VexStatement[]
  /** Clock for `expires` (default now). */
  now?: Date
}

/**
 * A finding the policy removed, and why (ignore rule reason, VEX justification …).
 *
 * @example
 * ```ts
 * import type { Suppressed } from '@stowaway/match'
 * declare const s: Suppressed
 * console.log(s.finding.id, s.reason)
 * ```
 */
export interface Suppressed {
  finding: Finding
  by: 'severity' | 'unfixed' | 'ignore' | 'vex'
  reason: string
}

/** Outcome of {@link applyPolicy}. */
export interface PolicyResult {
  findings: Finding[]
  suppressed: Suppressed[]
  warnings: Warning[]
}

function idsOf(f: Finding): string[] {
  return [f.id, ...f.aliases]
}

function packageMatches(pattern: string | undefined, f: Finding): boolean {
  if (!pattern) return true
  if (pattern.startsWith('pkg:')) {
    const purl = f.package.purl ?? ''
    return purl === pattern || purl.startsWith(pattern + '@') || purl.startsWith(pattern + '?')
  }
  return pattern === f.package.name || pattern === f.package.source?.name
}

function vexProductMatches(products: string[], f: Finding): boolean {
  if (products.length === 0) return true
  const purl = f.package.purl
  return products.some((p) => {
    if (!p.startsWith('pkg:')) return p === f.package.name
    if (!purl) return false
    // A product without a version covers every version of the package.
    const base = (x: string) => x.split(/[@?#]/, 1)[0]
    return p === purl || (!p.includes('@') && base(p) === base(purl)) || purl.split('?', 1)[0] === p.split('?', 1)[0]
  })
}

/**
 * Apply the report policy: VEX `not_affected`/`fixed` statements suppress (with the
 * justification shown), ignore rules suppress until they expire (an expired rule
 * yields a warning and ignores nothing), then the unfixed and severity filters.
 *
 * @param findings matcher output
 * @param options policy
 * @returns kept findings, suppressed ones with reasons, warnings
 * @example
 * ```ts
 * import { applyPolicy } from '@stowaway/match'
 * import type { Finding } from '@stowaway/core'
 * declare const findings: Finding[]
 * const { findings: kept } = applyPolicy(findings, { severities: ['CRITICAL', 'HIGH'] })
 * ```
 */
export function applyPolicy(findings: Finding[], options: PolicyOptions): PolicyResult {
  const now = (options.now ?? new Date()).toISOString().slice(0, 10)
  const warnings: Warning[] = []
  const active: IgnoreRule[] = []
  for (const r of options.ignore ?? []) {
    if (r.expires && r.expires <= now) {
      warnings.push({ code: 'INVALID_ARGUMENT', message: `Cannot apply ignore rule "${r.id}"${r.package ? ` for "${r.package}"` : ''}: it expired on ${r.expires}` })
    } else active.push(r)
  }
  const kept: Finding[] = []
  const suppressed: Suppressed[] = []
  for (const f of findings) {
    const ids = idsOf(f)
    const vex = (options.vex ?? []).find((s) => ids.includes(s.vulnerability) && (s.status === 'not_affected' || s.status === 'fixed') && vexProductMatches(s.products, f))
    if (vex) {
      suppressed.push({ finding: f, by: 'vex', reason: `VEX ${vex.status}${vex.justification ? `: ${vex.justification}` : ''}${vex.statement ? ` (${vex.statement})` : ''}` })
      continue
    }
    const rule = active.find((r) => ids.includes(r.id) && packageMatches(r.package, f))
    if (rule) {
      suppressed.push({ finding: f, by: 'ignore', reason: `ignored${rule.reason ? `: ${rule.reason}` : ''}${rule.expires ? ` (until ${rule.expires})` : ''}` })
      continue
    }
    if (options.ignoreUnfixed && f.status !== 'fixed') {
      suppressed.push({ finding: f, by: 'unfixed', reason: `no fix (${f.status})` })
      continue
    }
    if (options.severities && !options.severities.includes(f.severity)) {
      suppressed.push({ finding: f, by: 'severity', reason: `severity ${f.severity} not selected` })
      continue
    }
    kept.push(f)
  }
  return { findings: kept, suppressed, warnings }
}

/**
 * Whether any finding is at or above a severity: the `--fail-on` test. `UNKNOWN`
 * counts as below every named level.
 *
 * @param findings findings left after policy
 * @param threshold lowest severity that fails
 * @returns true when the build should fail
 * @example
 * ```ts
 * import { failsOn } from '@stowaway/match'
 * failsOn([], 'HIGH') // false
 * ```
 */
export function failsOn(findings: readonly Finding[], threshold: Severity): boolean {
  const limit = SEVERITIES.indexOf(threshold)
  return findings.some((f) => f.severity !== 'UNKNOWN' && SEVERITIES.indexOf(f.severity) <= limit)
}

/**
 * Parse a comma-separated severity list (`LOW,MEDIUM`), case-insensitive.
 *
 * @param text the list
 * @returns severities, or undefined when one is unknown
 * @example
 * ```ts
 * import { parseSeverityList } from '@stowaway/match'
 * parseSeverityList('high,critical') // ['HIGH', 'CRITICAL']
 * ```
 */
export function parseSeverityList(text: string): Severity[] | undefined {
  const out: Severity[] = []
  for (const p of text.split(',')) {
    const s = p.trim().toUpperCase() as Severity
    if (!SEVERITIES.includes(s)) return undefined
    out.push(s)
  }
  return out
}
