import { compareVersions } from '@stowaway/version'
import type { Advisory, AffectedPackage } from '../advisory.ts'
import { firstLine } from '../osv-record.ts'
import { scoreSeverity } from '../severity.ts'
import type { FeedResult } from './feed-result.ts'

/**
 * Whether a parsed JSON document is a Red Hat security data API CVE record
 * (`/hydra/rest/securitydata/cve/<CVE>.json`).
 *
 * @param doc parsed JSON
 * @returns true when it has a CVE `name` and `affected_release` or `package_state`
 * @example
 * ```ts
 * import { isRedHatCveJson } from '@stowaway/match'
 * isRedHatCveJson({ name: 'CVE-2019-0160', threat_severity: 'Critical', affected_release: [] }) // true
 * ```
 */
export function isRedHatCveJson(doc: unknown): boolean {
  const d = doc as Record<string, unknown> | null
  return !!d && typeof d === 'object' && typeof d.name === 'string' && /^CVE-/.test(d.name) && ('affected_release' in d || 'package_state' in d)
}

function release(cpe: unknown): string | undefined {
  return typeof cpe === 'string' ? /^cpe:\/[ao]:redhat:enterprise_linux:(\d+)/.exec(cpe)?.[1] : undefined
}

// `openssl-1:1.1.1g-11.el8` → name and `E:V-R` (the last two dash-separated fields are
// version and release; names may contain dashes).
function parseNevr(s: string): { name: string; evr: string } | undefined {
  const parts = s.split('-')
  if (parts.length < 3) return undefined
  const rel = parts.pop()!
  const ver = parts.pop()!
  if (!/^(\d+:)?\d/.test(ver)) return undefined
  return { name: parts.join('-'), evr: `${ver.replace(/^0:/, '')}-${rel}` }
}

/**
 * Read a Red Hat security data API CVE record: `affected_release` packages become fixed
 * versions per RHEL major release (`Red Hat:<n>`, from the CPE), `package_state`
 * becomes unfixed entries (`Affected`/`Fix deferred` → not-fixed, `Will not fix`/`Out
 * of support scope` → wont-fix; `Not affected` is skipped); module streams are skipped;
 * `threat_severity` is Red Hat's rating, the CVSS v3 vector is scored.
 *
 * @param doc parsed JSON
 * @returns one advisory (or skip reasons)
 * @example
 * ```ts
 * import { parseRedHatCveJson } from '@stowaway/match'
 * parseRedHatCveJson({ name: 'CVE-1', threat_severity: 'Low', affected_release: [{ package: 'openssl-1:1.1.1g-11.el8', cpe: 'cpe:/o:redhat:enterprise_linux:8' }] }).advisories[0].affected[0].ecosystem // 'Red Hat:8'
 * ```
 */
export function parseRedHatCveJson(doc: unknown): FeedResult {
  const d = doc as Record<string, unknown>
  const id = d.name as string
  const skipped: string[] = []
  const entries = new Map<string, AffectedPackage>()
  for (const r of (Array.isArray(d.affected_release) ? d.affected_release : []) as Record<string, unknown>[]) {
    const rel = release(r.cpe)
    const pkg = typeof r.package === 'string' ? r.package : ''
    if (/:\d{10,}|\bmodule\b/.test(pkg) || /^[\w-]+:[\w.]+-\d{13,}/.test(pkg)) {
      skipped.push('Red Hat fix in a module stream (module-aware matching not supported)')
      continue
    }
    const nevr = parseNevr(pkg)
    if (!rel || !nevr) {
      skipped.push('Red Hat fix for an EUS/AUS/E4S/extras stream or another product (only mainline RHEL releases are ingested)')
      continue
    }
    const key = `${rel}|${nevr.name}`
    if (!entries.has(key)) entries.set(key, { ecosystem: `Red Hat:${rel}`, name: nevr.name, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: nevr.evr }] }] })
  }
  for (const s of (Array.isArray(d.package_state) ? d.package_state : []) as Record<string, unknown>[]) {
    const rel = release(s.cpe)
    const name = typeof s.package_name === 'string' ? s.package_name : ''
    const state = String(s.fix_state ?? '')
    if (state === 'Not affected') {
      skipped.push('package state "Not affected"')
      continue
    }
    if (!rel || !name || name.includes('/') || name.includes(':')) {
      skipped.push('Red Hat package state for a non-RHEL product, a container or a module')
      continue
    }
    const status = state === 'Will not fix' || state === 'Out of support scope' ? 'wont-fix' : 'not-fixed'
    const key = `${rel}|${name}`
    if (!entries.has(key)) entries.set(key, { ecosystem: `Red Hat:${rel}`, name, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }], status })
  }
  if (entries.size === 0) return { format: 'redhat-cve-json', advisories: [], skipped: [...skipped, 'Red Hat CVE record without RHEL packages'] }
  const adv: Advisory = { id, aliases: [], severities: [], references: [`https://access.redhat.com/security/cve/${id}`], affected: [...entries.values()] }
  if (typeof d.threat_severity === 'string') adv.severities.push(scoreSeverity('RATING', d.threat_severity, 'Red Hat'))
  const v3 = (d.cvss3 as Record<string, unknown> | undefined)?.cvss3_scoring_vector
  if (typeof v3 === 'string') adv.severities.push(scoreSeverity('CVSS_V3', v3, 'Red Hat'))
  const desc = (d.bugzilla as Record<string, unknown> | undefined)?.description
  if (typeof desc === 'string') adv.summary = firstLine(desc)
  if (typeof d.public_date === 'string') adv.published = d.public_date
  return { format: 'redhat-cve-json', advisories: [adv], skipped }
}

/**
 * Whether a parsed JSON document is one entry of the Red Hat security data API's CVE
 * list (`/hydra/rest/securitydata/cve.json`: `CVE`, `severity`, `affected_packages`,
 * `resource_url`).
 *
 * @param doc parsed JSON
 * @returns true for a CVE list entry
 * @example
 * ```ts
 * import { isRedHatCveSummary } from '@stowaway/match'
 * isRedHatCveSummary({ CVE: 'CVE-2017-3509', severity: 'moderate', affected_packages: [], resource_url: 'https://access.redhat.com/…' }) // true
 * ```
 */
export function isRedHatCveSummary(doc: unknown): boolean {
  const d = doc as Record<string, unknown> | null
  return !!d && typeof d === 'object' && !Array.isArray(d) && typeof d.CVE === 'string' && Array.isArray(d.affected_packages) && 'resource_url' in d
}

/**
 * Read an entry of the Red Hat CVE list: each `affected_packages` NEVRA is a fixed build
 * for the RHEL major release its `.el<N>` tag names (`Red Hat:<N>`); module builds and
 * builds without an `.el<N>` tag (other products) are skipped with the reason. When a
 * package has several fixed builds for one release (z-streams), the highest is kept:
 * the list does not say which stream each is for, and the highest never reports a
 * fixed mainline package as fixed too early. `severity` is Red Hat's rating, the CVSS v3
 * vector is scored.
 *
 * @param doc parsed JSON (see {@link isRedHatCveSummary})
 * @returns one advisory (or skip reasons)
 * @example
 * ```ts
 * import { parseRedHatCveSummary } from '@stowaway/match'
 * parseRedHatCveSummary({ CVE: 'CVE-2017-3509', severity: 'moderate', affected_packages: ['java-1.8.0-openjdk-1:1.8.0.131-2.b11.el7_3'], resource_url: '' }).advisories[0]?.affected[0]?.ecosystem // 'Red Hat:7'
 * ```
 */
export function parseRedHatCveSummary(doc: unknown): FeedResult {
  const d = doc as Record<string, unknown>
  const id = d.CVE as string
  const skipped: string[] = []
  const entries = new Map<string, AffectedPackage>()
  for (const pkg of d.affected_packages as unknown[]) {
    if (typeof pkg !== 'string') continue
    if (/\bmodule[+_]/.test(pkg)) {
      skipped.push('Red Hat fix in a module stream (module-aware matching not supported)')
      continue
    }
    const nevr = parseNevr(pkg)
    const rel = /\.el(\d+)/.exec(pkg)?.[1]
    if (!nevr || !rel) {
      skipped.push('Red Hat fix for an EUS/AUS/E4S/extras stream or another product (only mainline RHEL releases are ingested)')
      continue
    }
    const key = `${rel}|${nevr.name}`
    const had = entries.get(key)?.ranges?.[0]?.events[1]?.fixed
    let keep = !had
    if (had) {
      try {
        keep = compareVersions(`Red Hat:${rel}`, nevr.evr, had) > 0
      } catch {
        keep = false
      }
    }
    if (keep) entries.set(key, { ecosystem: `Red Hat:${rel}`, name: nevr.name, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: nevr.evr }] }] })
  }
  if (entries.size === 0) return { format: 'redhat-cve-list', advisories: [], skipped: [...skipped, 'Red Hat CVE record without RHEL packages'] }
  const adv: Advisory = { id, aliases: [], severities: [], references: [`https://access.redhat.com/security/cve/${id}`], affected: [...entries.values()] }
  if (typeof d.severity === 'string') adv.severities.push(scoreSeverity('RATING', d.severity, 'Red Hat'))
  if (typeof d.cvss3_scoring_vector === 'string') adv.severities.push(scoreSeverity('CVSS_V3', d.cvss3_scoring_vector, 'Red Hat'))
  if (typeof d.bugzilla_description === 'string') adv.summary = firstLine(d.bugzilla_description)
  if (typeof d.public_date === 'string') adv.published = d.public_date
  return { format: 'redhat-cve-list', advisories: [adv], skipped }
}
