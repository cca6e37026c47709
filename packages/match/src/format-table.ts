import { SEVERITIES } from '@stowaway/core'
import type { ScanReport } from './report.ts'

function shortLayer(l: string | undefined): string {
  if (!l) return '-'
  const i = l.indexOf(':')
  return i >= 0 ? l.slice(i + 1, i + 13) : l.slice(0, 12)
}

// ANSI colours per severity for terminals.
const COLOUR: Record<string, string> = { CRITICAL: '\x1b[1;31m', HIGH: '\x1b[31m', MEDIUM: '\x1b[33m', LOW: '\x1b[36m', NEGLIGIBLE: '\x1b[2m', UNKNOWN: '\x1b[2m' }

function pad(rows: string[][]): string {
  const w = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(w[i]!))).join('  ').trimEnd()).join('\n')
}

/**
 * Human table for terminals: one block per severity (highest first), with package,
 * version, advisory, fix, status and the layer that brought the package in; then a
 * count line and the suppressed findings with their reasons.
 *
 * @param r the report
 * @param options `color`: ANSI-colour the severity headings (for a TTY)
 * @returns text
 * @example
 * ```ts
 * import { formatTable } from '@stowaway/match'
 * console.log(formatTable({ source: { name: 'x' }, findings: [], suppressed: [], warnings: [], tool: { name: 'stowaway', version: '0' } }))
 * ```
 */
export function formatTable(r: ScanReport, options: { color?: boolean } = {}): string {
  const lines: string[] = [`${r.source.name}${r.distro ? ` (${r.distro.prettyName ?? `${r.distro.id} ${r.distro.versionId ?? ''}`.trim()})` : ''}`]
  if (r.findings.length === 0) lines.push('No vulnerabilities found.')
  for (const sev of SEVERITIES) {
    const fs = r.findings.filter((f) => f.severity === sev)
    if (fs.length === 0) continue
    lines.push('', options.color ? `${COLOUR[sev]}${sev} (${fs.length})\x1b[0m` : `${sev} (${fs.length})`)
    const rows = [['PACKAGE', 'VERSION', 'ID', 'FIXED IN', 'STATUS', 'LAYER']]
    for (const f of fs) rows.push([f.package.name, f.package.version, f.id, f.fixedVersions.join(', ') || '-', f.status, shortLayer(f.layer)])
    lines.push(pad(rows))
  }
  const counts = SEVERITIES.map((s) => [s, r.findings.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0)
  lines.push('', `Total: ${r.findings.length}${counts.length ? ' (' + counts.map(([s, n]) => `${s} ${n}`).join(', ') + ')' : ''}`)
  if (r.suppressed.length) {
    lines.push('', `Suppressed (${r.suppressed.length}):`)
    for (const s of r.suppressed.filter((x) => x.by === 'vex' || x.by === 'ignore')) lines.push(`  ${s.finding.id} ${s.finding.package.name} ${s.finding.package.version}: ${s.reason}`)
    const other = r.suppressed.filter((x) => x.by !== 'vex' && x.by !== 'ignore').length
    if (other) lines.push(`  ${other} by severity/unfixed filters`)
  }
  for (const w of r.warnings) lines.push(`warning: ${w.message}`)
  return lines.join('\n') + '\n'
}
