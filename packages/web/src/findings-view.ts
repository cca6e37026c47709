import { SEVERITIES } from '@stowaway/core'
import type { Severity } from '@stowaway/core'
import type { FindingRow } from './messages.ts'

/**
 * Columns the findings table sorts by.
 *
 * @example
 * ```ts
 * import type { SortKey } from '@stowaway/web'
 * const k: SortKey = 'severity'
 * ```
 */
export type SortKey = 'id' | 'package' | 'installed' | 'fixed' | 'severity' | 'status'

/**
 * The table's view state: sort column and direction, free-text filter, severities shown.
 *
 * @example
 * ```ts
 * import type { ViewState } from '@stowaway/web'
 * const v: ViewState = { sort: 'severity', descending: false, text: 'openssl', severities: new Set(['CRITICAL', 'HIGH']) }
 * ```
 */
export interface ViewState {
  sort: SortKey
  descending: boolean
  text: string
  /** Empty = all severities. */
  severities: Set<Severity>
}

const RANK = new Map(SEVERITIES.map((s, i) => [s, i]))
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' })

function cell(r: FindingRow, k: SortKey): string {
  switch (k) {
    case 'fixed':
      return r.fixed.join(', ')
    default:
      return String(r[k])
  }
}

/**
 * Filter and sort findings for display. Severity sorts by rank (CRITICAL first when
 * ascending); other columns compare as text with numeric runs ordered as numbers; ties
 * fall back to severity, then id, so the order is total and stable.
 *
 * @param rows all findings
 * @param view the view state
 * @returns a new array; `rows` is not changed
 * @example
 * ```ts
 * import { viewFindings } from '@stowaway/web'
 * import type { FindingRow } from '@stowaway/web'
 * declare const rows: FindingRow[]
 * viewFindings(rows, { sort: 'package', descending: false, text: '', severities: new Set() })
 * ```
 */
export function viewFindings(rows: readonly FindingRow[], view: ViewState): FindingRow[] {
  const needle = view.text.trim().toLowerCase()
  const kept = rows.filter((r) => {
    if (view.severities.size && !view.severities.has(r.severity)) return false
    if (!needle) return true
    return [r.id, ...r.aliases, r.package, r.ecosystem, r.installed, ...r.fixed, r.severity, r.status, r.summary ?? ''].some((s) => s.toLowerCase().includes(needle))
  })
  const bySeverity = (a: FindingRow, b: FindingRow) => RANK.get(a.severity)! - RANK.get(b.severity)!
  const cmp = (a: FindingRow, b: FindingRow): number => {
    const primary =
      view.sort === 'severity'
        ? bySeverity(a, b)
        : view.sort === 'package'
          ? collator.compare(a.package, b.package) || collator.compare(a.ecosystem, b.ecosystem)
          : collator.compare(cell(a, view.sort), cell(b, view.sort))
    return view.descending ? -primary : primary
  }
  return kept.sort((a, b) => cmp(a, b) || bySeverity(a, b) || collator.compare(a.id, b.id) || collator.compare(a.package, b.package))
}
