/**
 * What a purl says about matching: OSV ecosystem, lookup name, comparable version and
 * the source package for distro packages.
 *
 * @example
 * ```ts
 * import type { PurlTarget } from '@stowaway/match'
 * const t: PurlTarget = { ecosystem: 'Debian:11', name: 'libssl1.1', version: '1.1.1n-0+deb11u3', sourceName: 'openssl' }
 * ```
 */
export interface PurlTarget {
  ecosystem?: string
  name: string
  version?: string
  sourceName?: string
  type: string
}

const LANG: Record<string, string> = {
  npm: 'npm',
  pypi: 'PyPI',
  golang: 'Go',
  maven: 'Maven',
  gem: 'RubyGems',
  cargo: 'crates.io',
  composer: 'Packagist',
  nuget: 'NuGet',
  hex: 'Hex',
  pub: 'Pub',
  cran: 'CRAN',
  hackage: 'Hackage',
  swift: 'SwiftURL',
}

const RPM_DISTROS: Record<string, string> = {
  almalinux: 'AlmaLinux',
  rocky: 'Rocky Linux',
  rockylinux: 'Rocky Linux',
  amazon: 'Amazon Linux',
  amzn: 'Amazon Linux',
  mariner: 'Mariner',
  azurelinux: 'Azure Linux',
  photon: 'Photon OS',
  openeuler: 'openEuler',
  redhat: 'Red Hat',
  rhel: 'Red Hat',
  fedora: 'Fedora',
  centos: 'CentOS',
  oracle: 'Oracle Linux',
  ol: 'Oracle Linux',
}

function dec(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

/**
 * The OSV ecosystem of a distro release as an SBOM tool names it: `debian` + `11.2`
 * → `Debian:11`, `alpine` + `3.10.2` → `Alpine:v3.10`, `almalinux` + `8.5` → `AlmaLinux:8`,
 * `ubuntu` + `22.04` → `Ubuntu:22.04`, `amzn` + `2` → `Amazon Linux:2` (`2018.03` →
 * `Amazon Linux:1`), `ol` + `8.6` → `Oracle Linux:8`, `rhel` + `9.2` → `Red Hat:9`,
 * `fedora` + `40` → `Fedora:40`, `photon` + `4.0` → `Photon OS:4.0`.
 *
 * @param id distro id (os-release ID or purl namespace)
 * @param version release (`11`, `3.10.2`, `8.5`, `bullseye`)
 * @returns the ecosystem, or undefined for distros without a feed
 * @example
 * ```ts
 * import { distroEcosystem } from '@stowaway/match'
 * distroEcosystem('alpine', '3.10.2') // 'Alpine:v3.10'
 * ```
 */
export function distroEcosystem(id: string, version: string | undefined): string | undefined {
  const d = id.toLowerCase()
  const v = version ?? ''
  const major = /^(\d+)/.exec(v)?.[1]
  const majorMinor = /^(\d+\.\d+)/.exec(v)?.[1]
  switch (d) {
    case 'debian':
      return major ? `Debian:${major}` : undefined
    case 'ubuntu':
      return majorMinor ? `Ubuntu:${majorMinor}` : undefined
    case 'alpine':
      return majorMinor ? `Alpine:v${majorMinor}` : v === 'edge' ? undefined : undefined
    case 'sles':
    case 'sled':
    case 'sles_sap':
    case 'suse':
      return majorMinor ? `SUSE:${majorMinor.replace(/\.0$/, '')}` : major ? `SUSE:${major}` : undefined
    case 'sle-micro':
    case 'sl-micro':
      return majorMinor ? `SUSE Micro:${majorMinor}` : undefined
    case 'opensuse-leap':
    case 'opensuse':
      return majorMinor ? `openSUSE:${majorMinor}` : undefined
    case 'opensuse-tumbleweed':
      return 'openSUSE:Tumbleweed'
    case 'wolfi':
      return 'Wolfi'
    case 'chainguard':
      return 'Chainguard'
    case 'amzn':
    case 'amazon':
      // Amazon Linux AMI (AL1) numbers releases by date (`2018.03`); ALAS files it as 1.
      if (/^20\d\d\.\d/.test(v)) return 'Amazon Linux:1'
      return major ? `Amazon Linux:${major}` : 'Amazon Linux'
    case 'photon':
      // Photon's feeds and OSV name the release with its minor (`Photon OS:4.0`).
      return majorMinor ? `Photon OS:${majorMinor}` : major ? `Photon OS:${major}.0` : 'Photon OS'
    default: {
      const name = RPM_DISTROS[d]
      if (!name) return undefined
      return major ? `${name}:${major}` : name
    }
  }
}

/**
 * Read a purl (`pkg:type/namespace/name@version?qualifiers#subpath`) into a match
 * target: `distro=` gives the release (`debian-11`, `alpine-3.10.2`, `almalinux-8.5`),
 * `upstream=` the source package (rpm `.src.rpm` names reduced to the name), rpm
 * `epoch=` joins the version as `E:V-R`, and Go's `stdlib@go1.x.y` compares as `1.x.y`.
 *
 * @param purl package URL
 * @returns the target, or undefined when it is not a purl
 * @example
 * ```ts
 * import { purlToTarget } from '@stowaway/match'
 * purlToTarget('pkg:rpm/almalinux/openssl@1.1.1k-5.el8?epoch=1&distro=almalinux-8.5')?.version // '1:1.1.1k-5.el8'
 * ```
 */
export function purlToTarget(purl: string): PurlTarget | undefined {
  const m = /^pkg:([a-zA-Z.+-]+)\/([^?#]+?)(?:\?([^#]*))?(?:#.*)?$/.exec(purl.trim())
  if (!m) return undefined
  const type = m[1]!.toLowerCase()
  let path = m[2]!
  let version: string | undefined
  const at = path.lastIndexOf('@')
  if (at > 0) {
    version = dec(path.slice(at + 1))
    path = path.slice(0, at)
  }
  const segs = path.split('/').map(dec)
  const name = segs.pop()!
  const namespace = segs.join('/')
  const q = new Map<string, string>()
  for (const kv of (m[3] ?? '').split('&')) {
    if (!kv) continue
    const i = kv.indexOf('=')
    if (i > 0) q.set(kv.slice(0, i).toLowerCase(), dec(kv.slice(i + 1)))
  }
  const t: PurlTarget = { name, type, ...(version ? { version } : {}) }
  if (type === 'deb' || type === 'apk' || type === 'rpm' || type === 'alpm') {
    const distro = q.get('distro')
    let id = namespace.toLowerCase()
    let rel: string | undefined
    if (distro) {
      const dm = /^([a-z_]+(?:-[a-z_]+)*)-(\d.*)$/.exec(distro.toLowerCase())
      if (dm) {
        id = dm[1]!
        rel = dm[2]
      } else if (distro.toLowerCase() === 'opensuse-tumbleweed') id = 'opensuse-tumbleweed'
      else rel = distro
    }
    if (id === 'debian' && rel && !/^\d/.test(rel)) {
      const names: Record<string, string> = { buster: '10', bullseye: '11', bookworm: '12', trixie: '13', stretch: '9', jessie: '8' }
      rel = names[rel]
    }
    const eco = distroEcosystem(id, rel)
    if (eco) t.ecosystem = eco
    // syft writes `upstream=`, osv-scanner `origin=` for apk.
    let upstream = q.get('upstream') ?? q.get('origin')
    if (upstream) {
      if (type === 'rpm') upstream = upstream.replace(/\.src\.rpm$/, '').replace(/-[^-]+-[^-]+$/, '')
      else upstream = upstream.split('@', 1)[0]!
      t.sourceName = upstream
    }
    const epoch = q.get('epoch')
    if (type === 'rpm' && epoch && epoch !== '0' && version && !version.includes(':')) t.version = `${epoch}:${version}`
    return t
  }
  const eco = LANG[type]
  if (!eco) return t
  t.ecosystem = eco
  if (type === 'npm' || type === 'composer') t.name = namespace ? `${namespace}/${name}` : name
  else if (type === 'maven') t.name = namespace ? `${namespace}:${name}` : name
  else if (type === 'golang') {
    t.name = namespace ? `${namespace}/${name}` : name
    if (t.name === 'stdlib' && version?.startsWith('go')) t.version = version.slice(2)
  } else if (type === 'swift') t.name = namespace ? `${namespace}/${name}` : name
  return t
}
