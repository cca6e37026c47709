import type { Inventory, Package } from '@stowaway/core'
import type { AdvisoryDb } from '@stowaway/match'
import { ecosystemKey, targetOf } from '@stowaway/match'

/**
 * Why a component could not be checked: it has no purl and no ecosystem hint, its purl
 * type maps to no advisory ecosystem, or the DB holds no advisories for its ecosystem.
 *
 * @example
 * ```ts
 * import type { UnmatchedReason } from '@stowaway/web'
 * const r: UnmatchedReason = 'no-advisory-data'
 * ```
 */
export type UnmatchedReason = 'no-purl' | 'unknown-ecosystem' | 'no-advisory-data'

/**
 * A component the check skipped, with the reason shown on the page.
 *
 * @example
 * ```ts
 * import type { UnmatchedComponent } from '@stowaway/web'
 * const u: UnmatchedComponent = { name: 'libfoo', version: '1.0', reason: 'no-purl' }
 * ```
 */
export interface UnmatchedComponent {
  name: string
  version: string
  purl?: string
  ecosystem?: string
  reason: UnmatchedReason
}

/**
 * Human wording of each {@link UnmatchedReason}.
 *
 * @example
 * ```ts
 * import { UNMATCHED_TEXT } from '@stowaway/web'
 * UNMATCHED_TEXT['no-purl'] // 'no purl and no ecosystem hint'
 * ```
 */
export const UNMATCHED_TEXT: Record<UnmatchedReason, string> = {
  'no-purl': 'no purl and no ecosystem hint',
  'unknown-ecosystem': 'purl type maps to no advisory ecosystem',
  'no-advisory-data': 'no advisories for this ecosystem in the DB',
}

/**
 * Split an inventory into the ecosystems to load and the components that cannot be
 * matched, using the matcher's own target rules so both agree.
 *
 * @param inv the inventory read from the SBOM
 * @param db the opened DB (manifest only; no shard is loaded)
 * @returns ecosystems present in the SBOM that the DB covers, and the unmatched components
 * @example
 * ```ts
 * import { classifyComponents } from '@stowaway/web'
 * import type { AdvisoryDb } from '@stowaway/match'
 * declare const db: AdvisoryDb
 * const { ecosystems, unmatched } = classifyComponents({ packages: [{ name: 'x', version: '1', type: 'generic' }], warnings: [] }, db)
 * // unmatched[0].reason === 'no-purl'
 * ```
 */
export function classifyComponents(inv: Inventory, db: Pick<AdvisoryDb, 'has'>): { ecosystems: string[]; unmatched: UnmatchedComponent[] } {
  const ecosystems = new Map<string, string>()
  const unmatched: UnmatchedComponent[] = []
  const base = (p: Package) => ({ name: p.name, version: p.version, ...(p.purl ? { purl: p.purl } : {}) })
  for (const p of inv.packages) {
    const t = targetOf(p, inv)
    if (!t) {
      unmatched.push({ ...base(p), reason: p.purl || p.ecosystem ? 'unknown-ecosystem' : 'no-purl' })
      continue
    }
    if (!db.has(t.ecosystem)) {
      unmatched.push({ ...base(p), ecosystem: t.ecosystem, reason: 'no-advisory-data' })
      continue
    }
    const k = ecosystemKey(t.ecosystem)
    if (!ecosystems.has(k)) ecosystems.set(k, t.ecosystem)
  }
  return { ecosystems: [...ecosystems.values()], unmatched }
}
