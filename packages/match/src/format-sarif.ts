import type { Finding, Severity } from '@stowaway/core'
import type { ScanReport } from './report.ts'

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  CRITICAL: 'error',
  HIGH: 'error',
  MEDIUM: 'warning',
  LOW: 'note',
  NEGLIGIBLE: 'note',
  UNKNOWN: 'warning',
}

// GitHub code scanning orders alerts by `security-severity` (a CVSS-like number).
const SCORE: Record<Severity, string> = { CRITICAL: '9.5', HIGH: '8.0', MEDIUM: '5.5', LOW: '2.0', NEGLIGIBLE: '0.5', UNKNOWN: '0.0' }

function bestScore(f: Finding): string {
  const s = (f.severities ?? []).map((x) => x.score).filter((x): x is number => x !== undefined)
  return s.length ? Math.max(...s).toFixed(1) : SCORE[f.severity]
}

/**
 * SARIF 2.1.0 log: one rule per advisory, one result per finding, located at the
 * package database file that lists the package (or the scanned source when the
 * package has no location), with `security-severity` for GitHub code scanning.
 *
 * @param r the report
 * @returns SARIF JSON text
 * @example
 * ```ts
 * import { formatSarif } from '@stowaway/match'
 * formatSarif({ source: { name: 'x' }, findings: [], suppressed: [], warnings: [], tool: { name: 'stowaway', version: '0' } })
 * ```
 */
export function formatSarif(r: ScanReport): string {
  const rules = new Map<string, Record<string, unknown>>()
  const results = r.findings.map((f) => {
    if (!rules.has(f.id)) {
      rules.set(f.id, {
        id: f.id,
        name: f.id.replace(/[^A-Za-z0-9]/g, ''),
        shortDescription: { text: f.summary ? `${f.id}: ${f.summary}`.slice(0, 1000) : f.id },
        fullDescription: { text: f.summary ?? f.id },
        ...(f.references?.[0] ? { helpUri: f.references[0] } : {}),
        help: { text: `${f.id}${f.aliases.length ? ` (${f.aliases.join(', ')})` : ''}. Fixed in: ${f.fixedVersions.join(', ') || 'no fix'}.` },
        defaultConfiguration: { level: LEVEL[f.severity] },
        properties: { 'security-severity': bestScore(f), tags: ['security', 'vulnerability', f.severity.toLowerCase()] },
      })
    }
    const path = f.package.locations?.[0]?.path ?? r.source.name
    return {
      ruleId: f.id,
      level: LEVEL[f.severity],
      message: {
        text: `${f.package.name} ${f.package.version} is affected by ${f.id} (${f.severity})${f.fixedVersions.length ? `; fixed in ${f.fixedVersions.join(', ')}` : '; no fix available'}`,
      },
      locations: [{ physicalLocation: { artifactLocation: { uri: path.replace(/^\/+/, '') }, region: { startLine: 1 } } }],
      partialFingerprints: { 'packageVulnerability/v1': `${f.package.purl ?? f.package.name}|${f.id}` },
      properties: { package: f.package.name, version: f.package.version, purl: f.package.purl, status: f.status, layer: f.layer },
    }
  })
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: r.tool.name, version: r.tool.version, informationUri: 'https://github.com/stowaway/stowaway', rules: [...rules.values()] } },
        results,
      },
    ],
  }
  return JSON.stringify(log, null, 2) + '\n'
}
