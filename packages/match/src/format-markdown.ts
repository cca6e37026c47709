import { SEVERITIES } from '@stowaway/core'
import type { ScanReport } from './report.ts'

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ')
}

/**
 * Markdown summary for pull-request comments and CI job summaries: counts per
 * severity, then one table row per finding.
 *
 * @param r the report
 * @returns Markdown text
 * @example
 * ```ts
 * import { formatMarkdown } from '@stowaway/match'
 * formatMarkdown({ source: { name: 'x' }, findings: [], suppressed: [], warnings: [], tool: { name: 'stowaway', version: '0' } })
 * ```
 */
export function formatMarkdown(r: ScanReport): string {
  const out = [`## Stowaway scan: \`${cell(r.source.name)}\``, '']
  out.push('| severity | findings |', '|---|---:|')
  for (const s of SEVERITIES) out.push(`| ${s} | ${r.findings.filter((f) => f.severity === s).length} |`)
  out.push('')
  if (r.findings.length) {
    out.push('| severity | package | version | id | fixed in | status |', '|---|---|---|---|---|---|')
    for (const f of r.findings) {
      out.push(`| ${f.severity} | ${cell(f.package.name)} | ${cell(f.package.version)} | ${cell(f.id)} | ${cell(f.fixedVersions.join(', ') || '-')} | ${f.status} |`)
    }
  } else out.push('No vulnerabilities found.')
  if (r.suppressed.length) out.push('', `${r.suppressed.length} finding(s) suppressed by policy.`)
  return out.join('\n') + '\n'
}
