import type { FeedResult } from './feed-result.ts'
import type { UpdateinfoCollection } from './updateinfo.ts'
import { parseUpdateinfo } from './updateinfo.ts'

type Obj = Record<string, unknown>

/**
 * Whether a parsed JSON document is an Amazon Linux security advisory (ALAS) in the
 * updateinfo JSON layout (`amazon/<release>/ALAS2-2021-1699.json`).
 *
 * @param doc parsed JSON
 * @returns true for an `ALAS…` id with a `packages` list
 * @example
 * ```ts
 * import { isAmazonAlas } from '@stowaway/match'
 * isAmazonAlas({ id: 'ALAS2-2021-1699', packages: [], cveids: [] }) // true
 * ```
 */
export function isAmazonAlas(doc: unknown): boolean {
  const d = doc as Obj | null
  return !!d && typeof d === 'object' && typeof d.id === 'string' && /^ALAS/.test(d.id) && Array.isArray(d.packages)
}

/**
 * The Amazon Linux release an ALAS id belongs to: `ALAS-` → 1 (the AMI), `ALAS2-` and
 * the AL2 extras (`ALAS2KERNEL-5.10-…`) → 2, `ALAS2022-` → 2022, `ALAS2023-` → 2023.
 *
 * @param id advisory id
 * @returns the release
 * @example
 * ```ts
 * import { amazonRelease } from '@stowaway/match'
 * amazonRelease('ALAS2023-2023-001') // '2023'
 * ```
 */
export function amazonRelease(id: string): string | undefined {
  const digits = /^ALAS(\d*)/.exec(id)?.[1]
  if (digits === undefined) return undefined
  if (digits === '') return '1'
  if (digits.startsWith('2023')) return '2023'
  if (digits.startsWith('2022')) return '2022'
  return digits.startsWith('2') ? '2' : undefined
}

/**
 * Read an Amazon Linux ALAS record: every package is fixed in its listed build for
 * `Amazon Linux:<release>` (release from the `amazon/<release>/` path, else the id),
 * the CVEs are aliases and the severity (`critical`, `important`, `medium`, `low`) is
 * Amazon's rating.
 *
 * @param doc parsed JSON (see {@link isAmazonAlas})
 * @param path file path (release hint)
 * @returns the advisory or skip reasons
 * @example
 * ```ts
 * import { parseAmazonAlas } from '@stowaway/match'
 * parseAmazonAlas({ id: 'ALAS2-2021-1699', severity: 'low', packages: [{ name: 'kernel', epoch: '0', version: '4.14.243', release: '185.433.amzn2' }], cveids: ['CVE-2021-22543'] }).advisories[0]?.affected[0]?.ecosystem // 'Amazon Linux:2'
 * ```
 */
export function parseAmazonAlas(doc: unknown, path = ''): FeedResult {
  const d = doc as Obj
  const id = d.id as string
  const release = /(?:^|\/)amazon\/(\d+)\//.exec(path)?.[1] ?? amazonRelease(id)
  const collections: UpdateinfoCollection[] = [{ packages: Array.isArray(d.packages) ? d.packages : [], module: false }]
  return parseUpdateinfo(doc, { format: 'amazon-alas', ecosystem: release ? `Amazon Linux:${release}` : undefined, rating: 'Amazon Linux', id, collections })
}
