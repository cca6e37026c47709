import { StowawayError } from '@stowaway/core'

/**
 * One VEX statement, from OpenVEX or CycloneDX VEX.
 *
 * @example
 * ```ts
 * import type { VexStatement } from '@stowaway/match'
 * const s: VexStatement = { vulnerability: 'CVE-2019-1543', products: ['pkg:apk/alpine/openssl'], status: 'not_affected', justification: 'vulnerable_code_not_in_execute_path' }
 * ```
 */
export interface VexStatement {
  vulnerability: string
  /** purls (or other ids) the statement covers; empty = every product. */
  products: string[]
  /** OpenVEX status vocabulary (`not_affected`, `affected`, `fixed`, `under_investigation`). */
  status: string
  justification?: string
  statement?: string
}

const CDX_STATE: Record<string, string> = {
  not_affected: 'not_affected',
  false_positive: 'not_affected',
  resolved: 'fixed',
  resolved_with_pedigree: 'fixed',
  exploitable: 'affected',
  in_triage: 'under_investigation',
}

function ids(x: unknown): string[] {
  if (typeof x === 'string') return [x]
  if (Array.isArray(x)) return x.flatMap(ids)
  if (x && typeof x === 'object') {
    const o = x as Record<string, unknown>
    const own = [o['@id'], o.ref, o.purl].filter((v): v is string => typeof v === 'string')
    const ident = o.identifiers as Record<string, unknown> | undefined
    if (ident && typeof ident.purl === 'string') own.push(ident.purl)
    return [...own, ...ids(o.subcomponents)]
  }
  return []
}

/**
 * Read an OpenVEX document or a CycloneDX BOM with `vulnerabilities[].analysis` into
 * statements.
 *
 * @param doc parsed JSON
 * @returns the statements
 * @throws {StowawayError} `INVALID_ARGUMENT` when the document is neither
 * @example
 * ```ts
 * import { parseVex } from '@stowaway/match'
 * parseVex({ '@context': 'https://openvex.dev/ns/v0.2.0', statements: [{ vulnerability: { name: 'CVE-1' }, products: [{ '@id': 'pkg:npm/a' }], status: 'not_affected', justification: 'component_not_present' }] })
 * ```
 */
export function parseVex(doc: unknown): VexStatement[] {
  const d = doc as Record<string, unknown> | null
  if (d && Array.isArray(d.statements)) {
    return (d.statements as Record<string, unknown>[]).map((s) => {
      const v = s.vulnerability as Record<string, unknown> | string | undefined
      const vulnerability = typeof v === 'string' ? v : typeof v?.name === 'string' ? v.name : String(v?.['@id'] ?? '')
      const out: VexStatement = { vulnerability, products: ids(s.products), status: String(s.status ?? '') }
      if (typeof s.justification === 'string') out.justification = s.justification
      if (typeof s.impact_statement === 'string') out.statement = s.impact_statement
      return out
    })
  }
  if (d && (d.bomFormat === 'CycloneDX' || Array.isArray(d.vulnerabilities))) {
    // CycloneDX `affects[].ref` points at a component bom-ref; resolve it to the purl.
    const refs = new Map<string, string>()
    const walk = (cs: unknown) => {
      if (!Array.isArray(cs)) return
      for (const c of cs as Record<string, unknown>[]) {
        if (typeof c['bom-ref'] === 'string' && typeof c.purl === 'string') refs.set(c['bom-ref'], c.purl)
        walk(c.components)
      }
    }
    walk(d.components)
    return ((d.vulnerabilities ?? []) as Record<string, unknown>[]).map((v) => {
      const a = (v.analysis ?? {}) as Record<string, unknown>
      const products = ((v.affects ?? []) as Record<string, unknown>[]).map((x) => String(x.ref ?? '')).map((r) => refs.get(r) ?? r)
      const out: VexStatement = { vulnerability: String(v.id ?? ''), products, status: CDX_STATE[String(a.state ?? '')] ?? String(a.state ?? '') }
      if (typeof a.justification === 'string') out.justification = a.justification
      if (typeof a.detail === 'string') out.statement = a.detail
      return out
    })
  }
  throw new StowawayError('INVALID_ARGUMENT', 'Cannot read VEX: neither an OpenVEX document nor a CycloneDX BOM with vulnerabilities')
}
