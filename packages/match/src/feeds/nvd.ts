import type { Advisory, AffectedPackage } from '../advisory.ts'
import { parseCpeFormattedString } from '../cpe.ts'
import { firstLine } from '../osv-record.ts'
import { scoreSeverity } from '../severity.ts'
import type { FeedResult } from './feed-result.ts'

interface CpeMatch {
  vulnerable?: boolean
  criteria?: string
  versionStartIncluding?: string
  versionStartExcluding?: string
  versionEndIncluding?: string
  versionEndExcluding?: string
}

/** The CVE objects of an NVD CVE API 2.0 document (`{vulnerabilities:[{cve}]}`, `{cve}` or a bare CVE). */
function cves(doc: unknown): Record<string, unknown>[] | undefined {
  const d = doc as Record<string, unknown> | null
  if (!d || typeof d !== 'object') return undefined
  if (Array.isArray(d.vulnerabilities) && d.vulnerabilities.every((v) => v && typeof v === 'object' && (v as { cve?: unknown }).cve && typeof (v as { cve?: unknown }).cve === 'object')) return d.vulnerabilities.map((v) => (v as { cve: Record<string, unknown> }).cve)
  if (d.cve && typeof d.cve === 'object' && 'configurations' in (d.cve as object)) return [d.cve as Record<string, unknown>]
  if (typeof d.id === 'string' && Array.isArray(d.configurations)) return [d]
  return undefined
}

/**
 * Whether a parsed JSON document is NVD CVE API 2.0 data with configurations.
 *
 * @param doc parsed JSON
 * @returns true for NVD CVE records
 * @example
 * ```ts
 * import { isNvdCve } from '@stowaway/match'
 * isNvdCve({ vulnerabilities: [{ cve: { id: 'CVE-1', configurations: [] } }] }) // true
 * ```
 */
export function isNvdCve(doc: unknown): boolean {
  return cves(doc) !== undefined
}

/**
 * Read NVD CVE records (API 2.0): every vulnerable `cpeMatch` becomes an entry of the
 * `NVD` ecosystem keyed `vendor:product`, carrying its CPE criteria and the version
 * bounds as OSV events (start including → introduced, end excluding → fixed, end
 * including → last_affected; an exclusive start is kept as introduced, a documented
 * widening). A criteria with a concrete version and no bounds lists that version.
 * Platform parts of AND configurations (`vulnerable: false`) are not matched.
 *
 * @param doc parsed JSON
 * @returns advisories and skip reasons
 * @example
 * ```ts
 * import { parseNvdCve } from '@stowaway/match'
 * parseNvdCve({ cve: { id: 'CVE-2021-44228', configurations: [{ nodes: [{ operator: 'OR', cpeMatch: [{ vulnerable: true, criteria: 'cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*', versionStartIncluding: '2.13.0', versionEndExcluding: '2.15.0' }] }] }] } }).advisories[0].affected[0].name // 'apache:log4j'
 * ```
 */
export function parseNvdCve(doc: unknown): FeedResult {
  const advisories: Advisory[] = []
  const skipped: string[] = []
  for (const c of cves(doc) ?? []) {
    const id = typeof c.id === 'string' ? c.id : undefined
    if (!id) {
      skipped.push('NVD record without an id')
      continue
    }
    if (c.vulnStatus === 'Rejected') {
      skipped.push('withdrawn')
      continue
    }
    const affected: AffectedPackage[] = []
    for (const conf of (c.configurations ?? []) as { nodes?: { cpeMatch?: CpeMatch[] }[] }[]) {
      for (const node of conf.nodes ?? []) {
        for (const m of node.cpeMatch ?? []) {
          if (!m.vulnerable || !m.criteria) continue
          let wfn
          try {
            wfn = parseCpeFormattedString(m.criteria)
          } catch {
            skipped.push('NVD cpeMatch with a malformed CPE')
            continue
          }
          if (wfn.vendor.kind !== 'value' || wfn.product.kind !== 'value') {
            skipped.push('NVD cpeMatch without vendor and product')
            continue
          }
          const plain = (x: string) => x.replace(/\\(.)/g, '$1')
          const e: AffectedPackage = { ecosystem: 'NVD', name: `${plain(wfn.vendor.value)}:${plain(wfn.product.value)}`, cpe: m.criteria }
          const start = m.versionStartIncluding ?? m.versionStartExcluding
          const end = m.versionEndExcluding ?? m.versionEndIncluding
          if (start || end) {
            const events: { introduced?: string; fixed?: string; last_affected?: string }[] = [{ introduced: start ?? '0' }]
            if (m.versionEndExcluding) events.push({ fixed: m.versionEndExcluding })
            else if (m.versionEndIncluding) events.push({ last_affected: m.versionEndIncluding })
            e.ranges = [{ type: 'ECOSYSTEM', events }]
          } else if (wfn.version.kind === 'value' && !/[*?]/.test(wfn.version.value)) {
            e.versions = [plain(wfn.version.value)]
          } else {
            e.ranges = [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }]
          }
          affected.push(e)
        }
      }
    }
    if (affected.length === 0) {
      skipped.push('NVD record without vulnerable CPE configurations')
      continue
    }
    const adv: Advisory = { id, aliases: [], severities: [], references: [`https://nvd.nist.gov/vuln/detail/${id}`], affected }
    const metrics = (c.metrics ?? {}) as Record<string, { cvssData?: { vectorString?: string } }[]>
    for (const [key, type] of [['cvssMetricV40', 'CVSS_V4'], ['cvssMetricV31', 'CVSS_V3'], ['cvssMetricV30', 'CVSS_V3'], ['cvssMetricV2', 'CVSS_V2']] as const) {
      const v = metrics[key]?.[0]?.cvssData?.vectorString
      if (v) adv.severities.push(scoreSeverity(type, v, 'NVD'))
    }
    const desc = ((c.descriptions ?? []) as { lang?: string; value?: string }[]).find((d) => d.lang === 'en')?.value
    if (desc) adv.summary = firstLine(desc)
    if (typeof c.published === 'string') adv.published = c.published
    if (typeof c.lastModified === 'string') adv.modified = c.lastModified
    advisories.push(adv)
  }
  return { format: 'nvd', advisories, skipped }
}
