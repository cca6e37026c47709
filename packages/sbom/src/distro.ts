import type { Distro } from '@stowaway/core'
import type { FileTree } from '@stowaway/extract'

/** Files OS detection reads; catalogers' patterns are joined with these. */
export const DISTRO_PATTERNS: string[] = [
  'etc/os-release',
  'usr/lib/os-release',
  'etc/alpine-release',
  'etc/debian_version',
  'etc/redhat-release',
  'etc/centos-release',
  'etc/rocky-release',
  'etc/almalinux-release',
  'etc/fedora-release',
]

const text = (b: Uint8Array) => new TextDecoder().decode(b)

/**
 * Parse an os-release file (shell-style `KEY=value`, values optionally quoted).
 *
 * @param content file text
 * @returns the keys and values
 * @example
 * ```ts
 * import { parseOsRelease } from '@stowaway/sbom'
 * parseOsRelease('ID=debian\nVERSION_ID="12"\n').VERSION_ID // '12'
 * ```
 */
export function parseOsRelease(content: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const raw of content.split(/\r?\n/)) {
    const line = raw.trim()
    if (!line || line.startsWith('#')) continue
    const eq = line.indexOf('=')
    if (eq <= 0) continue
    const key = line.slice(0, eq).trim()
    let v = line.slice(eq + 1).trim()
    const q = v[0]
    if ((q === '"' || q === "'") && v.endsWith(q) && v.length >= 2) v = v.slice(1, -1)
    if (q === '"') v = v.replace(/\\(["$`\\])/g, '$1')
    out[key] = v
  }
  return out
}

const REDHAT: [RegExp, string][] = [
  [/^Red Hat Enterprise Linux/i, 'rhel'],
  [/^CentOS Stream/i, 'centos'],
  [/^CentOS/i, 'centos'],
  [/^Rocky Linux/i, 'rocky'],
  [/^AlmaLinux/i, 'almalinux'],
  [/^Fedora/i, 'fedora'],
  [/^Oracle Linux/i, 'ol'],
]

/**
 * Parse a `*-release` line such as `Rocky Linux release 9.3 (Blue Onyx)`.
 *
 * @param content file text
 * @returns the distro, or undefined when the line is not recognised
 * @example
 * ```ts
 * import { parseRedhatRelease } from '@stowaway/sbom'
 * parseRedhatRelease('CentOS Linux release 7.9.2009 (Core)') // { id: 'centos', versionId: '7.9.2009', … }
 * ```
 */
export function parseRedhatRelease(content: string): Distro | undefined {
  const line = content.split('\n')[0]!.trim()
  const hit = REDHAT.find(([re]) => re.test(line))
  if (!hit) return undefined
  const m = /release\s+([0-9][^\s]*)/i.exec(line)
  const d: Distro = { id: hit[1], prettyName: line }
  if (m) d.versionId = m[1]
  return d
}

/**
 * Detect the image's OS from `/etc/os-release` (or `/usr/lib/os-release`), filling gaps
 * from `/etc/alpine-release`, `/etc/debian_version` and `/etc/redhat-release`; an image
 * with only a dpkg `status.d` directory (distroless) counts as Debian.
 *
 * @param tree the squashed files (with {@link DISTRO_PATTERNS} requested)
 * @returns the distro, or undefined when nothing identifies one
 * @example
 * ```ts
 * import { createFileTree } from '@stowaway/extract'
 * import { detectDistro } from '@stowaway/sbom'
 * const f = { path: 'etc/alpine-release', bytes: new TextEncoder().encode('3.19.1\n'), size: 7, mode: 0o644, layer: '', layerIndex: 0 }
 * detectDistro(createFileTree([f])) // { id: 'alpine', versionId: '3.19.1' }
 * ```
 */
export function detectDistro(tree: FileTree): Distro | undefined {
  let d: Distro | undefined
  const osr = tree.get('etc/os-release') ?? tree.get('usr/lib/os-release')
  if (osr) {
    const kv = parseOsRelease(text(osr.bytes))
    if (kv.ID) {
      d = { id: kv.ID.toLowerCase() }
      if (kv.VERSION_ID) d.versionId = kv.VERSION_ID
      if (kv.VERSION_CODENAME) d.codename = kv.VERSION_CODENAME
      if (kv.PRETTY_NAME) d.prettyName = kv.PRETTY_NAME
      if (kv.ID_LIKE) d.idLike = kv.ID_LIKE.split(/\s+/).filter(Boolean)
    }
  }
  const alpine = tree.get('etc/alpine-release')
  if (alpine && (!d || d.id === 'alpine')) {
    const v = text(alpine.bytes).trim().split('\n')[0]!.trim()
    d ??= { id: 'alpine' }
    if (!d.versionId && v) d.versionId = v
  }
  const debian = tree.get('etc/debian_version')
  if (debian && (!d || d.id === 'debian')) {
    const v = text(debian.bytes).trim()
    d ??= { id: 'debian' }
    // testing/sid has no VERSION_ID; its debian_version reads like "trixie/sid"
    if (!d.versionId && /^\d+(\.\d+)*$/.test(v)) d.versionId = v.split('.')[0]
    else if (!d.versionId && !d.codename && /^[a-z]+\/sid$/.test(v)) d.codename = v.split('/')[0]
  }
  if (!d) {
    for (const p of ['etc/redhat-release', 'etc/centos-release', 'etc/rocky-release', 'etc/almalinux-release', 'etc/fedora-release']) {
      const f = tree.get(p)
      const r = f && parseRedhatRelease(text(f.bytes))
      if (r) return r
    }
  }
  if (!d && (tree.glob('var/lib/dpkg/status.d/*').length || tree.get('var/lib/dpkg/status'))) d = { id: 'debian' }
  return d
}
