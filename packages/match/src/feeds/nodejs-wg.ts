import type { Advisory, AffectedPackage } from '../advisory.ts'
import { firstLine } from '../osv-record.ts'
import { scoreSeverity } from '../severity.ts'
import type { FeedResult } from './feed-result.ts'

/**
 * Which nodejs/security-wg shape a parsed JSON document has.
 *
 * @param doc parsed JSON
 * @returns `npm` for ecosystem advisories, `core` for Node.js runtime ones, else undefined
 * @example
 * ```ts
 * import { nodejsWgKind } from '@stowaway/match'
 * nodejsWgKind({ module_name: 'bassmaster', vulnerable_versions: '<=1.5.1' }) // 'npm'
 * ```
 */
export function nodejsWgKind(doc: unknown): 'npm' | 'core' | undefined {
  const d = doc as Record<string, unknown> | null
  if (!d || typeof d !== 'object' || Array.isArray(d)) return undefined
  if (typeof d.module_name === 'string' && 'vulnerable_versions' in d) return 'npm'
  if ('vulnerable' in d && 'patched' in d && Array.isArray(d.cve)) return 'core'
  return undefined
}

/**
 * Read a nodejs/security-wg npm advisory (`vulnerable_versions` node-semver range,
 * id `NSWG-ECO-<n>`). Node core advisories concern the runtime, which has no OSV
 * ecosystem, and are skipped with that reason.
 *
 * @param doc parsed JSON
 * @returns one advisory or a skip reason
 * @example
 * ```ts
 * import { parseNodejsWg } from '@stowaway/match'
 * parseNodejsWg({ id: 1, module_name: 'bassmaster', vulnerable_versions: '<=1.5.1', patched_versions: '>=1.5.2', cves: ['CVE-2014-7205'] }).advisories[0].id // 'NSWG-ECO-1'
 * ```
 */
export function parseNodejsWg(doc: unknown): FeedResult {
  const d = doc as Record<string, unknown>
  if (nodejsWgKind(d) === 'core') return { format: 'nodejs-wg', advisories: [], skipped: ['Node.js core advisory (runtime, no OSV ecosystem)'] }
  const vulnerable = typeof d.vulnerable_versions === 'string' ? d.vulnerable_versions.trim() : ''
  if (!vulnerable) return { format: 'nodejs-wg', advisories: [], skipped: ['npm advisory without vulnerable_versions'] }
  const entry: AffectedPackage = { ecosystem: 'npm', name: String(d.module_name), native: [vulnerable] }
  const patched = typeof d.patched_versions === 'string' ? d.patched_versions.trim() : ''
  if (patched && patched !== '<0.0.0') {
    entry.nativeUnaffected = [patched]
    entry.fixed = [patched]
  } else entry.status = 'not-fixed'
  const adv: Advisory = {
    id: `NSWG-ECO-${d.id}`,
    aliases: Array.isArray(d.cves) ? d.cves.map(String) : [],
    severities: typeof d.cvss_vector === 'string' && d.cvss_vector.startsWith('CVSS:3') ? [scoreSeverity('CVSS_V3', d.cvss_vector, 'nodejs-wg')] : [],
    references: Array.isArray(d.references) ? d.references.map(String) : [],
    affected: [entry],
  }
  if (typeof d.title === 'string') adv.summary = firstLine(d.title)
  if (typeof d.publish_date === 'string') adv.published = d.publish_date
  return { format: 'nodejs-wg', advisories: [adv], skipped: [] }
}
