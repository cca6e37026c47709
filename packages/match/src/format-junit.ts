import type { ScanReport } from './report.ts'

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
}

/**
 * JUnit XML for CI test reporters: one failed test case per finding (class = package,
 * name = advisory id), or one passing case when there are none.
 *
 * @param r the report
 * @returns XML text
 * @example
 * ```ts
 * import { formatJunit } from '@stowaway/match'
 * formatJunit({ source: { name: 'x' }, findings: [], suppressed: [], warnings: [], tool: { name: 'stowaway', version: '0' } })
 * ```
 */
export function formatJunit(r: ScanReport): string {
  const cases = r.findings.map((f) => {
    const msg = `${f.severity} ${f.id} in ${f.package.name} ${f.package.version}${f.fixedVersions.length ? `; fixed in ${f.fixedVersions.join(', ')}` : ''}`
    return `    <testcase classname="${esc(`${f.package.name}@${f.package.version}`)}" name="${esc(f.id)}"><failure type="${f.severity}" message="${esc(msg)}">${esc(f.summary ?? msg)}</failure></testcase>`
  })
  if (cases.length === 0) cases.push(`    <testcase classname="${esc(r.source.name)}" name="no known vulnerabilities"/>`)
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="stowaway" tests="${Math.max(1, r.findings.length)}" failures="${r.findings.length}">`,
    `  <testsuite name="${esc(r.source.name)}" tests="${Math.max(1, r.findings.length)}" failures="${r.findings.length}" errors="0" skipped="0">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n')
}
