import type { FeedResult } from './feed-result.ts'
import type { UpdateinfoCollection } from './updateinfo.ts'
import { parseUpdateinfo, releaseFromPackages } from './updateinfo.ts'

type Obj = Record<string, unknown>

/**
 * Whether a parsed JSON document is an AlmaLinux errata record as AlmaLinux's errata
 * service exports it (`updateinfo_id` + `pkglist`, `alma/<release>/<year>/ALSA-….json`).
 *
 * @param doc parsed JSON
 * @returns true for such a record
 * @example
 * ```ts
 * import { isAlmaErrata } from '@stowaway/match'
 * isAlmaErrata({ updateinfo_id: 'ALSA-2021:3076', pkglist: { packages: [] } }) // true
 * ```
 */
export function isAlmaErrata(doc: unknown): boolean {
  const d = doc as Obj | null
  return !!d && typeof d === 'object' && typeof d.updateinfo_id === 'string' && !!d.pkglist && typeof d.pkglist === 'object'
}

/**
 * Read an AlmaLinux errata record: the package list is fixed in its listed builds for
 * `AlmaLinux:<major>` (from the `alma/<N>/` path, the list's `almalinux-<N>-…` name or
 * the `.el<N>` tag); a list inside a module stream is skipped with the reason; the
 * severity (`Moderate` …) is AlmaLinux's rating and the CVE references are aliases. The
 * same errata in AlmaLinux's OSV feed carries the same id, so the two merge in the DB.
 *
 * @param doc parsed JSON (see {@link isAlmaErrata})
 * @param path file path (release hint)
 * @returns the advisory or skip reasons
 * @example
 * ```ts
 * import { parseAlmaErrata } from '@stowaway/match'
 * parseAlmaErrata({ updateinfo_id: 'ALSA-2021:3076', severity: 'Moderate', pkglist: { name: 'almalinux-8-for-x86_64-baseos-rpms', packages: [{ name: 'golang', epoch: '0', version: '1.15.14', release: '1.el8' }] } }).advisories[0]?.affected[0]?.ecosystem // 'AlmaLinux:8'
 * ```
 */
export function parseAlmaErrata(doc: unknown, path = ''): FeedResult {
  const d = doc as Obj
  const list = d.pkglist as Obj
  const collections: UpdateinfoCollection[] = [{ packages: Array.isArray(list.packages) ? list.packages : [], module: !!list.module && typeof list.module === 'object' }]
  const release = /(?:^|\/)alma\/(\d+)\//.exec(path)?.[1] ?? (typeof list.name === 'string' ? /^almalinux-(\d+)-/.exec(list.name)?.[1] : undefined) ?? releaseFromPackages(collections, 'el')
  const issued = (d.issued_date as Obj | undefined)?.$date
  const normalised = { ...d, ...(typeof issued === 'number' ? { issued: { date: new Date(issued).toISOString() } } : {}) }
  return parseUpdateinfo(normalised, { format: 'alma-errata', ecosystem: release ? `AlmaLinux:${release}` : undefined, rating: 'AlmaLinux', id: d.updateinfo_id as string, collections })
}
