import { StowawayError } from '@stowaway/core'

/**
 * A parsed Package URL (purl spec: `pkg:type/namespace/name@version?qualifiers#subpath`).
 *
 * @example
 * ```ts
 * import type { PackageUrl } from '@stowaway/sbom'
 * const p: PackageUrl = { type: 'npm', namespace: '@angular', name: 'core', version: '16.0.0' }
 * ```
 */
export interface PackageUrl {
  type: string
  namespace?: string
  name: string
  version?: string
  qualifiers?: Record<string, string>
  subpath?: string
}

// purl percent-encodes everything outside unreserved and a few sub-delims; ':' is kept.
function enc(s: string): string {
  return encodeURIComponent(s).replace(/%3A/gi, ':')
}

function dec(s: string, what: string, purl: string): string {
  try {
    return decodeURIComponent(s)
  } catch (e) {
    throw new StowawayError('INVALID_ARGUMENT', `Cannot parse purl "${purl}": bad percent-encoding in ${what}`, { cause: e })
  }
}

/**
 * Format a purl canonically: lower-case type, each namespace segment and the name
 * percent-encoded, qualifiers sorted by key with empty values dropped.
 *
 * @param p the parts
 * @returns the purl string
 * @example
 * ```ts
 * import { formatPurl } from '@stowaway/sbom'
 * formatPurl({ type: 'deb', namespace: 'debian', name: 'libssl3', version: '3.0.22-1~deb12u2', qualifiers: { distro: 'debian-12', arch: 'amd64' } })
 * // 'pkg:deb/debian/libssl3@3.0.22-1~deb12u2?arch=amd64&distro=debian-12'
 * ```
 */
export function formatPurl(p: PackageUrl): string {
  let s = `pkg:${p.type.toLowerCase()}/`
  if (p.namespace) s += p.namespace.split('/').filter(Boolean).map(enc).join('/') + '/'
  s += enc(p.name)
  if (p.version !== undefined && p.version !== '') s += '@' + enc(p.version)
  const q = Object.entries(p.qualifiers ?? {})
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => [k.toLowerCase(), v] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  if (q.length) s += '?' + q.map(([k, v]) => `${k}=${enc(v)}`).join('&')
  if (p.subpath) s += '#' + p.subpath.split('/').filter((x) => x && x !== '.' && x !== '..').map(enc).join('/')
  return s
}

/**
 * Parse a purl string.
 *
 * @param purl e.g. `pkg:apk/alpine/musl@1.1.20-r4?arch=x86_64&distro=alpine-3.9.4`
 * @returns its parts, decoded
 * @throws {StowawayError} `INVALID_ARGUMENT` when it is not a purl
 * @example
 * ```ts
 * import { parsePurl } from '@stowaway/sbom'
 * parsePurl('pkg:npm/%40angular/core@16.0.0').namespace // '@angular'
 * ```
 */
export function parsePurl(purl: string): PackageUrl {
  let rest = purl.trim()
  if (!/^pkg:/i.test(rest)) throw new StowawayError('INVALID_ARGUMENT', `Cannot parse purl "${purl}": no "pkg:" scheme`)
  rest = rest.slice(4).replace(/^\/+/, '')
  let subpath: string | undefined
  const hash = rest.indexOf('#')
  if (hash >= 0) {
    subpath = rest.slice(hash + 1).split('/').filter((x) => x && x !== '.' && x !== '..').map((x) => dec(x, 'subpath', purl)).join('/')
    rest = rest.slice(0, hash)
  }
  let qualifiers: Record<string, string> | undefined
  const qm = rest.indexOf('?')
  if (qm >= 0) {
    qualifiers = {}
    for (const kv of rest.slice(qm + 1).split('&')) {
      if (!kv) continue
      const eq = kv.indexOf('=')
      if (eq <= 0) continue
      const v = dec(kv.slice(eq + 1), 'qualifiers', purl)
      if (v !== '') qualifiers[kv.slice(0, eq).toLowerCase()] = v
    }
    rest = rest.slice(0, qm)
  }
  const slash = rest.indexOf('/')
  if (slash <= 0) throw new StowawayError('INVALID_ARGUMENT', `Cannot parse purl "${purl}": no type or name`)
  const type = rest.slice(0, slash).toLowerCase()
  rest = rest.slice(slash + 1).replace(/\/+$/, '')
  let version: string | undefined
  const at = rest.lastIndexOf('@')
  if (at >= 0 && at > rest.lastIndexOf('/')) {
    version = dec(rest.slice(at + 1), 'version', purl)
    rest = rest.slice(0, at)
  }
  const segs = rest.split('/').filter(Boolean)
  const name = segs.pop()
  if (!name) throw new StowawayError('INVALID_ARGUMENT', `Cannot parse purl "${purl}": empty name`)
  const out: PackageUrl = { type, name: dec(name, 'name', purl) }
  if (segs.length) out.namespace = segs.map((s) => dec(s, 'namespace', purl)).join('/')
  if (version !== undefined) out.version = version
  if (qualifiers && Object.keys(qualifiers).length) out.qualifiers = qualifiers
  if (subpath) out.subpath = subpath
  return out
}
