import type { Advisory, AffectedPackage } from '../advisory.ts'
import { firstLine } from '../osv-record.ts'
import { normaliseRating, scoreSeverity } from '../severity.ts'
import type { FeedResult } from './feed-result.ts'
import { cveIds } from './feed-result.ts'

type Obj = Record<string, unknown>

const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v)
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : undefined)

/**
 * Whether a parsed JSON document is a Fedora Bodhi update (`FEDORA-2025-…` with
 * `builds` and a `release`).
 *
 * @param doc parsed JSON
 * @returns true for a Bodhi update
 * @example
 * ```ts
 * import { isFedoraBodhi } from '@stowaway/match'
 * isFedoraBodhi({ alias: 'FEDORA-2025-aaa1111111', builds: [], release: { version: '40' } }) // true
 * ```
 */
export function isFedoraBodhi(doc: unknown): boolean {
  return isObj(doc) && typeof doc.alias === 'string' && /^FEDORA-/.test(doc.alias) && Array.isArray(doc.builds) && isObj(doc.release)
}

/**
 * Read a Fedora Bodhi security update: each rpm build (a source package NVR) pushed to
 * stable is the fixed version for `Fedora:<release>`; the CVEs named by its bugs and
 * notes are aliases and its severity is Fedora's rating. EPEL updates (no ecosystem for
 * EPEL packages), updates not pushed to stable and non-security updates are skipped
 * with the reason.
 *
 * @param doc parsed JSON (see {@link isFedoraBodhi})
 * @returns the advisory or skip reasons
 * @example
 * ```ts
 * import { parseFedoraBodhi } from '@stowaway/match'
 * parseFedoraBodhi({ alias: 'FEDORA-2025-aaa1111111', type: 'security', status: 'stable', severity: 'medium', release: { version: '40', id_prefix: 'FEDORA' }, builds: [{ nvr: 'python3-docs-3.12.9-1.fc40', type: 'rpm' }], bugs: [{ title: 'CVE-2025-1234 python3-docs: overflow' }] }).advisories[0]?.affected[0]?.ecosystem // 'Fedora:40'
 * ```
 */
export function parseFedoraBodhi(doc: unknown): FeedResult {
  const d = doc as Obj
  const id = d.alias as string
  const release = d.release as Obj
  const one = (reason: string): FeedResult => ({ format: 'fedora-bodhi', advisories: [], skipped: [reason] })
  if (str(release.id_prefix) !== 'FEDORA' || /EPEL/i.test(id)) return one('EPEL update (EPEL packages have no OSV ecosystem)')
  if (str(d.type) !== 'security') return one(`Bodhi update of type "${str(d.type) ?? 'missing'}" (not a security update)`)
  if (str(d.status) !== 'stable') return one(`Bodhi update not pushed to stable (status "${str(d.status) ?? 'missing'}")`)
  const version = str(release.version)
  if (!version || !/^\d+$/.test(version)) return one('Bodhi update for a release without a number')
  const skipped: string[] = []
  const affected: AffectedPackage[] = []
  for (const b of d.builds as unknown[]) {
    if (!isObj(b)) continue
    const nvr = str(b.nvr) ?? ''
    const parts = nvr.split('-')
    if ((str(b.type) ?? 'rpm') !== 'rpm' || parts.length < 3) {
      skipped.push('Bodhi build that is not an rpm NVR (container, flatpak, module)')
      continue
    }
    const rel = parts.pop()!
    const ver = parts.pop()!
    const epoch = str(b.epoch)
    affected.push({ ecosystem: `Fedora:${version}`, name: parts.join('-'), ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: `${epoch && epoch !== '0' ? epoch + ':' : ''}${ver}-${rel}` }] }] })
  }
  if (!affected.length) return { format: 'fedora-bodhi', advisories: [], skipped: skipped.length ? skipped : ['Bodhi update without builds'] }
  const bugs = (Array.isArray(d.bugs) ? d.bugs : []).filter(isObj)
  const aliases = [...new Set([...bugs.flatMap((b) => cveIds(str(b.title) ?? '')), ...cveIds(str(d.notes) ?? '')])]
  const adv: Advisory = { id, aliases, severities: [], references: [str(d.url) ?? `https://bodhi.fedoraproject.org/updates/${id}`], affected }
  const severity = str(d.severity)
  if (severity && normaliseRating(severity) !== 'UNKNOWN') adv.severities.push(scoreSeverity('RATING', severity, 'Fedora'))
  const summary = str(d.display_name) ?? str(d.title)
  if (summary) adv.summary = firstLine(summary)
  const pushed = str(d.date_stable) ?? str(d.date_pushed)
  if (pushed) adv.published = pushed
  return { format: 'fedora-bodhi', advisories: [adv], skipped }
}
