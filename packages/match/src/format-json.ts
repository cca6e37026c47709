import type { Finding } from '@stowaway/core'
import type { ScanReport } from './report.ts'

/** Version of the JSON report layout (docs/output-json.md). */
export const JSON_REPORT_VERSION = 1

function finding(f: Finding): Record<string, unknown> {
  return {
    id: f.id,
    aliases: f.aliases,
    summary: f.summary ?? null,
    severity: f.severity,
    severities: f.severities ?? [],
    status: f.status,
    fixedVersions: f.fixedVersions,
    package: {
      name: f.package.name,
      version: f.package.version,
      type: f.package.type,
      ecosystem: f.package.ecosystem ?? null,
      purl: f.package.purl ?? null,
      source: f.package.source ?? null,
      locations: f.package.locations ?? [],
    },
    layer: f.layer ?? null,
    ranges: f.ranges ?? [],
    references: f.references ?? [],
  }
}

/**
 * The JSON report (schema in docs/output-json.md): a top-level `findings` array plus
 * `suppressed`, `warnings` and provenance. Keys appear in a fixed order so equal
 * input gives byte-identical output.
 *
 * @param r the report
 * @returns JSON text with a trailing newline
 * @example
 * ```ts
 * import { formatJson } from '@stowaway/match'
 * formatJson({ source: { name: 'x' }, findings: [], suppressed: [], warnings: [], tool: { name: 'stowaway', version: '0' } })
 * ```
 */
export function formatJson(r: ScanReport): string {
  const out = {
    schemaVersion: JSON_REPORT_VERSION,
    tool: r.tool,
    generatedAt: r.generatedAt ?? new Date().toISOString(),
    source: r.source,
    distro: r.distro ?? null,
    db: r.db ?? null,
    findings: r.findings.map(finding),
    suppressed: r.suppressed.map((s) => ({ ...finding(s.finding), suppressedBy: s.by, reason: s.reason })),
    warnings: r.warnings,
  }
  return JSON.stringify(out, null, 2) + '\n'
}
