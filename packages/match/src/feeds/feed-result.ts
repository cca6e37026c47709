import type { Advisory } from '../advisory.ts'

/**
 * What one source document yielded: advisories, and a reason for each record (or
 * record part) it did not take. Every reject carries a reason so ingest reports can
 * account for all input.
 *
 * @example
 * ```ts
 * import type { FeedResult } from '@stowaway/match'
 * const r: FeedResult = { format: 'alpine-secdb', advisories: [], skipped: ['fixed version "0": never affected'] }
 * ```
 */
export interface FeedResult {
  /** Detected format id (`osv`, `alpine-secdb`, `debian-tracker-json` …) or `unknown`. */
  format: string
  advisories: Advisory[]
  /** One reason per skipped record or entry. */
  skipped: string[]
}

const CVE = /CVE-\d{4}-\d{4,}/g

/**
 * Extract the CVE ids written in a text (secfixes lines like `CVE-2019-1 CVE-2019-2`).
 *
 * @param text free text
 * @returns ids in order of appearance
 * @example
 * ```ts
 * import { cveIds } from '@stowaway/match'
 * cveIds('CVE-2019-0001 CVE-2019-0002') // ['CVE-2019-0001', 'CVE-2019-0002']
 * ```
 */
export function cveIds(text: string): string[] {
  return text.match(CVE) ?? []
}
