import type { Finding } from '@stowaway/core'
import type { ScanReport } from './report.ts'

const CDX_SEVERITY: Record<string, string> = { CRITICAL: 'critical', HIGH: 'high', MEDIUM: 'medium', LOW: 'low', NEGLIGIBLE: 'info', UNKNOWN: 'unknown' }
const CDX_METHOD: Record<string, string> = { CVSS_V2: 'CVSSv2', CVSS_V3: 'CVSSv31', CVSS_V4: 'CVSSv4' }
const JUSTIFICATIONS = new Set(['code_not_present', 'code_not_reachable', 'requires_configuration', 'requires_dependency', 'requires_environment', 'protected_by_compiler', 'protected_at_runtime', 'protected_at_perimeter', 'protected_by_mitigating_control'])
// OpenVEX justifications mapped to the closest CycloneDX enum value.
const FROM_OPENVEX: Record<string, string> = {
  component_not_present: 'code_not_present',
  vulnerable_code_not_present: 'code_not_present',
  vulnerable_code_not_in_execute_path: 'code_not_reachable',
  vulnerable_code_cannot_be_controlled_by_adversary: 'protected_by_mitigating_control',
  inline_mitigations_already_exist: 'protected_by_mitigating_control',
}

function ref(f: Finding): string {
  return f.package.purl ?? `${f.package.type}:${f.package.name}@${f.package.version}`
}

function sourceOf(id: string): { name: string; url?: string } {
  if (id.startsWith('CVE-')) return { name: 'NVD', url: `https://nvd.nist.gov/vuln/detail/${id}` }
  if (id.startsWith('GHSA-')) return { name: 'GitHub', url: `https://github.com/advisories/${id}` }
  if (id.startsWith('DSA-') || id.startsWith('DLA-')) return { name: 'Debian', url: `https://security-tracker.debian.org/tracker/${id}` }
  return { name: 'OSV', url: `https://osv.dev/vulnerability/${id}` }
}

function uuid(seed: string): string {
  // Deterministic serial from the report content keeps output byte-identical.
  let h1 = 0x811c9dc5
  let h2 = 0x01000193
  for (let i = 0; i < seed.length; i++) {
    h1 = Math.imul(h1 ^ seed.charCodeAt(i), 16777619) >>> 0
    h2 = Math.imul(h2 + seed.charCodeAt(i), 2246822519) >>> 0
  }
  const hex = (h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0')).repeat(2)
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

function vuln(f: Finding, analysis?: Record<string, unknown>): Record<string, unknown> {
  const src = sourceOf(f.id)
  const ratings = (f.severities ?? [])
    .filter((s) => s.score !== undefined || s.type === 'RATING')
    .map((s) => ({
      source: { name: s.source ?? src.name },
      ...(s.score !== undefined ? { score: s.score } : {}),
      severity: s.type === 'RATING' ? CDX_SEVERITY[String(s.vector ?? 'UNKNOWN')] ?? 'unknown' : CDX_SEVERITY[f.severity],
      method: CDX_METHOD[s.type] ?? 'other',
      ...(s.vector && s.type !== 'RATING' ? { vector: s.vector } : {}),
    }))
  if (ratings.length === 0) ratings.push({ source: { name: src.name }, severity: CDX_SEVERITY[f.severity]!, method: 'other' })
  return {
    'bom-ref': `${f.id}|${ref(f)}`,
    id: f.id,
    source: src,
    ...(f.aliases.length ? { references: f.aliases.map((a) => ({ id: a, source: sourceOf(a) })) } : {}),
    ratings,
    ...(f.summary ? { description: f.summary } : {}),
    ...(f.fixedVersions.length ? { recommendation: `Upgrade ${f.package.name} to ${f.fixedVersions.join(' or ')}` } : {}),
    ...(f.references?.length ? { advisories: f.references.filter((u) => /^https?:\/\//.test(u)).map((url) => ({ url })) } : {}),
    affects: [{ ref: ref(f), versions: [{ version: f.package.version, status: 'affected' }] }],
    ...(analysis ? { analysis } : {}),
  }
}

/**
 * CycloneDX 1.6 BOM with vulnerabilities (VEX): the affected components and one
 * vulnerability per finding; findings suppressed by VEX or the ignore file are kept
 * with `analysis.state: not_affected` and their justification.
 *
 * @param r the report
 * @returns CycloneDX JSON text
 * @example
 * ```ts
 * import { formatCycloneDxVex } from '@stowaway/match'
 * formatCycloneDxVex({ source: { name: 'x' }, findings: [], suppressed: [], warnings: [], tool: { name: 'stowaway', version: '0' } })
 * ```
 */
export function formatCycloneDxVex(r: ScanReport): string {
  const all = [...r.findings, ...r.suppressed.filter((s) => s.by === 'vex' || s.by === 'ignore').map((s) => s.finding)]
  const components = new Map<string, Record<string, unknown>>()
  for (const f of all) {
    const k = ref(f)
    if (!components.has(k)) components.set(k, { type: 'library', 'bom-ref': k, name: f.package.name, version: f.package.version, ...(f.package.purl ? { purl: f.package.purl } : {}) })
  }
  const vulnerabilities = [
    ...r.findings.map((f) => vuln(f)),
    ...r.suppressed
      .filter((s) => s.by === 'vex' || s.by === 'ignore')
      .map((s) => {
        const j = /: (\w+)/.exec(s.reason)?.[1]
        const justification = j ? (JUSTIFICATIONS.has(j) ? j : FROM_OPENVEX[j]) : undefined
        return vuln(s.finding, { state: 'not_affected', ...(justification ? { justification } : {}), detail: s.reason })
      }),
  ]
  const ts = r.generatedAt ?? new Date().toISOString()
  const bom = {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: uuid(r.source.name + ts + vulnerabilities.length),
    version: 1,
    metadata: {
      timestamp: ts.replace(/\.\d{3}Z$/, 'Z'),
      tools: { components: [{ type: 'application', name: r.tool.name, version: r.tool.version }] },
      component: { type: 'container', 'bom-ref': 'subject', name: r.source.name },
    },
    components: [...components.values()],
    vulnerabilities,
  }
  return JSON.stringify(bom, null, 2) + '\n'
}
