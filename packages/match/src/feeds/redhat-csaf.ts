import type { Advisory, AffectedPackage } from '../advisory.ts'
import { firstLine } from '../osv-record.ts'
import { scoreSeverity } from '../severity.ts'
import type { FeedResult } from './feed-result.ts'

interface Branch {
  category?: string
  name?: string
  product?: { product_id?: string; product_identification_helper?: { cpe?: string; purl?: string } }
  branches?: Branch[]
}

/**
 * Whether a parsed JSON document is a CSAF VEX document published by Red Hat.
 *
 * @param doc parsed JSON
 * @returns true for `document.csaf_version` with a Red Hat publisher
 * @example
 * ```ts
 * import { isRedHatCsaf } from '@stowaway/match'
 * isRedHatCsaf({ document: { csaf_version: '2.0', publisher: { name: 'Red Hat Product Security' } } }) // true
 * ```
 */
export function isRedHatCsaf(doc: unknown): boolean {
  const d = (doc as { document?: { csaf_version?: unknown; publisher?: { name?: unknown; namespace?: unknown } } } | null)?.document
  return !!d && typeof d.csaf_version === 'string' && /red ?hat/i.test(String(d.publisher?.name ?? d.publisher?.namespace ?? ''))
}

// `pam-0:1.5.1-21.el9_5.x86_64` → name and EVR (epoch 0 dropped, as rpm compares it).
function parseNevra(s: string): { name: string; evr: string } | undefined {
  const m = /^(.+)-(\d+):([^-]+)-(.+?)(?:\.(x86_64|aarch64|ppc64le|s390x|i686|noarch|src|ppc64|s390))?$/.exec(s)
  if (!m) return undefined
  const [, name, epoch, version, release] = m
  return { name: name!, evr: `${epoch === '0' ? '' : epoch + ':'}${version}-${release}` }
}

/**
 * Read a Red Hat CSAF VEX document: `vendor_fix` remediations become fixed versions per
 * RHEL major release (`Red Hat:9`, from the platform's CPE), `no_fix_planned` →
 * `wont-fix`, `none_available` → `not-fixed`; the `impact` threat is Red Hat's rating,
 * CVSS v3 vectors are scored. Known-not-affected products are skipped.
 *
 * @param doc parsed CSAF JSON
 * @returns advisories (one per CVE) and skip reasons
 * @example
 * ```ts
 * import { parseRedHatCsaf } from '@stowaway/match'
 * declare const csaf: unknown
 * parseRedHatCsaf(csaf).advisories[0]?.affected[0]?.ecosystem // e.g. 'Red Hat:9'
 * ```
 */
export function parseRedHatCsaf(doc: unknown): FeedResult {
  const d = doc as {
    document: { tracking?: { id?: string }; title?: string }
    product_tree?: { branches?: Branch[]; relationships?: { product_reference?: string; relates_to_product_reference?: string; full_product_name?: { product_id?: string } }[] }
    vulnerabilities?: Record<string, unknown>[]
  }
  const skipped: string[] = []
  const platformRelease = new Map<string, string>()
  const walk = (bs: Branch[] | undefined) => {
    for (const b of bs ?? []) {
      const id = b.product?.product_id
      const cpe = b.product?.product_identification_helper?.cpe
      const m = cpe ? /^cpe:\/[ao]:redhat:(?:enterprise_linux|rhel_[a-z_]+):(\d+)/.exec(cpe) : null
      if (id && m) platformRelease.set(id, m[1]!)
      walk(b.branches)
    }
  }
  walk(d.product_tree?.branches)
  const rel = new Map<string, { component: string; platform: string }>()
  for (const r of d.product_tree?.relationships ?? []) {
    const id = r.full_product_name?.product_id
    if (id && r.product_reference && r.relates_to_product_reference) rel.set(id, { component: r.product_reference, platform: r.relates_to_product_reference })
  }
  const advisories: Advisory[] = []
  for (const v of d.vulnerabilities ?? []) {
    const cve = typeof v.cve === 'string' ? v.cve : undefined
    if (!cve) {
      skipped.push('CSAF vulnerability without a CVE')
      continue
    }
    const entries = new Map<string, AffectedPackage>()
    const add = (key: string, e: AffectedPackage) => {
      if (!entries.has(key)) entries.set(key, e)
    }
    for (const r of (v.remediations ?? []) as { category?: string; product_ids?: string[] }[]) {
      for (const pid of r.product_ids ?? []) {
        if (r.category === 'vendor_fix') {
          const link = rel.get(pid)
          if (link && /\.module[+_]|::module:|\.rpm-/.test(link.component)) {
            skipped.push('CSAF fix in a module stream (module-aware matching not supported)')
            continue
          }
          const release = link ? platformRelease.get(link.platform) : undefined
          const nevra = link ? parseNevra(link.component) : undefined
          if (!release || !nevra) {
            skipped.push('CSAF fix for a product without a RHEL release CPE or NEVRA (containers, other products)')
            continue
          }
          add(`${release}|${nevra.name}|${nevra.evr}`, { ecosystem: `Red Hat:${release}`, name: nevra.name, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: nevra.evr }] }] })
        } else if (r.category === 'no_fix_planned' || r.category === 'none_available') {
          const i = pid.lastIndexOf(':')
          const release = platformRelease.get(pid.slice(0, i))
          if (i < 0 || !release) {
            skipped.push('CSAF unfixed product without a RHEL release CPE')
            continue
          }
          add(`${release}|${pid.slice(i + 1)}|`, { ecosystem: `Red Hat:${release}`, name: pid.slice(i + 1), ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }], status: r.category === 'no_fix_planned' ? 'wont-fix' : 'not-fixed' })
        }
      }
    }
    if (entries.size === 0) {
      skipped.push('CSAF vulnerability without fixed or unfixed RHEL packages')
      continue
    }
    const impact = ((v.threats ?? []) as { category?: string; details?: string }[]).find((t) => t.category === 'impact')?.details
    const adv: Advisory = { id: cve, aliases: [], severities: [], references: [`https://access.redhat.com/security/cve/${cve}`], affected: [...entries.values()] }
    if (impact) adv.severities.push(scoreSeverity('RATING', impact, 'Red Hat'))
    for (const s of (v.scores ?? []) as { cvss_v3?: { vectorString?: string } }[]) {
      if (s.cvss_v3?.vectorString) adv.severities.push(scoreSeverity('CVSS_V3', s.cvss_v3.vectorString, 'Red Hat'))
    }
    const title = typeof v.title === 'string' ? v.title : d.document.title
    if (title) adv.summary = firstLine(title)
    advisories.push(adv)
  }
  return { format: 'redhat-csaf', advisories, skipped }
}
