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
      const name = Object.hasOwn(RPM_DISTROS, d) ? RPM_DISTROS[d] : undefined
      if (!name) return undefined
      return major ? `${name}:${major}` : name
    }
  }
}

// Types whose purls an SBOM carries by the thousand: returning these literals spares
// a copy and a lower-casing per purl, and later `===` tests compare pointers.
const KNOWN_TYPES = ['npm', 'golang', 'pypi', 'maven', 'deb', 'rpm', 'apk', 'alpm', 'gem', 'cargo', 'composer', 'nuget', 'hex', 'pub', 'cran', 'hackage', 'swift']

/** The literal for an already lower-case known type at `s[4, end)`. */
function knownType(s: string, end: number): string | undefined {
  const n = end - 4
  for (let k = 0; k < KNOWN_TYPES.length; k++) {
    const t = KNOWN_TYPES[k]!
    if (t.length === n && s.startsWith(t, 4)) return t
  }
  return undefined
}

/** `s[from, to)`, percent-decoded only when it holds a `%`. */
function decRange(s: string, from: number, to: number): string {
  const v = s.slice(from, to)
  return v.includes('%') ? dec(v) : v
}

/**
 * `s[from, to)` with each `/`-separated segment decoded on its own, so a malformed
 * escape leaves only its own segment raw (and a `%2F` decodes inside its segment).
 */
function decSegments(s: string, from: number, to: number): string {
  let out = ''
  for (let a = from; ; ) {
    let b = s.indexOf('/', a)
    if (b < 0 || b > to) b = to
    out += decRange(s, a, b)
    if (b >= to) return out
    out += '/'
    a = b + 1
  }
}

/** Whether `s[from, to)` holds a character that a regex `.` does not match. */
function hasLineBreak(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i)
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) return true
  }
  return false
}

/** Whether the qualifier key `s[from, from + word.length)` is `word` in any ASCII case. */
function keyIs(s: string, from: number, word: string): boolean {
  // `| 32` folds only ASCII letters onto the lower-case letters of `word`; the one
  // non-ASCII character that lower-cases into ASCII (U+212A → k) is in no key used.
  for (let k = 0; k < word.length; k++) if ((s.charCodeAt(from + k) | 32) !== word.charCodeAt(k)) return false
  return true
}

/**
 * Where a lower-cased `distro=` value splits into id and release: the index of the `-`
 * in `<id>-<digit>…` where the id is `[a-z_]` words joined by single dashes (the
 * release may hold no line break), or -1.
 */
function releaseCut(d: string): number {
  // The release starts at the first character outside [a-z_-], so that is the only cut.
  let dash = true
  for (let i = 0; i < d.length; i++) {
    const c = d.charCodeAt(i)
    if ((c >= 97 && c <= 122) || c === 95) dash = false
    else if (c === 45) {
      if (dash) return -1
      dash = true
    } else {
      if (c < 48 || c > 57 || !dash || i === 0) return -1
      return hasLineBreak(d, i + 1, d.length) ? -1 : i - 1
    }
  }
  return -1
}

/** The release number of a Debian codename. */
function debianRelease(codename: string): string | undefined {
  switch (codename) {
    case 'jessie':
      return '8'
    case 'stretch':
      return '9'
    case 'buster':
      return '10'
    case 'bullseye':
      return '11'
    case 'bookworm':
      return '12'
    case 'trixie':
      return '13'
    default:
      return undefined
  }
}

/** The last namespace and raw `distro=` text {@link releaseEcosystem} was asked about (none yet), and its answer. */
let lastRelease: { namespace: string | undefined; distro: string | undefined; ecosystem: string | undefined } = { namespace: undefined, distro: undefined, ecosystem: undefined }

/** The ecosystem of an OS package purl from its namespace and decoded `distro=` value. */
function releaseEcosystem(namespace: string, distro: string | undefined): string | undefined {
  let id = namespace.toLowerCase()
  let rel: string | undefined
  if (distro) {
    const d = distro.toLowerCase()
    const cut = releaseCut(d)
    if (cut > 0) {
      id = d.slice(0, cut)
      rel = d.slice(cut + 1)
    } else if (d === 'opensuse-tumbleweed') id = d
    else rel = distro
  }
  if (id === 'debian' && rel) {
    const c = rel.charCodeAt(0)
    if (c < 48 || c > 57) rel = debianRelease(rel)
  }
  return distroEcosystem(id, rel)
}

/** The target of an OS package purl: release from `distro=`, source from `upstream=`/`origin=`, rpm epoch. */
function distroTarget(s: string, type: string, name: string, namespace: string, version: string | undefined, qFrom: number, qTo: number): PurlTarget {
  const t: PurlTarget = version ? { name, type, version } : { name, type }
  // Only four qualifiers matter; each is kept as a range (the last occurrence wins)
  // and decoded once at the end.
  let dF = -1, dT = -1, uF = -1, uT = -1, oF = -1, oT = -1, eF = -1, eT = -1
  for (let a = qFrom; a < qTo; ) {
    let b = s.indexOf('&', a)
    if (b < 0 || b > qTo) b = qTo
    const eq = s.indexOf('=', a)
    if (eq > a && eq < b) {
      const k = eq - a
      if (k === 6 && keyIs(s, a, 'distro')) {
        dF = eq + 1
        dT = b
      } else if (k === 8 && keyIs(s, a, 'upstream')) {
        uF = eq + 1
        uT = b
      } else if (k === 6 && keyIs(s, a, 'origin')) {
        oF = eq + 1
        oT = b
      } else if (k === 5 && keyIs(s, a, 'epoch')) {
        eF = eq + 1
        eT = b
      }
    }
    a = b + 1
  }
  // An SBOM's OS packages share one namespace and distro=: reuse the last answer when
  // both are the same text (no decode, lower-casing or distroEcosystem call).
  let eco: string | undefined
  const m = lastRelease
  if (m.namespace === namespace && (dF < 0 ? m.distro === undefined : m.distro !== undefined && m.distro.length === dT - dF && s.startsWith(m.distro, dF))) eco = m.ecosystem
  else {
    eco = releaseEcosystem(namespace, dF >= 0 ? decRange(s, dF, dT) : undefined)
    lastRelease = { namespace, distro: dF >= 0 ? s.slice(dF, dT) : undefined, ecosystem: eco }
  }
  if (eco) t.ecosystem = eco
  // syft writes `upstream=`, osv-scanner `origin=` for apk; an empty `upstream=` still hides `origin=`.
  const upstream = uF >= 0 ? decRange(s, uF, uT) : oF >= 0 ? decRange(s, oF, oT) : undefined
  if (upstream) {
    const cut = upstream.indexOf('@')
    t.sourceName = type === 'rpm' ? srpmName(upstream) : cut < 0 ? upstream : upstream.slice(0, cut)
  }
  if (type === 'rpm' && version && eF >= 0) {
    const epoch = decRange(s, eF, eT)
    if (epoch && epoch !== '0' && !version.includes(':')) t.version = `${epoch}:${version}`
  }
  return t
}

/** The package name of an rpm `upstream=` (`openssl-1.1.1k-5.el8_5.src.rpm` → `openssl`). */
function srpmName(u: string): string {
  if (u.endsWith('.src.rpm')) u = u.slice(0, -8)
  // Drop `-<version>-<release>` when both parts are non-empty.
  const r = u.lastIndexOf('-')
  if (r <= 0 || r === u.length - 1) return u
  const v = u.lastIndexOf('-', r - 1)
  return v >= 0 && v < r - 1 ? u.slice(0, v) : u
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
  // The bulk matcher reads thousands of purls per SBOM: a few indexOf searches and
  // short scans find every boundary; nothing is split, matched by regex, copied into a
  // Map or decoded unless it holds a `%`.
  let s = purl
  const last = s.charCodeAt(s.length - 1)
  // Trim only when an end may be white space (trim's set lies in ≤ U+0020 and ≥ U+00A0).
  if (!s.startsWith('pkg:') || last <= 32 || last >= 0xa0) {
    s = s.trim()
    if (!s.startsWith('pkg:')) return undefined
  }
  const len = s.length
  // The type runs to the first `/`; a known lower-case type needs no character check.
  const typeEnd = s.indexOf('/', 4)
  if (typeEnd <= 4) return undefined
  let type = knownType(s, typeEnd)
  if (type === undefined) {
    for (let i = 4; i < typeEnd; i++) {
      const c = s.charCodeAt(i)
      if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 46 || c === 43 || c === 45)) return undefined
    }
    type = s.slice(4, typeEnd).toLowerCase()
  }
  // The path runs to the first `?` or `#` (indexOf scans far faster than a char loop);
  // qualifiers from a `?` before any `#` to that `#`.
  const start = typeEnd + 1
  let end = s.indexOf('?', start)
  const hash = s.indexOf('#', start)
  let qFrom: number
  let qTo: number
  if (end < 0 || (hash >= 0 && hash < end)) {
    end = hash < 0 ? len : hash
    qFrom = qTo = end
  } else {
    qFrom = end + 1
    qTo = hash < 0 ? len : hash
  }
  if (end === start) return undefined
  if (hash >= 0 && hasLineBreak(s, hash + 1, len)) return undefined
  let pct = s.indexOf('%', start)
  if (pct >= end) pct = -1
  // The version follows the path's last `@` unless that is its first character; the
  // name follows the last `/` before it. Repeated indexOf finds both faster than
  // lastIndexOf (a runtime call) or a charCodeAt loop.
  let at = s.indexOf('@', start + 1)
  if (at >= end) at = -1
  else if (at >= 0) for (let n = s.indexOf('@', at + 1); n >= 0 && n < end; n = s.indexOf('@', n + 1)) at = n
  let preEnd = end
  let version: string | undefined
  if (at > start) {
    preEnd = at
    version = pct >= 0 ? decRange(s, at + 1, end) : s.slice(at + 1, end)
  }
  let nameSlash = typeEnd
  for (let n = s.indexOf('/', start); n >= 0 && n < preEnd; n = s.indexOf('/', n + 1)) nameSlash = n
  // A `%` before the version: decode the name and namespace segment by segment.
  const pctPre = pct >= 0 && pct < preEnd
  const name = pctPre ? decRange(s, nameSlash + 1, preEnd) : s.slice(nameSlash + 1, preEnd)
  // The namespace is empty without a `/`, or with one only at the path's start.
  const hasNs = nameSlash > start

  if (type === 'deb' || type === 'apk' || type === 'rpm' || type === 'alpm') {
    const ns = hasNs ? (pctPre ? decSegments(s, start, nameSlash) : s.slice(start, nameSlash)) : ''
    return distroTarget(s, type, name, ns, version, qFrom, qTo)
  }
  const ecosystem = Object.hasOwn(LANG, type) ? LANG[type] : undefined
  if (!ecosystem) return version ? { name, type, version } : { name, type }
  let full = name
  if (hasNs) {
    if (type === 'npm' || type === 'golang' || type === 'composer' || type === 'swift') full = pctPre ? decSegments(s, start, preEnd) : s.slice(start, preEnd)
    else if (type === 'maven') full = `${pctPre ? decSegments(s, start, nameSlash) : s.slice(start, nameSlash)}:${name}`
  }
  if (!version) return { name: full, type, ecosystem }
  if (type === 'golang' && full === 'stdlib' && version.startsWith('go')) return { name: full, type, version: version.slice(2), ecosystem }
  return { name: full, type, version, ecosystem }
}
