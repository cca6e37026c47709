import { describe, it, expect } from 'vitest'
import type { FindingRow } from './messages.ts'
import { viewFindings } from './findings-view.ts'

const row = (id: string, pkg: string, severity: FindingRow['severity'], extra: Partial<FindingRow> = {}): FindingRow => ({
  id,
  aliases: [],
  package: pkg,
  ecosystem: 'npm',
  installed: '1.0.0',
  fixed: [],
  severity,
  status: 'fixed',
  url: `https://osv.dev/vulnerability/${id}`,
  ...extra,
})

const rows = [
  row('GHSA-b', 'lodash', 'LOW'),
  row('GHSA-a', 'ws', 'CRITICAL', { aliases: ['CVE-2024-37890'] }),
  row('GHSA-c', 'lodash-es', 'HIGH', { installed: '4.17.9', fixed: ['4.17.21'] }),
  row('GHSA-d', 'Lodash', 'UNKNOWN', { installed: '4.17.10' }),
  row('GHSA-e', 'lodash', 'MEDIUM', { ecosystem: 'PyPI' }),
]
const all = { sort: 'severity' as const, descending: false, text: '', severities: new Set<FindingRow['severity']>() }

describe('viewFindings', () => {
  it('orders severities by rank, not alphabetically', () => {
    expect(viewFindings(rows, all).map((r) => r.severity)).toEqual(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNKNOWN'])
    expect(viewFindings(rows, { ...all, descending: true }).map((r) => r.severity)).toEqual(['UNKNOWN', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'])
  })

  it('sorts package names case-insensitively with the ecosystem as tie-breaker, not glued to the name', () => {
    // "lodash" < "lodash-es" must hold even though the ecosystem differs (a joined key would not keep it).
    const names = viewFindings(rows, { ...all, sort: 'package' }).map((r) => `${r.package}/${r.ecosystem}`)
    expect(names.indexOf('lodash-es/npm')).toBeGreaterThan(names.indexOf('lodash/PyPI'))
    expect(names.at(-1)).toBe('ws/npm')
  })

  it('compares version-like text numerically', () => {
    const v = viewFindings([row('1', 'a', 'LOW', { installed: '4.17.10' }), row('2', 'a', 'LOW', { installed: '4.17.9' })], { ...all, sort: 'installed' })
    expect(v.map((r) => r.installed)).toEqual(['4.17.9', '4.17.10'])
  })

  it('filters on any text field including aliases, and by severity', () => {
    expect(viewFindings(rows, { ...all, text: 'cve-2024-37890' }).map((r) => r.id)).toEqual(['GHSA-a'])
    expect(viewFindings(rows, { ...all, text: '4.17.21' }).map((r) => r.id)).toEqual(['GHSA-c'])
    expect(viewFindings(rows, { ...all, severities: new Set(['LOW', 'HIGH']) }).map((r) => r.id)).toEqual(['GHSA-c', 'GHSA-b'])
  })

  it('leaves the input untouched', () => {
    const before = rows.map((r) => r.id)
    viewFindings(rows, { ...all, sort: 'id', descending: true })
    expect(rows.map((r) => r.id)).toEqual(before)
  })
})
