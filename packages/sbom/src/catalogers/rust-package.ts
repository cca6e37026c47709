import type { Package } from '@stowaway/core'
import { formatPurl } from '../purl.ts'
import { cpeCandidates } from '../cpe-candidates.ts'

/**
 * Build a crates.io {@link Package}: type `cargo`, ecosystem `crates.io`.
 *
 * @param name crate name
 * @param version crate version
 * @param file the evidencing file
 * @param metadata extra facts (source, checksum)
 * @returns the package
 * @example
 * ```ts
 * import { cargoPackage } from '@stowaway/sbom'
 * cargoPackage('serde', '1.0.130', { path: 'Cargo.lock' }).purl // 'pkg:cargo/serde@1.0.130'
 * ```
 */
export function cargoPackage(name: string, version: string, file: { path: string; layer?: string }, metadata: Record<string, unknown> = {}): Package {
  const p: Package = {
    name,
    version,
    type: 'cargo',
    ecosystem: 'crates.io',
    purl: formatPurl({ type: 'cargo', name, version }),
    locations: [{ path: file.path, ...(file.layer ? { layer: file.layer } : {}) }],
  }
  if (Object.keys(metadata).length) p.metadata = metadata
  const cpes = cpeCandidates(p)
  if (cpes.length) p.cpes = cpes
  return p
}
