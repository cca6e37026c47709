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
  const t = resolveTarget(pkg, inv, { ecosystem: '', name: '', source: undefined, version: '' })
  return t && { ecosystem: t.ecosystem, names: t.source === undefined ? [t.name] : [t.source, t.name], version: t.version }
}

/**
 * A {@link MatchTarget} without its names array: `source` is the first name when the
 * package is looked up under its source package too (another name than `name`).
 *
 * @example
 * ```ts
 * import type { TargetFields } from './match-target.ts'
 * const t: TargetFields = { ecosystem: 'Alpine:v3.9', source: 'openssl', name: 'libcrypto1.1', version: '1.1.1a-r1' }
 * ```
 */
export interface TargetFields {
  ecosystem: string
  source: string | undefined
  name: string
  version: string
}

/**
 * {@link targetOf} written into a caller's object instead of a new one (the bulk
 * matcher resolves thousands of packages into one scratch object).
 *
 * @param pkg the package
 * @param inv the inventory (for its distro)
 * @param out where the fields go
 * @returns `out`, or undefined when no ecosystem can be told
 * @example
 * ```ts
 * import { resolveTarget } from './match-target.ts'
 * const scratch = { ecosystem: '', source: undefined, name: '', version: '' }
 * resolveTarget({ name: 'django', version: '4.2', type: 'pypi', ecosystem: 'PyPI' }, undefined, scratch)?.name // 'django'
 * ```
 */
export function resolveTarget(pkg: Package, inv: Inventory | undefined, out: TargetFields): TargetFields | undefined {
  const fromPurl = pkg.purl ? purlToTarget(pkg.purl) : undefined
  let ecosystem = pkg.ecosystem ?? fromPurl?.ecosystem
  const distroType = DISTRO_TYPES.has(pkg.type)
  // OS packages whose ecosystem names no release (`Red Hat`) take it from the distro.
  if ((!ecosystem || !ecosystem.includes(':')) && distroType && inv?.distro) ecosystem = distroEcosystem(inv.distro.id, inv.distro.versionId) ?? ecosystem
  if (!ecosystem) return undefined
  let version = pkg.version || fromPurl?.version || ''
  let name = pkg.name
  if (fromPurl && fromPurl.ecosystem === ecosystem && !distroType) name = fromPurl.name
  if (ecosystem === 'Go' && name === 'stdlib' && version.startsWith('go')) version = version.slice(2)
  const src = distroType ? (pkg.source?.name ?? fromPurl?.sourceName) : undefined
  out.ecosystem = ecosystem
  out.source = src && src !== name ? src : undefined
  out.name = name
  out.version = version
  return out
}
