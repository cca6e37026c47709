import type { FileTree } from '@stowaway/extract'

/**
 * For a package database that layers rewrite whole (dpkg `status`, apk `installed`),
 * find the layer that introduced each package of the final version: the earliest layer
 * from which every later version of the file still lists the same package key. Without
 * history (a tree from elsewhere), the file's own layer is used.
 *
 * @param tree the squashed files (with the database requested under `historyPatterns`)
 * @param path the database path
 * @param keysOf package keys (e.g. `name\u0000version`) listed by one version of the file
 * @returns key → layer digest
 * @example
 * ```ts
 * import { createFileTree } from '@stowaway/extract'
 * import { introducedIn } from '@stowaway/sbom'
 * introducedIn(createFileTree([]), 'lib/apk/db/installed', () => new Set()) // Map(0) {}
 * ```
 */
export function introducedIn(tree: FileTree, path: string, keysOf: (bytes: Uint8Array) => Set<string>): Map<string, string> {
  const out = new Map<string, string>()
  const versions = tree.history?.(path) ?? []
  const final = tree.get(path)
  if (!final) return out
  if (versions.length < 2) {
    for (const k of keysOf(final.bytes)) out.set(k, final.layer)
    return out
  }
  let alive = keysOf(versions[versions.length - 1]!.bytes)
  for (const k of alive) out.set(k, versions[versions.length - 1]!.layer)
  for (let i = versions.length - 2; i >= 0 && alive.size; i--) {
    const keys = keysOf(versions[i]!.bytes)
    const still = new Set<string>()
    for (const k of alive) {
      if (keys.has(k)) {
        out.set(k, versions[i]!.layer)
        still.add(k)
      }
    }
    alive = still
  }
  return out
}
