import { describe, it, expect } from 'vitest'
import type { Finding } from '@stowaway/core'
import type { ScanReport } from './report.ts'
import { formatJson } from './format-json.ts'
import { formatTable } from './format-table.ts'
import { formatSarif } from './format-sarif.ts'
import { formatCycloneDxVex } from './format-cyclonedx.ts'
import { formatJunit } from './format-junit.ts'

const finding = (id: string, severity: Finding['severity'], name: string): Finding => ({
  id,
  aliases: [],
  severity,
  status: 'fixed',
  fixedVersions: ['9'],
  package: { name, version: '1 <&>', type: 'apk' },
  severities: [{ type: 'CVSS_V3', score: 7.5, vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N' }],
})
const report: ScanReport = {
  source: { name: 'oci:x' },
  findings: [finding('CVE-2', 'LOW', 'b'), finding('CVE-1', 'HIGH', 'a')],
  suppressed: [],
  warnings: [],
  tool: { name: 'stowaway', version: '0.1.0' },
  generatedAt: '2026-01-01T00:00:00.000Z',
}

describe('report formats', () => {
  it('JSON carries every documented key, null when unknown, and is deterministic', () => {
    const a = formatJson(report)
    expect(formatJson(report)).toBe(a)
    const f = JSON.parse(a).findings[0]
    for (const k of ['id', 'aliases', 'fixedVersions', 'status', 'severity', 'layer']) expect(f).toHaveProperty(k)
    expect(f.package).toMatchObject({ name: 'b', version: '1 <&>', ecosystem: null, purl: null })
    expect(f.layer).toBeNull()
  })
  it('table groups by severity, highest first', () => {
    const t = formatTable(report)
    expect(t.indexOf('HIGH (1)')).toBeLessThan(t.indexOf('LOW (1)'))
    expect(t).toContain('Total: 2 (HIGH 1, LOW 1)')
  })
  it('SARIF maps severities to levels and scores', () => {
    const s = JSON.parse(formatSarif(report))
    expect(s.runs[0].results.map((r: { ruleId: string; level: string }) => `${r.ruleId}:${r.level}`)).toEqual(['CVE-2:note', 'CVE-1:error'])
    expect(s.runs[0].tool.driver.rules[1].properties['security-severity']).toBe('7.5')
  })
  it('CycloneDX and JUnit escape and are deterministic', () => {
    expect(formatCycloneDxVex(report)).toBe(formatCycloneDxVex(report))
    expect(formatJunit(report)).toContain('classname="a@1 &lt;&amp;&gt;"')
  })
})
