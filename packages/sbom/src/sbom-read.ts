import { StowawayError, type Distro, type Inventory, type Package, type PackageLocation, type Warning } from '@stowaway/core'
import { CDX_PROPS } from './cyclonedx-write.ts'
import { ecosystemFor, packageFromPurl } from './purl-package.ts'

type Json = Record<string, any>

/** Options of {@link readSbom}. */
export interface ReadSbomOptions {
  /** Name for `inventory.source.name` (e.g. the file name) when the document names nothing. */
  name?: string
}

/**
 * Read a CycloneDX (1.2–1.6) or SPDX (2.2/2.3) JSON document back into an inventory
 * that `match` can use: packages from purls first, else name/version with type and
 * ecosystem hints from tool properties (Stowaway, syft, trivy); the OS from the
 * `operating-system` component or package. Odd entries become warnings.
 *
 * @param input JSON text or an already parsed object
 * @param options name for the source
 * @returns the inventory
 * @throws {StowawayError} `SBOM_INVALID` when the input is not JSON or not a supported SBOM
 * @example
 * ```ts
 * import { readSbom } from '@stowaway/sbom'
 * const inv = readSbom('{"bomFormat":"CycloneDX","specVersion":"1.5","components":[{"type":"library","name":"lodash","version":"4.17.20","purl":"pkg:npm/lodash@4.17.20"}]}')
 * inv.packages[0]?.ecosystem // 'npm'
 * ```
 */
export function readSbom(input: string | unknown, options: ReadSbomOptions = {}): Inventory {
  let doc: unknown = input
  if (typeof input === 'string') {
    try {
      doc = JSON.parse(input.replace(/^\uFEFF/, ''))
    } catch (e) {
      throw new StowawayError('SBOM_INVALID', `Cannot read SBOM: not JSON (${(e as Error).message})`, { cause: e })
    }
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new StowawayError('SBOM_INVALID', 'Cannot read SBOM: not a JSON object')
  const d = doc as Json
  if (d.bomFormat === 'CycloneDX' || (typeof d.specVersion === 'string' && Array.isArray(d.components))) return readCycloneDx(d, options)
  if (typeof d.spdxVersion === 'string') return readSpdx(d, options)
  if (d['@context'] && JSON.stringify(d['@context']).includes('spdx')) {
    throw new StowawayError('SBOM_INVALID', 'Cannot read SBOM: SPDX 3 JSON-LD is not supported')
  }
  throw new StowawayError('SBOM_INVALID', 'Cannot read SBOM: neither CycloneDX nor SPDX JSON')
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined)

function props(c: Json): Map<string, string[]> {
  const m = new Map<string, string[]>()
  if (!Array.isArray(c.properties)) return m
  for (const p of c.properties) {
    const name = str(p?.name)
    const value = typeof p?.value === 'string' ? p.value : undefined
    if (!name || value === undefined) continue
    const list = m.get(name) ?? []
    list.push(value)
    m.set(name, list)
  }
  return m
}

const first = (m: Map<string, string[]>, ...names: string[]) => {
  for (const n of names) {
    const v = m.get(n)?.[0]
    if (v) return v
  }
  return undefined
}

// syft's package types, mapped to purl types for SBOMs without purls.
const SYFT_TYPES: Record<string, string> = {
  'deb': 'deb', 'rpm': 'rpm', 'apk': 'apk', 'npm': 'npm', 'python': 'pypi', 'go-module': 'golang', 'java-archive': 'maven',
  'gem': 'gem', 'php-composer': 'composer', 'rust-crate': 'cargo', 'dotnet': 'nuget',
}

// Tools name the OS by os-release ID (`debian`) or by its pretty name (`Debian GNU/Linux`).
const OS_NAMES: [RegExp, string][] = [
  [/^debian\b/i, 'debian'],
  [/^ubuntu\b/i, 'ubuntu'],
  [/^alpine\b/i, 'alpine'],
  [/^(red hat|rhel)\b/i, 'rhel'],
  [/^centos\b/i, 'centos'],
  [/^rocky\b/i, 'rocky'],
  [/^almalinux\b/i, 'almalinux'],
  [/^amazon( linux)?\b|^amzn\b/i, 'amzn'],
  [/^fedora\b/i, 'fedora'],
  [/^oracle( linux)?\b|^ol\b/i, 'ol'],
  [/^wolfi\b/i, 'wolfi'],
]

function osId(name: string): string {
  const hit = OS_NAMES.find(([re]) => re.test(name.trim()))
  return hit ? hit[1] : name.trim().toLowerCase().replace(/\s+/g, '-')
}

function distroOf(name: unknown, version: unknown, extra?: Partial<Distro>): Distro | undefined {
  const id = str(name)
  if (!id) return undefined
  const d: Distro = { id: osId(id) }
  const v = str(version)
  if (v) d.versionId = v
  return { ...d, ...extra }
}

function readCycloneDx(d: Json, options: ReadSbomOptions): Inventory {
  const warnings: Warning[] = []
  const spec = String(d.specVersion ?? '')
  if (!/^1\.[2-7]$/.test(spec)) warnings.push({ code: 'SBOM_INVALID', message: `Cannot vouch for CycloneDX spec version "${spec}": reading it as 1.6` })
  let distro: Distro | undefined
  const comps: Json[] = []
  const seen = new Set<unknown>()
  const walk = (list: unknown, depth: number) => {
    if (!Array.isArray(list) || depth > 32) return
    for (const c of list) {
      if (!c || typeof c !== 'object' || seen.has(c)) continue
      seen.add(c)
      if (c.type === 'operating-system') {
        const p = props(c)
        distro ??= distroOf(c.name, c.version, {
          ...(str(c.description) ? { prettyName: c.description } : {}),
          ...(first(p, 'stowaway:os:codename') ? { codename: first(p, 'stowaway:os:codename')! } : {}),
        })
      } else comps.push(c)
      walk(c.components, depth + 1)
    }
  }
  const meta = d.metadata && typeof d.metadata === 'object' ? d.metadata : {}
  if (meta.component?.type === 'operating-system') walk([meta.component], 0)
  walk(d.components, 0)
  const packages: Package[] = []
  for (const c of comps) {
    const p = props(c)
    const purl = str(c.purl)
    let pkg = purl ? packageFromPurl(purl, distro) : undefined
    if (purl && !pkg) warnings.push({ code: 'SBOM_INVALID', message: `Cannot parse purl "${purl}" of component "${c.name}": using its name and version` })
    if (!pkg) {
      const name = str(c.name)
      const version = str(c.version)
      if (!name || !version || ['container', 'file', 'device', 'firmware', 'platform', 'data', 'machine-learning-model', 'cryptographic-asset'].includes(c.type)) continue
      const type = first(p, CDX_PROPS.type) ?? SYFT_TYPES[first(p, 'syft:package:type') ?? ''] ?? 'generic'
      const group = str(c.group)
      const full = group ? (type === 'maven' ? `${group}:${name}` : `${group}/${name}`) : name
      pkg = { name: full, version, type }
      const eco = ecosystemFor(type, distro)
      if (eco) pkg.ecosystem = eco
    }
    if (!pkg.version && str(c.version)) pkg.version = str(c.version)!
    const eco = first(p, CDX_PROPS.ecosystem)
    if (eco) pkg.ecosystem = eco
    const arch = first(p, CDX_PROPS.arch)
    if (arch) pkg.arch = arch
    const srcName = first(p, CDX_PROPS.sourceName, 'aquasecurity:trivy:SrcName', 'syft:metadata:source')
    if (srcName) {
      let srcVersion = first(p, CDX_PROPS.sourceVersion)
      if (!srcVersion) {
        const v = first(p, 'aquasecurity:trivy:SrcVersion', 'syft:metadata:sourceVersion')
        const rel = first(p, 'aquasecurity:trivy:SrcRelease')
        const ep = first(p, 'aquasecurity:trivy:SrcEpoch')
        if (v) srcVersion = `${ep && ep !== '0' ? ep + ':' : ''}${v}${rel ? '-' + rel : ''}`
      }
      pkg.source = srcVersion ? { name: srcName, version: srcVersion } : { name: srcName }
    }
    const licenses = cdxLicenses(c.licenses)
    if (licenses.length) pkg.licenses = licenses
    const cpes = [str(c.cpe), ...(p.get('syft:cpe23') ?? []), ...(p.get('stowaway:package:cpe') ?? [])].filter((x): x is string => !!x)
    if (cpes.length) pkg.cpes = [...new Set(cpes)]
    const locations = cdxLocations(c, p)
    if (locations.length) pkg.locations = locations
    packages.push(pkg)
  }
  const inv: Inventory = { packages, warnings }
  if (distro) inv.distro = distro
  const root = meta.component
  const name = str(root?.name) ?? options.name
  if (name) inv.source = { name, ...(str(root?.version)?.startsWith('sha256:') ? { digest: root.version } : {}) }
  return inv
}

function cdxLicenses(list: unknown): string[] {
  if (!Array.isArray(list)) return []
  const out: string[] = []
  for (const l of list) {
    const v = str(l?.expression) ?? str(l?.license?.id) ?? str(l?.license?.name)
    if (v && !out.includes(v)) out.push(v)
  }
  return out
}

function cdxLocations(c: Json, p: Map<string, string[]>): PackageLocation[] {
  const out: PackageLocation[] = []
  const layer = first(p, CDX_PROPS.layer, 'aquasecurity:trivy:LayerDiffID', 'aquasecurity:trivy:LayerDigest')
  const paths = p.get(CDX_PROPS.location) ?? []
  for (let i = 0; ; i++) {
    const sp = first(p, `syft:location:${i}:path`)
    if (!sp) break
    const sl = first(p, `syft:location:${i}:layerID`)
    out.push({ path: sp.replace(/^\/+/, ''), ...(sl ? { layer: sl } : {}) })
  }
  if (!out.length) {
    const fromEvidence = Array.isArray(c.evidence?.occurrences) ? c.evidence.occurrences.map((o: Json) => str(o?.location)).filter(Boolean) : []
    const trivy = first(p, 'aquasecurity:trivy:FilePath')
    const all = paths.length ? paths : fromEvidence.length ? fromEvidence : trivy ? [trivy] : []
    for (const path of all) out.push({ path: path.replace(/^\/+/, '') })
    if (out.length && layer) out[0]!.layer = layer
    else if (!out.length && layer) out.push({ path: '', layer })
  }
  return out
}

const NONE = new Set(['NOASSERTION', 'NONE', ''])

function readSpdx(d: Json, options: ReadSbomOptions): Inventory {
  const warnings: Warning[] = []
  const ver = String(d.spdxVersion)
  if (!/^SPDX-2\.[23]$/.test(ver)) warnings.push({ code: 'SBOM_INVALID', message: `Cannot vouch for SPDX version "${ver}": reading it as SPDX-2.3` })
  const extracted = new Map<string, string>()
  for (const e of Array.isArray(d.hasExtractedLicensingInfos) ? d.hasExtractedLicensingInfos : []) {
    const id = str(e?.licenseId)
    const name = str(e?.name) ?? str(e?.extractedText)
    if (id && name && name.length < 200) extracted.set(id, name)
  }
  const list: Json[] = Array.isArray(d.packages) ? d.packages.filter((p: unknown) => p && typeof p === 'object') : []
  // SPDX 2.2 has no primaryPackagePurpose; trivy marks the OS and image by SPDXID instead.
  const purpose = (p: Json) => {
    const v = String(p.primaryPackagePurpose ?? '').replace(/-/g, '_').toUpperCase()
    if (v) return v
    const id = String(p.SPDXID ?? '')
    return id.startsWith('SPDXRef-OperatingSystem') ? 'OPERATING_SYSTEM' : id.startsWith('SPDXRef-ContainerImage') ? 'CONTAINER' : ''
  }
  let distro: Distro | undefined
  for (const p of list) {
    if (purpose(p) === 'OPERATING_SYSTEM') {
      distro = distroOf(p.name, p.versionInfo, str(p.description) ? { prettyName: p.description } : {})
      break
    }
  }
  const described = new Set<string>()
  for (const r of Array.isArray(d.relationships) ? d.relationships : []) {
    if (r?.relationshipType === 'DESCRIBES' && r.spdxElementId === 'SPDXRef-DOCUMENT') described.add(r.relatedSpdxElement)
  }
  for (const id of Array.isArray(d.documentDescribes) ? d.documentDescribes : []) described.add(id)
  const packages: Package[] = []
  let sourceName: string | undefined
  let sourceDigest: string | undefined
  for (const p of list) {
    const kind = purpose(p)
    if (kind === 'OPERATING_SYSTEM') continue
    const refs: Json[] = Array.isArray(p.externalRefs) ? p.externalRefs : []
    const purl = str(refs.find((r) => r?.referenceType === 'purl')?.referenceLocator)
    let pkg = purl ? packageFromPurl(purl, distro) : undefined
    if (purl && !pkg) warnings.push({ code: 'SBOM_INVALID', message: `Cannot parse purl "${purl}" of package "${p.name}": using its name and version` })
    if (!pkg) {
      const name = str(p.name)
      const version = str(p.versionInfo)
      if (kind === 'CONTAINER' || (described.has(p.SPDXID) && !purl)) {
        sourceName ??= name
        if (version?.startsWith('sha256:')) sourceDigest ??= version
        continue
      }
      if (!name || !version || kind === 'FILE') continue
      pkg = { name, version, type: 'generic' }
    }
    if (!pkg.version && str(p.versionInfo)) pkg.version = str(p.versionInfo)!
    const lic = [p.licenseDeclared, p.licenseConcluded].map(str).find((x) => x && !NONE.has(x))
    if (lic) pkg.licenses = splitAnd(lic).map((x) => extracted.get(x) ?? x)
    const cpes = refs.filter((r) => r?.referenceType === 'cpe23Type' || r?.referenceType === 'cpe22Type').map((r) => str(r.referenceLocator)).filter((x): x is string => !!x)
    if (cpes.length) pkg.cpes = cpes
    const built = /^built package from:\s*(\S+)(?:\s+(\S+))?/.exec(String(p.sourceInfo ?? ''))
    if (built) pkg.source = built[2] ? { name: built[1]!, version: built[2] } : { name: built[1]! }
    const locations = spdxLocations(p)
    if (locations.length) pkg.locations = locations
    packages.push(pkg)
  }
  const inv: Inventory = { packages, warnings }
  if (distro) inv.distro = distro
  const name = sourceName ?? str(d.name) ?? options.name
  if (name) inv.source = { name, ...(sourceDigest ? { digest: sourceDigest } : {}) }
  return inv
}

// Top-level `A AND B` become separate licenses; parenthesised groups stay whole.
function splitAnd(expr: string): string[] {
  const out: string[] = []
  let depth = 0
  let cur = ''
  const tokens = expr.split(/(\(|\)|\s+AND\s+)/)
  for (const t of tokens) {
    if (t === '(') depth++
    if (t === ')') depth--
    if (/^\s+AND\s+$/.test(t) && depth === 0) {
      out.push(cur.trim())
      cur = ''
    } else cur += t
  }
  out.push(cur.trim())
  return out.filter(Boolean).map((x) => x.replace(/^\((.*)\)$/, '$1'))
}

function spdxLocations(p: Json): PackageLocation[] {
  const out: PackageLocation[] = []
  const found = /^found in: (.*)$/.exec(String(p.comment ?? ''))
  if (found) {
    for (const part of found[1]!.split(', ')) {
      const m = /^(.*?)(?: \(layer ([^)]+)\))?$/.exec(part)!
      out.push({ path: m[1]!, ...(m[2] ? { layer: m[2] } : {}) })
    }
    return out
  }
  let layer: string | undefined
  let path: string | undefined
  const notes = [...(Array.isArray(p.annotations) ? p.annotations.map((a: Json) => a?.comment) : []), ...(Array.isArray(p.attributionTexts) ? p.attributionTexts : [])]
  for (const n of notes) {
    const c = String(n ?? '')
    const m = /^(LayerDiffID|LayerDigest|FilePath):\s*(\S+)/.exec(c)
    if (m?.[1] === 'FilePath') path = m[2]
    else if (m?.[1] === 'LayerDiffID') layer = m[2]
    else if (m && !layer) layer = m[2]
  }
  if (path || layer) out.push({ path: (path ?? '').replace(/^\/+/, ''), ...(layer ? { layer } : {}) })
  return out
}
