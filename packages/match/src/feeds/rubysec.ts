import type { Advisory, AffectedPackage, AdvisorySeverity } from '../advisory.ts'
import { firstLine } from '../osv-record.ts'
import { ratingForScore } from '../cvss.ts'
import type { FeedResult } from './feed-result.ts'

/**
 * Whether a parsed YAML document is a ruby-advisory-db entry (`gem:` or `engine:`).
 *
 * @param doc parsed YAML
 * @returns true for ruby-advisory-db records
 * @example
 * ```ts
 * import { isRubySec } from '@stowaway/match'
 * isRubySec({ gem: 'rack', patched_versions: ['>= 1.4.0'] }) // true
 * ```
 */
export function isRubySec(doc: unknown): boolean {
  const d = doc as Record<string, unknown> | null
  return !!d && typeof d === 'object' && (typeof d.gem === 'string' || typeof d.engine === 'string') && ('patched_versions' in d || 'unaffected_versions' in d || 'title' in d)
}

function strs(x: unknown): string[] {
  return Array.isArray(x) ? x.map(String) : []
}

/**
 * Read a ruby-advisory-db record. The id is its GHSA, else CVE, else OSVDB id; the
 * others become aliases. Patched and unaffected requirements (RubyGems syntax,
 * comma = and) are stored as native exemptions. Interpreter advisories (`engine:`)
 * have no OSV ecosystem and are skipped with that reason.
 *
 * @param doc parsed YAML
 * @returns one advisory or a skip reason
 * @example
 * ```ts
 * import { parseRubySec } from '@stowaway/match'
 * parseRubySec({ gem: 'rack', cve: '2011-5036', patched_versions: ['>= 1.4.0'] }).advisories[0].id // 'CVE-2011-5036'
 * ```
 */
export function parseRubySec(doc: unknown): FeedResult {
  const d = doc as Record<string, unknown>
  if (typeof d.gem !== 'string') return { format: 'rubysec', advisories: [], skipped: ['Ruby interpreter advisory (engine, no OSV ecosystem)'] }
  const ids: string[] = []
  if (d.ghsa) ids.push(`GHSA-${d.ghsa}`)
  if (d.cve) ids.push(`CVE-${d.cve}`)
  if (d.osvdb) ids.push(`OSVDB-${d.osvdb}`)
  if (ids.length === 0) return { format: 'rubysec', advisories: [], skipped: ['advisory without GHSA, CVE or OSVDB id'] }
  const patched = strs(d.patched_versions)
  const unaffected = strs(d.unaffected_versions)
  const entry: AffectedPackage = { ecosystem: 'RubyGems', name: d.gem, nativeUnaffected: [...patched, ...unaffected] }
  if (patched.length) entry.fixed = patched
  else entry.status = 'not-fixed'
  // No exemptions at all: every version is affected.
  if (entry.nativeUnaffected!.length === 0) entry.ranges = [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }]
  const severities: AdvisorySeverity[] = []
  if (typeof d.cvss_v3 === 'number') severities.push({ type: 'CVSS_V3', score: d.cvss_v3, rating: ratingForScore(d.cvss_v3), source: 'RubySec' })
  if (typeof d.cvss_v4 === 'number') severities.push({ type: 'CVSS_V4', score: d.cvss_v4, rating: ratingForScore(d.cvss_v4), source: 'RubySec' })
  if (typeof d.cvss_v2 === 'number') {
    const s = d.cvss_v2
    severities.push({ type: 'CVSS_V2', score: s, rating: s >= 7 ? 'HIGH' : s >= 4 ? 'MEDIUM' : 'LOW', source: 'RubySec' })
  }
  const adv: Advisory = {
    id: ids[0]!,
    aliases: ids.slice(1),
    severities,
    references: typeof d.url === 'string' ? [d.url] : [],
    affected: [entry],
  }
  if (typeof d.title === 'string') adv.summary = firstLine(d.title)
  if (d.date) adv.published = String(d.date instanceof Date ? d.date.toISOString().slice(0, 10) : d.date)
  return { format: 'rubysec', advisories: [adv], skipped: [] }
}
