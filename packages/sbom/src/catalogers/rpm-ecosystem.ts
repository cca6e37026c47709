import type { Distro } from '@stowaway/core'

/**
 * The OSV ecosystem name for rpm packages of a distro, with its release where OSV
 * splits by release: `AlmaLinux:9`, `Rocky Linux:9`, `Red Hat`, `openSUSE:Leap 15.5`,
 * `SUSE:Linux Enterprise Server 15 SP3`, `Mageia:9`, `openEuler:22.03`, `Photon OS:5.0`,
 * `Azure Linux:3.0`. Undefined for distros OSV has no ecosystem for (Fedora, CentOS,
 * Amazon Linux …) — better no ecosystem than a wrong one.
 *
 * @param distro the detected OS
 * @returns the ecosystem, or undefined
 * @example
 * ```ts
 * import { rpmEcosystem } from '@stowaway/sbom'
 * rpmEcosystem({ id: 'almalinux', versionId: '9.3' }) // 'AlmaLinux:9'
 * ```
 */
export function rpmEcosystem(distro: Distro | undefined): string | undefined {
  if (!distro) return undefined
  const v = distro.versionId ?? ''
  const major = v.split('.')[0] ?? ''
  const withRelease = (name: string, rel: string) => (rel ? `${name}:${rel}` : name)
  switch (distro.id) {
    case 'almalinux':
      return withRelease('AlmaLinux', major)
    case 'rocky':
      return withRelease('Rocky Linux', major)
    case 'rhel':
      return 'Red Hat'
    case 'opensuse-leap':
      return v ? `openSUSE:Leap ${v}` : 'openSUSE'
    case 'opensuse-tumbleweed':
      return 'openSUSE:Tumbleweed'
    case 'sles':
    case 'sle_hpc':
    case 'sles_sap': {
      const [maj, min] = v.split('.')
      if (!maj) return 'SUSE'
      return `SUSE:Linux Enterprise Server ${maj}${min && min !== '0' ? ` SP${min}` : ''}`
    }
    case 'mageia':
      return withRelease('Mageia', major)
    case 'openEuler':
    case 'openeuler':
      return withRelease('openEuler', v)
    case 'photon':
      return withRelease('Photon OS', v)
    case 'azurelinux':
      return withRelease('Azure Linux', v)
    default:
      return undefined
  }
}

/**
 * The purl namespace for an rpm distro: the os-release ID, with `rhel` spelled
 * `redhat` as the purl spec's examples and other scanners do.
 *
 * @param distro the detected OS
 * @returns the namespace, or undefined when the OS is unknown
 * @example
 * ```ts
 * import { rpmPurlNamespace } from '@stowaway/sbom'
 * rpmPurlNamespace({ id: 'rhel', versionId: '9.3' }) // 'redhat'
 * ```
 */
export function rpmPurlNamespace(distro: Distro | undefined): string | undefined {
  if (!distro) return undefined
  return distro.id === 'rhel' ? 'redhat' : distro.id.toLowerCase()
}
