import type { Distro, Package, Warning } from '@stowaway/core'
import type { FileTree } from '@stowaway/extract'

/**
 * What a cataloger receives: the squashed file tree, the detected OS (if any) and a
 * sink for warnings. Catalogers never throw on bad input: they warn and skip.
 */
export interface CatalogContext {
  tree: FileTree
  distro?: Distro
  warn(w: Warning): void
}

/**
 * One package-database or lockfile reader.
 *
 * @example
 * ```ts
 * import type { Cataloger } from '@stowaway/sbom'
 * const none: Cataloger = { name: 'none', patterns: [], catalog: () => [] }
 * ```
 */
export interface Cataloger {
  /** Stable id, e.g. `dpkg`, `apk`, `rpm`, `npm-package-json`. */
  name: string
  /** Globs of the files it reads (relative to the image root). */
  patterns: string[]
  /** Paths among `patterns` whose every layer's version is kept (`FileTree.history`), e.g. a package database. */
  historyPatterns?: string[]
  /** Maximum bytes of one matched file this cataloger needs (default: extract's limit). */
  maxFileBytes?: number
  catalog(ctx: CatalogContext): Package[] | Promise<Package[]>
}
