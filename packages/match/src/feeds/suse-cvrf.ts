import type { Advisory, AffectedPackage } from '../advisory.ts'
import { firstLine } from '../osv-record.ts'
import { scoreSeverity } from '../severity.ts'
import type { FeedResult } from './feed-result.ts'

/**
 * Whether a parsed JSON document is a SUSE CVRF advisory (as SUSE publishes it,
 * converted to JSON).
 *
 * @param doc parsed JSON
 * @returns true for `{ Tracking, ProductTree, Vulnerabilities }` with a SUSE id
 * @example
 * ```ts
 * import { isSuseCvrf } from '@stowaway/match'
 * isSuseCvrf({ Tracking: { ID: 'SUSE-SU-2019:0048-2' }, ProductTree: {}, Vulnerabilities: [] }) // true
 * ```
 */
export function isSuseCvrf(doc: unknown): boolean {
  const d = doc as { Tracking?: { ID?: unknown }; ProductTree?: unknown; Vulnerabilities?: unknown } | null
  return !!d && typeof d === 'object' && typeof d.Tracking?.ID === 'string' && /SUSE/i.test(d.Tracking.ID) && !!d.ProductTree && Array.isArray(d.Vulnerabilities)
}

/**
 * The ecosystem of a SUSE product name: SUSE Linux Enterprise products and modules →
 * `SUSE:<major>[.<SP>]` (`… 15 SP1` → `SUSE:15.1`), SLE Micro / SUSE Linux Micro →
 * `SUSE Micro:<version>`, openSUSE Leap → `openSUSE:<version>`, Tumbleweed →
 * `openSUSE:Tumbleweed`.
 *
 * @param product CVRF product name
 * @returns the ecosystem, or undefined for products we do not map
 * @example
 * ```ts
 * import { suseEcosystem } from '@stowaway/match'
 * suseEcosystem('SUSE Linux Enterprise Server 15 SP1') // 'SUSE:15.1'
 * ```
 */
export function suseEcosystem(product: string): string | undefined {
  if (/openSUSE Tumbleweed/i.test(product)) return 'openSUSE:Tumbleweed'
  let m = /openSUSE Leap (?:Micro )?(\d+\.\d+)/i.exec(product)
  if (m) return `openSUSE:${m[1]}`
  m = /(?:SUSE Linux Enterprise Micro|SUSE Linux Micro) (\d+(?:\.\d+)?)/i.exec(product)
  if (m) return `SUSE Micro:${m[1]}`
  m = /SUSE Linux Enterprise.*? (\d+)(?: SP(\d+))?(?:-[A-Z]+)?$/i.exec(product)
  if (m) return `SUSE:${m[1]}${m[2] ? '.' + m[2] : ''}`
  return undefined
}

// `GraphicsMagick-devel-1.3.29-bp150.2.12.1` → name and version-release.
function parseNvr(s: string): { name: string; vr: string } | undefined {
  const parts = s.split('-')
  if (parts.length < 3) return undefined
  const rel = parts.pop()!
  const ver = parts.pop()!
  if (!/^\d/.test(ver)) return undefined
  return { name: parts.join('-'), vr: `${ver}-${rel}` }
}

/**
 * Read a SUSE CVRF advisory: each `Fixed` product status `"<product>:<name>-<version>-<release>"`
 * becomes a fixed version for that product's ecosystem (see {@link suseEcosystem});
 * the `Impact` threat is SUSE's rating. One advisory per CVE, the SUSE-SU id kept as
 * an alias.
 *
 * @param doc parsed CVRF JSON
 * @returns advisories and skip reasons
 * @example
 * ```ts
 * import { parseSuseCvrf } from '@stowaway/match'
 * declare const cvrf: unknown
 * parseSuseCvrf(cvrf).advisories
 * ```
 */
export function parseSuseCvrf(doc: unknown): FeedResult {
  const d = doc as { Title?: string; Tracking: { ID: string }; Vulnerabilities: Record<string, unknown>[] }
  const advisories: Advisory[] = []
  const skipped: string[] = []
  for (const v of d.Vulnerabilities) {
    const cve = typeof v.CVE === 'string' ? v.CVE : undefined
    if (!cve) {
      skipped.push('CVRF vulnerability without a CVE')
      continue
    }
    const entries = new Map<string, AffectedPackage>()
    for (const st of (v.ProductStatuses ?? []) as { Type?: string; ProductID?: string[] }[]) {
      if (st.Type !== 'Fixed') continue
      for (const pid of st.ProductID ?? []) {
        const i = pid.lastIndexOf(':')
        const eco = i > 0 ? suseEcosystem(pid.slice(0, i)) : undefined
        const nvr = i > 0 ? parseNvr(pid.slice(i + 1)) : undefined
        if (!eco || !nvr) {
          skipped.push('CVRF fixed product outside SUSE Linux Enterprise / openSUSE, or without a package NVR')
          continue
        }
        const key = `${eco}|${nvr.name}`
        if (!entries.has(key)) entries.set(key, { ecosystem: eco, name: nvr.name, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: nvr.vr }] }] })
      }
    }
    if (entries.size === 0) {
      skipped.push('CVRF vulnerability without fixed SUSE packages')
      continue
    }
    const adv: Advisory = { id: cve, aliases: [d.Tracking.ID], severities: [], references: [`https://www.suse.com/security/cve/${cve}/`], affected: [...entries.values()] }
    const impact = ((v.Threats ?? []) as { Type?: string; Severity?: string }[]).find((t) => t.Type === 'Impact')?.Severity
    if (impact) adv.severities.push(scoreSeverity('RATING', impact, 'SUSE'))
    if (d.Title) adv.summary = firstLine(d.Title)
    advisories.push(adv)
  }
  return { format: 'suse-cvrf', advisories, skipped }
}
