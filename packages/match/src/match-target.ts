import type { Inventory, Package } from '@stowaway/core'
import { distroEcosystem, purlToTarget } from './purl-ecosystem.ts'

/**
 * Where one package is looked up: ecosystem, candidate names (source package first
 * for distro packages), and the version to compare.
 *
 * @example
 * ```ts
 * import type { MatchTarget } from '@stowaway/match'
 * const t: MatchTarget = { ecosystem: 'Alpine:v3.9', names: ['openssl', 'libcrypto1.1'], version: '1.1.1a-r1' }
 * ```
 */
export interface MatchTarget {
  ecosystem: string
  names: string[]
  version: string
}

const DISTRO_TYPES = new Set(['deb', 'apk', 'rpm'])

/**
 * Resolve the lookup target of a package: its own `ecosystem`, else its purl's, else
 * the inventory's distro for OS packages. Distro packages look up their source name
 * then their binary name; Go's `stdlib` version `go1.x.y` compares as `1.x.y`.
 *
 * @param pkg the package
 * @param inv the inventory (for its distro)
 * @returns the target, or undefined when no ecosystem can be told
 * @example
 * ```ts
 * import { targetOf } from '@stowaway/match'
 * targetOf({ name: 'libcrypto1.1', version: '1.1.1a-r1', type: 'apk', source: { name: 'openssl' } }, { packages: [], distro: { id: 'alpine', versionId: '3.9.2' }, warnings: [] })
 * // { ecosystem: 'Alpine:v3.9', names: ['openssl', 'libcrypto1.1'], version: '1.1.1a-r1' }
 * ```
 */
export function targetOf(pkg: Package, inv?: Inventory): MatchTarget | undefined {
  const fromPurl = pkg.purl ? purlToTarget(pkg.purl) : undefined
  let ecosystem = pkg.ecosystem ?? fromPurl?.ecosystem
  // OS packages whose ecosystem names no release (`Red Hat`) take it from the distro.
  if ((!ecosystem || !ecosystem.includes(':')) && DISTRO_TYPES.has(pkg.type) && inv?.distro) ecosystem = distroEcosystem(inv.distro.id, inv.distro.versionId) ?? ecosystem
  if (!ecosystem) return undefined
  let version = pkg.version || fromPurl?.version || ''
  let name = pkg.name
  if (fromPurl && fromPurl.ecosystem === ecosystem && !DISTRO_TYPES.has(pkg.type)) name = fromPurl.name
  if (ecosystem === 'Go' && name === 'stdlib' && version.startsWith('go')) version = version.slice(2)
  const src = pkg.source?.name ?? fromPurl?.sourceName
  const names = src && src !== name && DISTRO_TYPES.has(pkg.type) ? [src, name] : [name]
  return { ecosystem, names, version }
}
