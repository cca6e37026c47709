import type { Distro } from '@stowaway/core'

/**
 * The OSV ecosystem of a distro's own packages (dpkg and apk distros), with the
 * release where OSV splits by release: `Debian:12`, `Ubuntu:22.04:LTS`, `Alpine:v3.19`.
 * Undefined when OSV has no ecosystem for the distro (better none than a wrong one).
 *
 * @param distro the detected OS
 * @returns the ecosystem name, or undefined
 * @example
 * ```ts
 * import { osEcosystem } from '@stowaway/sbom'
 * osEcosystem({ id: 'alpine', versionId: '3.19.1' }) // 'Alpine:v3.19'
 * ```
 */
export function osEcosystem(distro: Distro | undefined): string | undefined {
  if (!distro) return undefined
  const v = distro.versionId ?? ''
  switch (distro.id) {
    case 'debian':
      return v ? `Debian:${v.split('.')[0]}` : 'Debian'
    case 'ubuntu': {
      if (!v) return 'Ubuntu'
      // OSV tags LTS releases (even year, April) with ":LTS".
      const m = /^(\d+)\.(\d+)/.exec(v)
      const lts = m && Number(m[1]) % 2 === 0 && m[2] === '04'
      return `Ubuntu:${m ? `${m[1]}.${m[2]}` : v}${lts ? ':LTS' : ''}`
    }
    case 'alpine': {
      const m = /^(\d+)\.(\d+)/.exec(v)
      return m ? `Alpine:v${m[1]}.${m[2]}` : 'Alpine'
    }
    case 'wolfi':
      return 'Wolfi'
    case 'chainguard':
      return 'Chainguard'
    default:
      return undefined
  }
}

/**
 * The purl `distro` qualifier: `<id>-<VERSION_ID>` (e.g. `debian-12`, `alpine-3.19.1`).
 *
 * @param distro the detected OS
 * @returns the qualifier value, or undefined when no OS is known
 * @example
 * ```ts
 * import { distroQualifier } from '@stowaway/sbom'
 * distroQualifier({ id: 'debian', versionId: '12' }) // 'debian-12'
 * ```
 */
export function distroQualifier(distro: Distro | undefined): string | undefined {
  if (!distro) return undefined
  return distro.versionId ? `${distro.id}-${distro.versionId}` : distro.id
}
