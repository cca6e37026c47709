import type { Inventory, Package } from '@stowaway/core'
import { comparePackages } from './catalog-files.ts'
import { packageKey, sha256Hex } from './sbom-ids.ts'
import { licenseRef, spdxExpression } from './spdx-license.ts'

/** Options of {@link writeSpdx}. */
export interface SpdxOptions {
  /** ISO timestamp for `creationInfo.created` (default now). */
  timestamp?: string
  /** Tool version recorded in `creators`. */
  toolVersion?: string
  /** Base URI of `documentNamespace` (default `https://stowaway.dev/spdx`). */
  namespaceBase?: string
}

type Json = Record<string, unknown>

const idSafe = (s: string) => s.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80)

// SPDX 2.3 wants an expression; declared names that are not one become LicenseRefs.
// Several licenses are joined with AND; a compound one keeps its parentheses.
function declared(p: Package, extracted: Map<string, string>): string {
  if (!p.licenses?.length) return 'NOASSERTION'
  const parts = p.licenses.map((l) => {
    const e = spdxExpression(l, true)
    if (e) return /\s/.test(e) ? `(${e})` : e
    const ref = licenseRef(l)
    extracted.set(ref, l)
    return ref
  })
  // One compound license stays parenthesised so a reader does not split it into several.
  return parts.join(' AND ')
}

/**
 * Write an inventory as SPDX 2.3 JSON: the image as the described `CONTAINER` package,
 * the OS as an `OPERATING_SYSTEM` package, each package with its purl and CPEs as
 * external references and where it was found in `sourceInfo`. Deterministic: same
 * inventory, same bytes (timestamp aside); ids and the namespace derive from content.
 *
 * @param inv the inventory
 * @param options timestamp, tool version, namespace base
 * @returns JSON text ending in a newline
 * @example
 * ```ts
 * import { writeSpdx } from '@stowaway/sbom'
 * const json = writeSpdx({ packages: [{ name: 'zlib', version: '1.3-r0', type: 'apk' }], warnings: [] })
 * JSON.parse(json).spdxVersion // 'SPDX-2.3'
 * ```
 */
export function writeSpdx(inv: Inventory, options: SpdxOptions = {}): string {
  const packages = [...inv.packages].sort((a, b) => comparePackages(a, b) || (packageKey(a) < packageKey(b) ? -1 : 1))
  const extracted = new Map<string, string>()
  const used = new Set<string>()
  const spdxPackages: Json[] = []
  const rels: Json[] = []
  const name = inv.source?.name ?? 'stowaway-inventory'
  const rootId = 'SPDXRef-Image-' + (idSafe(name) || 'image')
  const root: Json = {
    name,
    SPDXID: rootId,
    downloadLocation: 'NOASSERTION',
    filesAnalyzed: false,
    licenseConcluded: 'NOASSERTION',
    licenseDeclared: 'NOASSERTION',
    copyrightText: 'NOASSERTION',
    primaryPackagePurpose: 'CONTAINER',
  }
  if (inv.source?.digest) root.versionInfo = inv.source.digest
  spdxPackages.push(root)
  rels.push({ spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: rootId })
  if (inv.distro) {
    const d = inv.distro
    const id = `SPDXRef-OperatingSystem-${idSafe(d.id)}`
    const os: Json = {
      name: d.id,
      SPDXID: id,
      downloadLocation: 'NOASSERTION',
      filesAnalyzed: false,
      licenseConcluded: 'NOASSERTION',
      licenseDeclared: 'NOASSERTION',
      copyrightText: 'NOASSERTION',
      primaryPackagePurpose: 'OPERATING_SYSTEM',
    }
    if (d.versionId) os.versionInfo = d.versionId
    if (d.prettyName) os.description = d.prettyName
    spdxPackages.push(os)
    rels.push({ spdxElementId: rootId, relationshipType: 'CONTAINS', relatedSpdxElement: id })
  }
  for (const p of packages) {
    const base = `SPDXRef-Package-${idSafe(p.type)}-${idSafe(p.name)}-${sha256Hex(packageKey(p)).slice(0, 12)}`
    let id = base
    for (let n = 1; used.has(id); n++) id = `${base}-${n}`
    used.add(id)
    const refs: Json[] = []
    if (p.purl) refs.push({ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: p.purl })
    for (const cpe of p.cpes ?? []) refs.push({ referenceCategory: 'SECURITY', referenceType: 'cpe23Type', referenceLocator: cpe })
    const sp: Json = {
      name: p.name,
      SPDXID: id,
      versionInfo: p.version,
      downloadLocation: 'NOASSERTION',
      filesAnalyzed: false,
      licenseConcluded: 'NOASSERTION',
      licenseDeclared: declared(p, extracted),
      copyrightText: 'NOASSERTION',
      primaryPackagePurpose: 'LIBRARY',
    }
    if (p.source) sp.sourceInfo = `built package from: ${p.source.name}${p.source.version ? ' ' + p.source.version : ''}`
    const where = (p.locations ?? []).map((l) => `${l.path}${l.layer ? ` (layer ${l.layer})` : ''}`)
    if (where.length) sp.comment = `found in: ${where.join(', ')}`
    if (refs.length) sp.externalRefs = refs
    spdxPackages.push(sp)
    rels.push({ spdxElementId: rootId, relationshipType: 'CONTAINS', relatedSpdxElement: id })
  }
  const content = JSON.stringify([spdxPackages, rels, inv.source ?? {}])
  const doc: Json = {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name,
    documentNamespace: `${(options.namespaceBase ?? 'https://stowaway.dev/spdx').replace(/\/+$/, '')}/${idSafe(name) || 'image'}-${sha256Hex(content).slice(0, 32)}`,
    creationInfo: {
      created: options.timestamp ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      creators: [`Tool: stowaway${options.toolVersion ? '-' + options.toolVersion : ''}`],
    },
    packages: spdxPackages,
    relationships: rels,
  }
  if (extracted.size) {
    doc.hasExtractedLicensingInfos = [...extracted].sort(([a], [b]) => (a < b ? -1 : 1)).map(([licenseId, text]) => ({ licenseId, extractedText: text, name: text }))
  }
  return JSON.stringify(doc, null, 2) + '\n'
}
