import { isStowawayError, type Distro, type Inventory, type Package, type Warning } from '@stowaway/core'
import type { ExtractRequest, FileTree } from '@stowaway/extract'
import type { Cataloger } from './cataloger.ts'
import { DEFAULT_CATALOGERS } from './default-catalogers.ts'
import { DISTRO_PATTERNS, detectDistro } from './distro.ts'

const MAX_WARNINGS_PER_CATALOGER = 100

/** Options of {@link catalogFiles}. */
export interface CatalogOptions {
  /** Catalogers to run (default {@link DEFAULT_CATALOGERS}). */
  catalogers?: Cataloger[]
  /** Skip OS detection and use this distro. */
  distro?: Distro
  /** What the inventory describes (image name, digest, layers). */
  source?: Inventory['source']
}

/**
 * The extract request that reads what OS detection and the given catalogers need:
 * the union of their patterns, per-pattern size limits and history paths.
 *
 * @param catalogers the catalogers (default {@link DEFAULT_CATALOGERS})
 * @param maxFileBytes default size limit of one file
 * @returns patterns, patternLimits and historyPatterns for `extractFiles`
 * @example
 * ```ts
 * import { catalogRequest } from '@stowaway/sbom'
 * catalogRequest().patterns.includes('var/lib/dpkg/status') // true
 * ```
 */
export function catalogRequest(catalogers: Cataloger[] = DEFAULT_CATALOGERS, maxFileBytes?: number): Pick<ExtractRequest, 'patterns' | 'patternLimits' | 'historyPatterns' | 'maxFileBytes'> {
  const patterns = new Set<string>(DISTRO_PATTERNS)
  const history = new Set<string>()
  const limits: Record<string, number> = {}
  for (const c of catalogers) {
    for (const p of c.patterns) {
      patterns.add(p)
      if (c.maxFileBytes !== undefined) limits[p] = Math.max(limits[p] ?? 0, c.maxFileBytes)
    }
    for (const p of c.historyPatterns ?? []) history.add(p)
  }
  const req: Pick<ExtractRequest, 'patterns' | 'patternLimits' | 'historyPatterns' | 'maxFileBytes'> = {
    patterns: [...patterns].sort(),
    patternLimits: limits,
    historyPatterns: [...history].sort(),
  }
  if (maxFileBytes !== undefined) req.maxFileBytes = maxFileBytes
  return req
}

/**
 * The union of what OS detection and {@link DEFAULT_CATALOGERS} read: the `patterns` of
 * {@link catalogRequest}() (use that function to also get size limits and history paths).
 *
 * @example
 * ```ts
 * import { CATALOG_PATTERNS } from '@stowaway/sbom'
 * CATALOG_PATTERNS.includes('lib/apk/db/installed') // true
 * ```
 */
export const CATALOG_PATTERNS: readonly string[] = catalogRequest().patterns

/**
 * Detect the OS and run every cataloger over an extracted file tree. A cataloger that
 * throws becomes a warning; the others still run. Packages come out in a stable order.
 *
 * @param tree the squashed files (see {@link catalogRequest} for what to extract)
 * @param options catalogers, distro override, source description
 * @returns the inventory, with the tree's warnings and the catalogers' own
 * @example
 * ```ts
 * import { createFileTree } from '@stowaway/extract'
 * import { catalogFiles } from '@stowaway/sbom'
 * const inv = await catalogFiles(createFileTree([]))
 * inv.packages.length // 0
 * ```
 */
export async function catalogFiles(tree: FileTree, options: CatalogOptions = {}): Promise<Inventory> {
  const warnings: Warning[] = [...tree.warnings]
  const distro = options.distro ?? detectDistro(tree)
  const packages: Package[] = []
  for (const c of options.catalogers ?? DEFAULT_CATALOGERS) {
    // A garbage database could yield a warning per record: keep the first ones and count the rest.
    let count = 0
    const warn = (w: Warning) => {
      if (++count <= MAX_WARNINGS_PER_CATALOGER) warnings.push(w)
    }
    try {
      const found = await c.catalog({ tree, ...(distro ? { distro } : {}), warn })
      packages.push(...found)
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e)
      warnings.push({ code: isStowawayError(e) ? e.code : 'INVALID_ARGUMENT', message: `Cannot run cataloger "${c.name}": ${msg}` })
    }
    if (count > MAX_WARNINGS_PER_CATALOGER) {
      warnings.push({ code: 'LIMIT_EXCEEDED', message: `Cannot list every warning of cataloger "${c.name}": ${count - MAX_WARNINGS_PER_CATALOGER} more omitted` })
    }
  }
  packages.sort(comparePackages)
  const inv: Inventory = { packages, warnings }
  if (distro) inv.distro = distro
  if (options.source) inv.source = options.source
  return inv
}

const cmp = (a = '', b = '') => (a < b ? -1 : a > b ? 1 : 0)

/**
 * Stable package order: type, name, version, then first location path.
 *
 * @param a a package
 * @param b another package
 * @returns negative, zero or positive
 * @example
 * ```ts
 * import { comparePackages } from '@stowaway/sbom'
 * [{ name: 'b', version: '1', type: 'npm' }, { name: 'a', version: '1', type: 'npm' }].sort(comparePackages)
 * ```
 */
export function comparePackages(a: Package, b: Package): number {
  return cmp(a.type, b.type) || cmp(a.name, b.name) || cmp(a.version, b.version) || cmp(a.locations?.[0]?.path, b.locations?.[0]?.path) || cmp(a.purl, b.purl)
}
