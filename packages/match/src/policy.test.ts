import { describe, it, expect } from 'vitest'
import type { Finding } from '@stowaway/core'
import { applyPolicy, failsOn, parseSeverityList } from './policy.ts'
import { parseIgnoreFile } from './ignore-file.ts'
import { parseVex } from './vex.ts'

const f = (id: string, severity: Finding['severity'], status: Finding['status'] = 'fixed', aliases: string[] = []): Finding => ({
  id,
  aliases,
  severity,
  status,
  fixedVersions: status === 'fixed' ? ['2'] : [],
  package: { name: 'openssl', version: '1', type: 'apk', purl: 'pkg:apk/alpine/openssl@1?arch=x86_64' },
})

describe('policy', () => {
  const findings = [f('CVE-1', 'CRITICAL'), f('CVE-2', 'HIGH', 'not-fixed'), f('GHSA-x', 'MEDIUM', 'fixed', ['CVE-3']), f('CVE-4', 'UNKNOWN')]
  const now = new Date('2026-06-01T00:00:00Z')

  it('fails on a threshold, never on UNKNOWN', () => {
    expect(failsOn(findings, 'HIGH')).toBe(true)
    expect(failsOn([findings[2]!], 'HIGH')).toBe(false)
    expect(failsOn([findings[3]!], 'LOW')).toBe(false)
  })
  it('filters by severity and fix', () => {
    expect(applyPolicy(findings, { severities: parseSeverityList('critical,medium')!, now }).findings.map((x) => x.id)).toEqual(['CVE-1', 'GHSA-x'])
    expect(applyPolicy(findings, { ignoreUnfixed: true, now }).findings.map((x) => x.id)).toEqual(['CVE-1', 'GHSA-x', 'CVE-4'])
    expect(parseSeverityList('HIGH,SEVERE')).toBeUndefined()
  })
  it('ignores by id or alias until the rule expires, and says when it has', () => {
    const rules = parseIgnoreFile('ignore:\n  - id: CVE-3\n    package: openssl\n    reason: test\n    expires: 2026-12-31\n  - id: CVE-1\n    expires: 2026-01-01\n')
    const r = applyPolicy(findings, { ignore: rules, now })
    expect(r.findings.map((x) => x.id)).toEqual(['CVE-1', 'CVE-2', 'CVE-4'])
    expect(r.suppressed[0]).toMatchObject({ by: 'ignore', reason: 'ignored: test (until 2026-12-31)' })
    expect(r.warnings[0]!.message).toMatch(/"CVE-1".*expired on 2026-01-01/)
    expect(() => parseIgnoreFile('ignore:\n  - package: x\n')).toThrow(/no "id"/)
    expect(() => parseIgnoreFile('ignore:\n  - id: x\n    expires: soon\n')).toThrow(/not a YYYY-MM-DD/)
  })
  it('suppresses with OpenVEX not_affected, showing the justification; affected statements do not', () => {
    const vex = parseVex({
      '@context': 'https://openvex.dev/ns/v0.2.0',
      statements: [
        { vulnerability: { name: 'CVE-1' }, products: [{ '@id': 'pkg:apk/alpine/openssl' }], status: 'not_affected', justification: 'vulnerable_code_not_present' },
        { vulnerability: { name: 'CVE-2' }, products: [{ '@id': 'pkg:apk/alpine/openssl' }], status: 'affected' },
        { vulnerability: { name: 'CVE-4' }, products: [{ '@id': 'pkg:apk/alpine/zlib' }], status: 'not_affected' },
      ],
    })
    const r = applyPolicy(findings, { vex, now })
    expect(r.findings.map((x) => x.id)).toEqual(['CVE-2', 'GHSA-x', 'CVE-4'])
    expect(r.suppressed[0]!.reason).toBe('VEX not_affected: vulnerable_code_not_present')
  })
  it('reads CycloneDX VEX, resolving bom-refs to purls', () => {
    const vex = parseVex({
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      components: [{ 'bom-ref': 'c1', name: 'openssl', purl: 'pkg:apk/alpine/openssl@1?arch=x86_64' }],
      vulnerabilities: [{ id: 'CVE-3', analysis: { state: 'false_positive', detail: 'wrong CPE' }, affects: [{ ref: 'c1' }] }],
    })
    expect(vex).toEqual([{ vulnerability: 'CVE-3', products: ['pkg:apk/alpine/openssl@1?arch=x86_64'], status: 'not_affected', statement: 'wrong CPE' }])
    expect(applyPolicy(findings, { vex, now }).findings.map((x) => x.id)).toEqual(['CVE-1', 'CVE-2', 'CVE-4'])
    expect(() => parseVex({ foo: 1 })).toThrow(/Cannot read VEX/)
  })
})
