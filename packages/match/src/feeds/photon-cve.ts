import type { Advisory } from '../advisory.ts'
import { ratingForScore } from '../cvss.ts'
import type { FeedResult } from './feed-result.ts'

type Obj = Record<string, unknown>

const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v)

/**
 * Whether a parsed JSON document is a Photon OS CVE list (`cve_data_photon<release>.json`:
 * an array of `{ cve_id, pkg, res_ver, status }`).
 *
 * @param doc parsed JSON
 * @returns true for such a list
 * @example
 * ```ts
 * import { isPhotonCveList } from '@stowaway/match'
 * isPhotonCveList([{ cve_id: 'CVE-2023-38545', pkg: 'curl', res_ver: '7.88.1-4.ph4', status: 'Fixed' }]) // true
 * ```
 */
export function isPhotonCveList(doc: unknown): boolean {
  return Array.isArray(doc) && doc.length > 0 && doc.every((e) => isObj(e) && typeof e.cve_id === 'string' && typeof e.pkg === 'string' && 'res_ver' in e)
}

/**
 * Read a Photon OS CVE list: a `Fixed` entry is fixed in `res_ver` for
 * `Photon OS:<release>` (release from the file name, `cve_data_photon4.0.json` → `4.0`),
 * other statuses without a fixed version are affected without a fix, `Not Affected` is
 * skipped; `cve_score` (a CVSS v3 base score, no vector) rates the entry. One advisory
 * per CVE.
 *
 * @param doc parsed JSON (see {@link isPhotonCveList})
 * @param path file path (release)
 * @returns advisories and skip reasons
 * @example
 * ```ts
 * import { parsePhotonCveList } from '@stowaway/match'
 * parsePhotonCveList([{ cve_id: 'CVE-2023-38545', pkg: 'curl', cve_score: 9.8, res_ver: '7.88.1-4.ph4', status: 'Fixed' }], 'cve_data_photon4.0.json').advisories[0]?.affected[0]?.ecosystem // 'Photon OS:4.0'
 * ```
 */
export function parsePhotonCveList(doc: unknown, path = ''): FeedResult {
  const release = /cve_data_photon(\d+\.\d+)\.json$/.exec(path)?.[1]
  if (!release) return { format: 'photon-cve', advisories: [], skipped: ['Photon OS CVE list whose file name names no release'] }
  const byId = new Map<string, Advisory>()
  const skipped: string[] = []
  for (const e of doc as Obj[]) {
    const id = String(e.cve_id)
    const status = String(e.status ?? '')
    if (/not affected/i.test(status)) {
      skipped.push('package marked not-affected for the release')
      continue
    }
    const fixed = typeof e.res_ver === 'string' && /^\d/.test(e.res_ver) ? e.res_ver : undefined
    let adv = byId.get(id)
    if (!adv) {
      adv = { id, aliases: [], severities: [], references: [], affected: [] }
      if (typeof e.cve_score === 'number' && e.cve_score > 0) adv.severities.push({ type: 'CVSS_V3', score: e.cve_score, rating: ratingForScore(e.cve_score), source: 'Photon OS' })
      byId.set(id, adv)
    }
    const eco = `Photon OS:${release}`
    if (adv.affected.some((a) => a.name === e.pkg)) continue
    adv.affected.push(
      fixed
        ? { ecosystem: eco, name: String(e.pkg), ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }] }
        : { ecosystem: eco, name: String(e.pkg), ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }], status: 'not-fixed' },
    )
  }
  return { format: 'photon-cve', advisories: [...byId.values()].filter((a) => a.affected.length), skipped }
}
