import type { Distro, Package } from '@stowaway/core'
import { parsePurl, type PackageUrl } from './purl.ts'
import { osEcosystem } from './os-ecosystem.ts'
import { rpmEcosystem } from './catalogers/rpm-ecosystem.ts'
import { parseSourceRpm } from './catalogers/rpm.ts'

// purl types whose OSV ecosystem does not depend on a distro.
const LANGUAGE_ECOSYSTEMS: Record<string, string> = {
  npm: 'npm',
  pypi: 'PyPI',
  golang: 'Go',
  maven: 'Maven',
  gem: 'RubyGems',
  composer: 'Packagist',
  cargo: 'crates.io',
  nuget: 'NuGet',
  cran: 'CRAN',
  hackage: 'Hackage',
  pub: 'Pub',
  hex: 'Hex',
  swift: 'SwiftURL',
  bitnami: 'Bitnami',
  conan: 'ConanCenter',
}

// Release codenames some tools put in `distro=` instead of a version.
const CODENAMES: Record<string, [string, string]> = {
  stretch: ['debian', '9'],
  buster: ['debian', '10'],
  bullseye: ['debian', '11'],
  bookworm: ['debian', '12'],
  trixie: ['debian', '13'],
  bionic: ['ubuntu', '18.04'],
  focal: ['ubuntu', '20.04'],
  jammy: ['ubuntu', '22.04'],
  noble: ['ubuntu', '24.04'],
}

/**
 * Read a purl `distro` qualifier: `debian-12`, `alpine-3.19.1`, `centos-7.6.1810`,
 * a bare version (`3.22.0`, id taken from the namespace) or a codename (`bookworm`).
 *
 * @param value the qualifier value
 * @param namespace the purl namespace (the distro id for OS packages)
 * @returns the distro, or undefined when nothing can be read
 * @example
 * ```ts
 * import { distroFromQualifier } from '@stowaway/sbom'
 * distroFromQualifier('debian-12', 'debian') // { id: 'debian', versionId: '12' }
 * ```
 */
export function distroFromQualifier(value: string | undefined, namespace?: string): Distro | undefined {
  if (!value) return undefined
  const v = value.trim()
  const m = /^([A-Za-z][A-Za-z0-9._]*?)[-@:](\d[\w.+~-]*)$/.exec(v)
  if (m) return { id: m[1]!.toLowerCase(), versionId: m[2]! }
  if (/^\d/.test(v) && namespace) return { id: namespace.toLowerCase(), versionId: v }
  const c = CODENAMES[v.toLowerCase()]
  if (c) return { id: c[0], versionId: c[1], codename: v.toLowerCase() }
  return namespace ? { id: namespace.toLowerCase(), codename: v } : undefined
}

/**
 * The OSV ecosystem of a package given its purl type and the distro it belongs to.
 *
 * @param type purl type
 * @param distro distro for OS packages
 * @returns the ecosystem, or undefined when unknown
 * @example
 * ```ts
 * import { ecosystemFor } from '@stowaway/sbom'
 * ecosystemFor('deb', { id: 'debian', versionId: '12' }) // 'Debian:12'
 * ecosystemFor('pypi') // 'PyPI'
 * ```
 */
export function ecosystemFor(type: string, distro?: Distro): string | undefined {
  const lang = LANGUAGE_ECOSYSTEMS[type]
  if (lang) return lang
  if (type === 'deb' || type === 'apk') return osEcosystem(distro)
  if (type === 'rpm') return rpmEcosystem(distro)
  return undefined
}

/**
 * The package name as its ecosystem spells it, from purl parts: npm `@scope/name`,
 * Maven `group:artifact`, Go and Composer `namespace/name`; OS packages just the name.
 *
 * @param p parsed purl
 * @returns the name
 * @example
 * ```ts
 * import { nameFromPurl, parsePurl } from '@stowaway/sbom'
 * nameFromPurl(parsePurl('pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1')) // 'org.apache.logging.log4j:log4j-core'
 * ```
 */
export function nameFromPurl(p: PackageUrl): string {
  if (!p.namespace) return p.name
  switch (p.type) {
    case 'maven':
      return `${p.namespace}:${p.name}`
    case 'npm':
    case 'golang':
    case 'composer':
    case 'swift':
    case 'github':
    case 'bitbucket':
      return `${p.namespace}/${p.name}`
    default:
      return p.name
  }
}

/**
 * Turn a purl into a {@link Package}: name in ecosystem spelling, rpm epoch folded into
 * the version (`E:V-R`), arch, source package from `upstream` (or apk `origin`) and the
 * OSV ecosystem from the `distro` qualifier, else from the given distro.
 *
 * @param purl the purl string
 * @param distro the SBOM's OS, used when the purl has no `distro` qualifier
 * @returns the package, or undefined when the purl does not parse
 * @example
 * ```ts
 * import { packageFromPurl } from '@stowaway/sbom'
 * packageFromPurl('pkg:rpm/centos/openssl-libs@1.0.2k-16.el7?arch=x86_64&epoch=1&distro=centos-7.6.1810')?.version // '1:1.0.2k-16.el7'
 * ```
 */
export function packageFromPurl(purl: string, distro?: Distro): Package | undefined {
  let p: PackageUrl
  try {
    p = parsePurl(purl)
  } catch {
    return undefined
  }
  const q = p.qualifiers ?? {}
  let version = p.version ?? ''
  if (p.type === 'rpm' && q.epoch && q.epoch !== '0' && !version.includes(':')) version = `${q.epoch}:${version}`
  const pkg: Package = { name: nameFromPurl(p), version, type: p.type, purl }
  const os = p.type === 'deb' || p.type === 'apk' || p.type === 'rpm'
  const d = os ? (distroFromQualifier(q.distro, p.namespace) ?? distro ?? (p.namespace ? { id: p.namespace } : undefined)) : distro
  const usable = d && d.versionId === undefined && d.codename && CODENAMES[d.codename] ? { ...d, versionId: CODENAMES[d.codename]![1] } : d
  const eco = ecosystemFor(p.type, usable)
  if (eco) pkg.ecosystem = eco
  if (q.arch) pkg.arch = q.arch
  const upstream = q.upstream ?? (p.type === 'apk' ? q.origin : undefined)
  if (upstream) {
    if (p.type === 'rpm' && /\.src\.rpm$/.test(upstream)) {
      const s = parseSourceRpm(upstream)
      if (s) pkg.source = s
    } else {
      const at = upstream.lastIndexOf('@')
      pkg.source = at > 0 ? { name: upstream.slice(0, at), version: upstream.slice(at + 1) } : { name: upstream }
    }
  }
  return pkg
}
