import type { FeedResult } from './feed-result.ts'
import type { UpdateinfoCollection } from './updateinfo.ts'
import { parseUpdateinfo, releaseFromPackages } from './updateinfo.ts'

type Obj = Record<string, unknown>

/**
 * Whether a parsed JSON document is a Rocky Linux errata record in the updateinfo JSON
 * layout (`rocky/<release>/<repo>/<arch>/<year>/RLSA-2021-1989.json`).
 *
 * @param doc parsed JSON
 * @returns true for an `RL?A-` id with `collections`
 * @example
 * ```ts
 * import { isRockyErrata } from '@stowaway/match'
 * isRockyErrata({ id: 'RLSA-2021:1989', collections: [] }) // true
 * ```
 */
export function isRockyErrata(doc: unknown): boolean {
  const d = doc as Obj | null
  return !!d && typeof d === 'object' && typeof d.id === 'string' && /^RL[SBE]A-/.test(d.id) && Array.isArray(d.collections)
}

/**
 * Read a Rocky Linux errata record: packages of non-module collections are fixed in
 * their listed builds for `Rocky Linux:<major>` (major from the `rocky/<release>/` path,
 * else the packages' `.el<N>` tag); module collections are skipped with the reason; the
 * severity (`Important` …) is Rocky's rating, the CVEs are aliases.
 *
 * @param doc parsed JSON (see {@link isRockyErrata})
 * @param path file path (release hint)
 * @returns the advisory or skip reasons
 * @example
 * ```ts
 * import { parseRockyErrata } from '@stowaway/match'
 * parseRockyErrata({ id: 'RLSA-2021:1989', severity: 'Important', collections: [{ packages: [{ name: 'bind-export-libs', epoch: '32', version: '9.11.26', release: '4.el8_4' }] }], cveids: ['CVE-2021-25215'] }).advisories[0]?.affected[0]?.ecosystem // 'Rocky Linux:8'
 * ```
 */
export function parseRockyErrata(doc: unknown, path = ''): FeedResult {
  const d = doc as Obj
  const collections: UpdateinfoCollection[] = (d.collections as unknown[]).map((c) => {
    const o = (c && typeof c === 'object' ? c : {}) as Obj
    return { packages: Array.isArray(o.packages) ? o.packages : [], module: !!o.module && typeof o.module === 'object' }
  })
  const release = /(?:^|\/)rocky\/(\d+)(?:\.\d+)?\//.exec(path)?.[1] ?? releaseFromPackages(collections, 'el')
  return parseUpdateinfo(doc, { format: 'rocky-errata', ecosystem: release ? `Rocky Linux:${release}` : undefined, rating: 'Rocky Linux', id: d.id as string, collections })
}
