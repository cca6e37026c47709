import { SEVERITIES } from '@stowaway/core'
import type { Finding, Severity } from '@stowaway/core'
import { readSbom } from '@stowaway/sbom'
import { AdvisoryDb, formatCycloneDxVex, formatJson, formatSarif, matchInventory } from '@stowaway/match'
import type { DbFileReader, ScanReport } from '@stowaway/match'
import type { CheckResult, FindingRow, ReportKind, ShardUse, WorkerMessage } from './messages.ts'
import { classifyComponents } from './unmatched.ts'

/**
 * Tool identity written into the downloadable reports (same as the CLI's).
 *
 * @example
 * ```ts
 * import { WEB_TOOL } from '@stowaway/web'
 * WEB_TOOL.name // 'stowaway'
 * ```
 */
export const WEB_TOOL = { name: 'stowaway', version: '0.1.0' }

/**
 * Options of {@link checkSbom}.
 *
 * @example
 * ```ts
 * import type { CheckOptions } from '@stowaway/web'
 * const o: CheckOptions = { name: 'bom.json', read: async () => new Uint8Array() }
 * ```
 */
export interface CheckOptions {
  /** File name shown as the report source. */
  name: string
  /** DB file reader (e.g. {@link cachedDbReader}). */
  read: DbFileReader
  /** Progress sink (the worker posts these to the page). */
  onProgress?: (m: Extract<WorkerMessage, { type: 'progress' }>) => void
  /** Shard uses, as reported by the reader; copied into the result. */
  shards?: ShardUse[]
  /** Report clock for byte-identical output in tests. */
  now?: Date
}

function row(f: Finding): FindingRow {
  return {
    id: f.id,
    aliases: f.aliases,
    ...(f.summary ? { summary: f.summary } : {}),
    package: f.package.name,
    ecosystem: f.package.ecosystem ?? f.package.type,
    installed: f.package.version,
    fixed: f.fixedVersions,
    severity: f.severity,
    status: f.status,
    url: `https://osv.dev/vulnerability/${encodeURIComponent(f.id)}`,
  }
}

/**
 * Check one SBOM document against a DB: read it (CycloneDX or SPDX JSON), load only
 * the shards of the ecosystems it contains, match with the active version backend.
 * The same steps and defaults as `stowaway scan sbom:FILE`; reports are formatted on
 * demand with {@link formatReport}.
 *
 * @param text the SBOM document
 * @param options name, DB reader, progress sink
 * @returns what the page renders
 * @throws {StowawayError} `SBOM_INVALID` for a document that is not a supported SBOM, `DB_INVALID`/`NETWORK` for DB problems
 * @example
 * ```ts
 * import { checkSbom, cachedDbReader } from '@stowaway/web'
 * declare const text: string
 * const r = await checkSbom(text, { name: 'bom.json', read: cachedDbReader('https://example.org/db/') })
 * r.counts.CRITICAL
 * ```
 */
export async function checkSbom(text: string, options: CheckOptions): Promise<CheckResult> {
  const progress = options.onProgress ?? (() => {})
  const t0 = performance.now()
  progress({ type: 'progress', stage: 'parse', done: 0, total: 1, text: `Reading ${options.name}` })
  const inv = readSbom(text, { name: options.name })
  const t1 = performance.now()
  const db = await AdvisoryDb.open(options.read)
  const { ecosystems, unmatched } = classifyComponents(inv, db)
  let loaded = 0
  progress({ type: 'progress', stage: 'db', done: 0, total: ecosystems.length, text: `${inv.packages.length} components; loading advisories for ${ecosystems.length} ecosystem(s)` })
  await Promise.all(
    ecosystems.map(async (e) => {
      await db.shard(e)
      loaded++
      progress({ type: 'progress', stage: 'db', done: loaded, total: ecosystems.length, text: `Loaded advisories for ${e} (${loaded}/${ecosystems.length})` })
    }),
  )
  const t2 = performance.now()
  progress({ type: 'progress', stage: 'match', done: 0, total: inv.packages.length, text: `Matching ${inv.packages.length} components` })
  const matched = await matchInventory(inv, db, { mode: 'batched' })
  const t3 = performance.now()
  progress({ type: 'progress', stage: 'format', done: 0, total: 1, text: `Preparing ${matched.findings.length} findings` })
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>
  for (const f of matched.findings) counts[f.severity]++
  const report: ScanReport = {
    source: { name: inv.source?.name ?? options.name, ...(inv.source?.digest ? { digest: inv.source.digest } : {}) },
    ...(inv.distro ? { distro: inv.distro } : {}),
    findings: matched.findings,
    suppressed: [],
    warnings: [...inv.warnings, ...matched.warnings],
    tool: WEB_TOOL,
    db: { builtAt: db.manifest.builtAt },
    ...(options.now ? { generatedAt: options.now.toISOString() } : {}),
  }
  const findings = matched.findings.map(row)
  const t4 = performance.now()
  return {
    source: report.source.name,
    components: inv.packages.length,
    findings,
    counts,
    unmatched,
    shards: options.shards ?? [],
    warnings: report.warnings,
    report,
    timings: { parse: t1 - t0, db: t2 - t1, match: t3 - t2, format: t4 - t3 },
  }
}

const FORMATTERS: Record<ReportKind, (r: ScanReport) => string> = { json: formatJson, sarif: formatSarif, vex: formatCycloneDxVex }

/**
 * Format a check's report for download: Stowaway JSON, SARIF 2.1.0 or CycloneDX VEX.
 * Done on request because formatting tens of thousands of findings costs seconds.
 *
 * @param report the check's {@link CheckResult.report}
 * @param kind which format
 * @returns the document text
 * @example
 * ```ts
 * import { formatReport } from '@stowaway/web'
 * import type { CheckResult } from '@stowaway/web'
 * declare const r: CheckResult
 * const sarif = formatReport(r.report, 'sarif')
 * ```
 */
export function formatReport(report: ScanReport, kind: ReportKind): string {
  return FORMATTERS[kind](report)
}
