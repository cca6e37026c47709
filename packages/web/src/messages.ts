import type { Severity, Warning } from '@stowaway/core'
import type { ScanReport } from '@stowaway/match'
import type { UnmatchedComponent } from './unmatched.ts'

/**
 * One row of the findings table: the parts of a `Finding` the page shows, flat so
 * sorting and filtering need no lookups.
 *
 * @example
 * ```ts
 * import type { FindingRow } from '@stowaway/web'
 * const r: FindingRow = { id: 'GHSA-xxxx', aliases: [], package: 'lodash', ecosystem: 'npm', installed: '4.17.15', fixed: ['4.17.21'], severity: 'HIGH', status: 'fixed', url: 'https://osv.dev/vulnerability/GHSA-xxxx' }
 * ```
 */
export interface FindingRow {
  id: string
  aliases: string[]
  summary?: string
  package: string
  ecosystem: string
  installed: string
  fixed: string[]
  severity: Severity
  status: string
  url: string
}

/**
 * One DB shard the check used, and whether it came from the Cache API.
 *
 * @example
 * ```ts
 * import type { ShardUse } from '@stowaway/web'
 * const s: ShardUse = { file: 'npm.swdb', bytes: 50954, cached: false }
 * ```
 */
export interface ShardUse {
  file: string
  bytes: number
  cached: boolean
}

/**
 * Everything the page renders after a check.
 *
 * @example
 * ```ts
 * import type { CheckResult } from '@stowaway/web'
 * declare const r: CheckResult
 * r.findings.length
 * ```
 */
export interface CheckResult {
  source: string
  components: number
  findings: FindingRow[]
  counts: Record<Severity, number>
  unmatched: UnmatchedComponent[]
  shards: ShardUse[]
  warnings: Warning[]
  /** The scan report behind the downloads; formatted on demand ({@link formatReport}). */
  report: ScanReport
  /** Milliseconds per stage, for the progress line and bench/. */
  timings: { parse: number; db: number; match: number; format: number }
}

/**
 * What the page receives after a check: everything but the findings and reports,
 * which stay in the worker (the page asks for one sorted, filtered page of rows at a
 * time, and for a report when the person downloads it), so a huge result never
 * crosses to the main thread at once.
 *
 * @example
 * ```ts
 * import type { CheckSummary } from '@stowaway/web'
 * declare const s: CheckSummary
 * s.findingsTotal
 * ```
 */
export interface CheckSummary extends Omit<CheckResult, 'findings' | 'report' | 'unmatched'> {
  findingsTotal: number
  /** The first {@link SUMMARY_LIST_LIMIT} unmatched components. */
  unmatched: UnmatchedComponent[]
  unmatchedByReason: Partial<Record<UnmatchedComponent['reason'], number>>
  /** The first {@link SUMMARY_LIST_LIMIT} warnings (`warnings`) of this many. */
  warningsTotal: number
}

/**
 * How many rows (findings or unmatched components) cross to the page at once.
 *
 * @example
 * ```ts
 * import { SUMMARY_LIST_LIMIT } from '@stowaway/web'
 * const page = { type: 'view', seq: 1, limit: SUMMARY_LIST_LIMIT }
 * ```
 */
export const SUMMARY_LIST_LIMIT = 500

/**
 * The table view as it crosses to the worker (a severity list instead of a Set).
 *
 * @example
 * ```ts
 * import type { ViewMessageState } from '@stowaway/web'
 * const v: ViewMessageState = { sort: 'package', descending: false, text: 'lodash', severities: ['HIGH'] }
 * ```
 */
export interface ViewMessageState {
  sort: 'id' | 'package' | 'installed' | 'fixed' | 'severity' | 'status'
  descending: boolean
  text: string
  severities: Severity[]
}

/**
 * Report kinds the page offers for download: Stowaway JSON, SARIF 2.1.0, CycloneDX VEX.
 *
 * @example
 * ```ts
 * import type { ReportKind } from '@stowaway/web'
 * const k: ReportKind = 'sarif'
 * ```
 */
export type ReportKind = 'json' | 'sarif' | 'vex'

/**
 * File name and media type of each downloadable report.
 *
 * @example
 * ```ts
 * import { REPORT_FILES } from '@stowaway/web'
 * REPORT_FILES.sarif.name // 'stowaway-report.sarif'
 * ```
 */
export const REPORT_FILES: Record<ReportKind, { name: string; type: string }> = {
  json: { name: 'stowaway-report.json', type: 'application/json' },
  sarif: { name: 'stowaway-report.sarif', type: 'application/sarif+json' },
  vex: { name: 'stowaway-vex.cdx.json', type: 'application/vnd.cyclonedx+json' },
}

/**
 * Page → worker messages: check a file, ask for a page of rows, ask for a report.
 *
 * @example
 * ```ts
 * import type { PageMessage } from '@stowaway/web'
 * const m: PageMessage = { type: 'check', file: new Blob(['{}']), name: 'bom.json', dbUrl: 'https://example.org/db/' }
 * ```
 */
export type PageMessage =
  | { type: 'check'; file: Blob; name: string; dbUrl: string }
  | { type: 'view'; seq: number; view: ViewMessageState; limit: number }
  | { type: 'report'; kind: ReportKind }

/**
 * Worker → page messages: progress while working, then the summary or an error; rows
 * and a report (as a Blob, built off the main thread) on request.
 *
 * @example
 * ```ts
 * import type { WorkerMessage } from '@stowaway/web'
 * const m: WorkerMessage = { type: 'progress', stage: 'parse', done: 0, total: 1, text: 'Reading bom.json' }
 * ```
 */
export type WorkerMessage =
  | { type: 'progress'; stage: 'parse' | 'db' | 'match' | 'format'; done: number; total: number; text: string }
  | { type: 'summary'; summary: CheckSummary }
  | { type: 'rows'; seq: number; rows: FindingRow[]; total: number }
  | { type: 'report'; kind: ReportKind; blob: Blob }
  | { type: 'error'; code: string; message: string }
