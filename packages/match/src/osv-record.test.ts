import { describe, it, expect } from 'vitest'
import { parseOsvRecord } from './osv-record.ts'

describe('parseOsvRecord', () => {
  it('keeps aliases, related, references and scores severity vectors', () => {
    const r = parseOsvRecord({
      id: 'GHSA-35jh-r3h4-6jhm',
      aliases: ['CVE-2021-23337'],
      related: ['SNYK-1'],
      summary: 'Command injection in lodash',
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H' }],
      database_specific: { severity: 'HIGH' },
      references: [{ type: 'WEB', url: 'https://example.org/a' }],
      affected: [{ package: { ecosystem: 'npm', name: 'lodash' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '4.17.21' }] }] }],
    })
    const a = r.advisory!
    expect(a.aliases).toEqual(['CVE-2021-23337'])
    expect(a.related).toEqual(['SNYK-1'])
    expect(a.references).toEqual(['https://example.org/a'])
    expect(a.severities).toEqual([
      { type: 'RATING', rating: 'HIGH', source: 'database_specific' },
      { type: 'CVSS_V3', vector: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H', score: 7.2, rating: 'HIGH', source: 'osv' },
    ])
  })
  it('skips withdrawn records', () => {
    expect(parseOsvRecord({ id: 'X', withdrawn: '2024-01-01T00:00:00Z', affected: [] }).skipped).toBe('withdrawn')
  })
  it('drops GIT-only entries and says so', () => {
    const r = parseOsvRecord({
      id: 'OSV-1',
      affected: [
        { package: { ecosystem: 'OSS-Fuzz', name: 'x' }, ranges: [{ type: 'GIT', repo: 'r', events: [{ introduced: 'abc' }] }] },
        { package: { ecosystem: 'PyPI', name: 'y' }, versions: ['1.0'] },
      ],
    })
    expect(r.advisory!.affected.map((e) => e.name)).toEqual(['y'])
    expect(r.partial).toEqual(['GIT-only affected entry'])
  })
  it('reads the Red Hat-style summary rating', () => {
    const r = parseOsvRecord({ id: 'ALSA-2022:1', summary: 'Important: kernel security update', affected: [{ package: { ecosystem: 'AlmaLinux:9', name: 'kernel' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1-1.el9' }] }] }] })
    expect(r.advisory!.severities[0]).toMatchObject({ type: 'RATING', rating: 'HIGH' })
  })
})
