import type { Advisory } from '../advisory.ts'
import type { FeedResult } from './feed-result.ts'
import { cveIds } from './feed-result.ts'

/**
 * Whether a parsed YAML/JSON document is an Alpine secdb file.
 *
 * @param doc parsed document
 * @returns true for `{ distroversion, packages: [{ pkg: { name, secfixes } }] }`
 * @example
 * ```ts
 * import { isAlpineSecdb } from '@stowaway/match'
 * isAlpineSecdb({ distroversion: 'v3.9', packages: [] }) // true
 * ```
 */
export function isAlpineSecdb(doc: unknown): boolean {
  const d = doc as Record<string, unknown> | null
  return !!d && typeof d === 'object' && typeof d.distroversion === 'string' && (Array.isArray(d.packages) || (d.packages == null && typeof d.reponame === 'string'))
}

/**
 * Turn an Alpine secdb document into one advisory per CVE, each naming the origin
 * packages it was fixed in for that release (`Alpine:v3.9`). A fixed version of `0`
 * means the release was never affected: such entries are skipped, not matched.
 *
 * @param doc parsed secdb document
 * @returns advisories and skip reasons
 * @example
 * ```ts
 * import { parseAlpineSecdb } from '@stowaway/match'
 * const r = parseAlpineSecdb({ distroversion: 'v3.9', packages: [{ pkg: { name: 'musl', secfixes: { '1.1.20-r4': ['CVE-2019-14697'] } } }] })
 * r.advisories[0].affected[0].ecosystem // 'Alpine:v3.9'
 * ```
 */
export function parseAlpineSecdb(doc: unknown): FeedResult {
  const d = doc as { distroversion: string; packages?: { pkg?: { name?: string; secfixes?: Record<string, unknown> } }[] }
  const ecosystem = `Alpine:${d.distroversion.startsWith('v') ? d.distroversion : 'v' + d.distroversion}`
  const byId = new Map<string, Advisory>()
  const skipped: string[] = []
  for (const entry of d.packages ?? []) {
    const name = entry?.pkg?.name
    const secfixes = entry?.pkg?.secfixes
    if (!name || !secfixes || typeof secfixes !== 'object') {
      skipped.push('secdb package without name or secfixes')
      continue
    }
    const seen = new Set<string>()
    for (const [fixed, ids] of Object.entries(secfixes)) {
      const list = Array.isArray(ids) ? ids.map(String) : []
      for (const line of list) {
        const found = cveIds(line)
        if (found.length === 0) {
          skipped.push(/^CVE[ _]\d/.test(line) ? 'secfixes id misspelt (no parsable CVE id)' : 'secfixes id is not a CVE (e.g. XSA, no alias database)')
          continue
        }
        for (const id of found) {
          if (fixed === '0') {
            skipped.push('fixed version "0": release never affected')
            continue
          }
          // A CVE listed under two fixed versions of one package: the lowest fix counts.
          if (seen.has(id)) {
            skipped.push('CVE listed twice for one package (first fix kept)')
            continue
          }
          seen.add(id)
          let adv = byId.get(id)
          if (!adv) {
            adv = { id, aliases: [], severities: [], references: [`https://security.alpinelinux.org/vuln/${id}`], affected: [] }
            byId.set(id, adv)
          }
          adv.affected.push({ ecosystem, name, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }] })
        }
      }
    }
  }
  return { format: 'alpine-secdb', advisories: [...byId.values()], skipped }
}
