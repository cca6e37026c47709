import type { Severity, Warning } from '@stowaway/core'
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
  /** Report downloads, already formatted. */
  reports: { json: string; sarif: string; vex: string }
  /** Milliseconds per stage, for the progress line and bench/. */
  timings: { parse: number; db: number; match: number; format: number }
}

/**
 * Page → worker: check one SBOM document.
 *
 * @example
 * ```ts
 * import type { CheckRequest } from '@stowaway/web'
 * const m: CheckRequest = { type: 'check', name: 'bom.json', text: '{}', dbUrl: 'https://example.org/db/' }
 * ```
 */
export interface CheckRequest {
  type: 'check'
  name: string
  text: string
  /** Absolute URL of the DB directory (ends with `/`). */
  dbUrl: string
}

/**
 * Worker → page messages: progress while working, then a result or an error.
 *
 * @example
 * ```ts
 * import type { WorkerMessage } from '@stowaway/web'
 * const m: WorkerMessage = { type: 'progress', stage: 'parse', done: 0, total: 1, text: 'Reading bom.json' }
 * ```
 */
export type WorkerMessage =
  | { type: 'progress'; stage: 'parse' | 'db' | 'match' | 'format'; done: number; total: number; text: string }
  | { type: 'result'; result: CheckResult }
  | { type: 'error'; code: string; message: string }
