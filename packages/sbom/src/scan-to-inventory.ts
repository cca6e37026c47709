import type { Inventory, Warning } from '@stowaway/core'
import { extractFiles, type Decompressors, type LayerSource } from '@stowaway/extract'
import type { Cataloger } from './cataloger.ts'
import { catalogFiles, catalogRequest } from './catalog-files.ts'

/**
 * The part of `@stowaway/pull`'s `PulledImage` that cataloging needs.
 *
 * @example
 * ```ts
 * import type { ImageLike } from '@stowaway/sbom'
 * const img: ImageLike = { source: 'x', layers: [], blobs: async function* () {} }
 * ```
 */
export interface ImageLike {
  source: string
  reference?: string
  manifestDigest?: string
  layers: { digest: string; diffId?: string }[]
  /** Problems the pull stage met; carried into the inventory. */
  warnings?: Warning[]
  blobs(opts?: { signal?: AbortSignal }): AsyncIterable<LayerSource>
}

/** Options of {@link scanToInventory}. */
export interface ScanOptions {
  catalogers?: Cataloger[]
  /** Size limit of one file read from the layers (default 64 MiB). */
  maxFileBytes?: number
  /** Bound on all bytes read (default 1 GiB). */
  maxTotalBytes?: number
  /** Replacement layer decoders (e.g. `nodeDecompressors()` from extract's Node entry). */
  decompressors?: Decompressors
  signal?: AbortSignal
}

/**
 * Extract what the catalogers need from a pulled image's layers and catalog it:
 * the pull → extract → sbom path in one call.
 *
 * @param image a pulled image (`pullImage(…)` from `@stowaway/pull`)
 * @param options catalogers, limits, abort signal
 * @returns the inventory, its source naming the image, digest and layers
 * @example
 * ```ts
 * import { pullImage } from '@stowaway/pull'
 * import { scanToInventory } from '@stowaway/sbom'
 * const inv = await scanToInventory(await pullImage('oci:./layout'))
 * console.log(inv.packages.length)
 * ```
 */
export async function scanToInventory(image: ImageLike, options: ScanOptions = {}): Promise<Inventory> {
  const catalogers = options.catalogers
  const tree = await extractFiles(image.blobs(options.signal ? { signal: options.signal } : undefined), {
    ...catalogRequest(catalogers, options.maxFileBytes),
    ...(options.maxTotalBytes !== undefined ? { maxTotalBytes: options.maxTotalBytes } : {}),
    ...(options.decompressors ? { decompressors: options.decompressors } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  })
  const source: NonNullable<Inventory['source']> = {
    name: image.reference ?? image.source,
    layers: image.layers.map((l) => (l.diffId ? { digest: l.digest, diffId: l.diffId } : { digest: l.digest })),
  }
  if (image.manifestDigest) source.digest = image.manifestDigest
  const inv = await catalogFiles(tree, { ...(catalogers ? { catalogers } : {}), source })
  if (image.warnings?.length) inv.warnings.unshift(...image.warnings)
  return inv
}
