import type { Inventory, Package } from '@stowaway/core'
import { comparePackages } from './catalog-files.ts'
import { contentUuid, packageKey } from './sbom-ids.ts'
import { spdxExpression } from './spdx-license.ts'

/** CycloneDX versions Stowaway writes. */
export type CycloneDxVersion = '1.6' | '1.5'

/** Options of {@link writeCycloneDx}. */
export interface CycloneDxOptions {
  /** Spec version (default 1.6). */
  specVersion?: CycloneDxVersion
  /** ISO timestamp for `metadata.timestamp` (default now); fix it for byte-identical output. */
  timestamp?: string
  /** Tool version recorded in `metadata.tools`. */
  toolVersion?: string
}

/** Property names Stowaway writes (and reads back). */
export const CDX_PROPS = {
  type: 'stowaway:package:type',
  ecosystem: 'stowaway:package:ecosystem',
  arch: 'stowaway:package:arch',
  sourceName: 'stowaway:package:source-name',
  sourceVersion: 'stowaway:package:source-version',
  layer: 'stowaway:package:layer',
  location: 'stowaway:package:location',
} as const

type Json = Record<string, unknown>

// The model: one plain object per component, fields named as CycloneDX 1.6 names them.
function componentOf(p: Package, ref: string): Json {
  const c: Json = { type: 'library', 'bom-ref': ref, name: p.name, version: p.version }
  if (p.licenses?.length) {
    const expr = p.licenses.length === 1 ? spdxExpression(p.licenses[0]!, true) : undefined
    c.licenses = expr && /\s/.test(expr) ? [{ expression: expr }] : p.licenses.map((l) => {
      const id = spdxExpression(l, true)
      return { license: id && !/\s/.test(id) ? { id, acknowledgement: 'declared' } : { name: l, acknowledgement: 'declared' } }
    })
  }
  if (p.cpes?.length) c.cpe = p.cpes[0]
  if (p.purl) c.purl = p.purl
  const props: [string, string][] = [[CDX_PROPS.type, p.type]]
  if (p.ecosystem) props.push([CDX_PROPS.ecosystem, p.ecosystem])
  if (p.arch) props.push([CDX_PROPS.arch, p.arch])
  if (p.source) {
    props.push([CDX_PROPS.sourceName, p.source.name])
    if (p.source.version) props.push([CDX_PROPS.sourceVersion, p.source.version])
  }
  const layer = p.locations?.find((l) => l.layer)?.layer
  if (layer) props.push([CDX_PROPS.layer, layer])
  for (const l of p.locations ?? []) props.push([CDX_PROPS.location, l.path])
  for (const cpe of p.cpes?.slice(1) ?? []) props.push(['stowaway:package:cpe', cpe])
  c.properties = props.map(([name, value]) => ({ name, value }))
  if (p.locations?.length) c.evidence = { occurrences: p.locations.map((l) => ({ location: l.path })) }
  return c
}

// Fields each version lacks; the normaliser drops them so output validates.
const NOT_IN_1_5 = new Set(['acknowledgement'])

function normalise(v: unknown, spec: CycloneDxVersion): unknown {
  if (Array.isArray(v)) return v.map((x) => normalise(x, spec))
  if (v && typeof v === 'object') {
    const out: Json = {}
    for (const [k, x] of Object.entries(v)) {
      if (spec === '1.5' && NOT_IN_1_5.has(k)) continue
      if (x === undefined) continue
      out[k] = normalise(x, spec)
    }
    return out
  }
  return v
}

/**
 * Unique, stable bom-refs: the purl (or type/name@version), suffixed when two packages
 * share it.
 *
 * @param packages packages in output order
 * @returns one ref per package
 */
export function bomRefs(packages: Package[]): string[] {
  const seen = new Map<string, number>()
  return packages.map((p) => {
    const base = p.purl ?? `pkg:generic/${encodeURIComponent(p.name)}@${encodeURIComponent(p.version)}`
    const n = seen.get(base) ?? 0
    seen.set(base, n + 1)
    return n ? `${base}#${n}` : base
  })
}

/**
 * Write an inventory as CycloneDX JSON (1.6, or 1.5 on request). Deterministic: the
 * same inventory gives the same bytes (timestamp aside), packages sorted, the serial
 * number derived from the content. The image is `metadata.component` (type
 * `container`), the OS an `operating-system` component.
 *
 * @param inv the inventory
 * @param options spec version, timestamp, tool version
 * @returns JSON text ending in a newline
 * @example
 * ```ts
 * import { writeCycloneDx } from '@stowaway/sbom'
 * const json = writeCycloneDx({ packages: [{ name: 'zlib', version: '1.3-r0', type: 'apk' }], warnings: [] }, { specVersion: '1.5' })
 * JSON.parse(json).specVersion // '1.5'
 * ```
 */
export function writeCycloneDx(inv: Inventory, options: CycloneDxOptions = {}): string {
  const spec = options.specVersion ?? '1.6'
  const packages = [...inv.packages].sort((a, b) => comparePackages(a, b) || (packageKey(a) < packageKey(b) ? -1 : 1))
  const refs = bomRefs(packages)
  const components: Json[] = packages.map((p, i) => componentOf(p, refs[i]!))
  const deps: Json[] = []
  if (inv.distro) {
    const d = inv.distro
    const os: Json = { type: 'operating-system', 'bom-ref': `os:${d.id}@${d.versionId ?? ''}`, name: d.id }
    if (d.versionId) os.version = d.versionId
    if (d.prettyName) os.description = d.prettyName
    const props = [['stowaway:os:codename', d.codename], ['stowaway:os:id-like', d.idLike?.join(' ')]].filter(([, v]) => v)
    if (props.length) os.properties = props.map(([name, value]) => ({ name, value }))
    components.unshift(os)
  }
  const body = JSON.stringify(components)
  const metadata: Json = {
    timestamp: options.timestamp ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    tools: { components: [{ type: 'application', name: 'stowaway', ...(options.toolVersion ? { version: options.toolVersion } : {}) }] },
  }
  if (inv.source) {
    const s = inv.source
    const root: Json = { type: 'container', 'bom-ref': `image:${s.digest ?? s.name}`, name: s.name }
    if (s.digest) root.version = s.digest
    if (s.layers?.length) {
      root.properties = s.layers.flatMap((l, i) => [
        { name: `stowaway:image:layer:${i}:digest`, value: l.digest },
        ...(l.diffId ? [{ name: `stowaway:image:layer:${i}:diff-id`, value: l.diffId }] : []),
      ])
    }
    metadata.component = root
    deps.push({ ref: root['bom-ref'], dependsOn: components.map((c) => c['bom-ref']) })
    for (const c of components) deps.push({ ref: c['bom-ref'], dependsOn: [] })
  }
  const bom: Json = {
    $schema: `http://cyclonedx.org/schema/bom-${spec}.schema.json`,
    bomFormat: 'CycloneDX',
    specVersion: spec,
    serialNumber: `urn:uuid:${contentUuid(spec + JSON.stringify(inv.source ?? {}) + body)}`,
    version: 1,
    metadata,
    components,
  }
  if (deps.length) bom.dependencies = deps
  return JSON.stringify(normalise(bom, spec), null, 2) + '\n'
}
