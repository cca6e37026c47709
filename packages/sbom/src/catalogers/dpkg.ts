import type { Package } from '@stowaway/core'
import type { ExtractedFile } from '@stowaway/extract'
import type { CatalogContext, Cataloger } from '../cataloger.ts'
import { formatPurl } from '../purl.ts'
import { cpeCandidates } from '../cpe-candidates.ts'
import { distroQualifier, osEcosystem } from '../os-ecosystem.ts'
import { parseDeb822, type Stanza } from './control-stanzas.ts'
import { introducedIn } from './db-history.ts'
import { parseDebianCopyright } from './dpkg-copyright.ts'

const STATUS = 'var/lib/dpkg/status'
const STATUS_D = 'var/lib/dpkg/status.d/*'
const COPYRIGHT = 'usr/share/doc/*/copyright'

const text = (b: Uint8Array) => new TextDecoder().decode(b)

/** Fields of one dpkg paragraph that make a package. */
export interface DpkgEntry {
  name: string
  version: string
  arch?: string
  source?: { name: string; version: string }
  status?: string
  maintainer?: string
  installedSize?: number
}

/**
 * Read one dpkg paragraph. `Source: name (version)` gives the source version when it
 * differs from the binary's; otherwise the binary version is the source version.
 *
 * @param s the paragraph
 * @returns the entry, or undefined when Package or Version is missing
 * @example
 * ```ts
 * import { parseDeb822, dpkgEntry } from '@stowaway/sbom'
 * dpkgEntry(parseDeb822('Package: libssl3\nVersion: 3.0.11-1\nSource: openssl\n')[0]!)?.source // { name: 'openssl', version: '3.0.11-1' }
 * ```
 */
export function dpkgEntry(s: Stanza): DpkgEntry | undefined {
  const name = s.fields.get('package')
  const version = s.fields.get('version')
  if (!name || !version) return undefined
  const e: DpkgEntry = { name, version }
  const arch = s.fields.get('architecture')
  if (arch) e.arch = arch
  const src = s.fields.get('source')
  const m = src ? /^(\S+)(?:\s+\(([^)]+)\))?/.exec(src) : null
  e.source = { name: m ? m[1]! : name, version: m?.[2] ?? version }
  const status = s.fields.get('status')
  if (status !== undefined) e.status = status
  const maint = s.fields.get('maintainer')
  if (maint) e.maintainer = maint
  const size = Number(s.fields.get('installed-size'))
  if (Number.isFinite(size) && s.fields.has('installed-size')) e.installedSize = size
  return e
}

// dpkg lists removed and half-configured packages too; only "installed" ones are on disk.
function installed(e: DpkgEntry, requireStatus: boolean): boolean {
  if (e.status === undefined) return !requireStatus
  return e.status.trim().split(/\s+/)[2] === 'installed'
}

const keyOf = (e: DpkgEntry) => `${e.name}\0${e.arch ?? ''}\0${e.version}`

/**
 * The dpkg cataloger: `var/lib/dpkg/status` and distroless `var/lib/dpkg/status.d/*`,
 * installed packages only, with source package and version, licenses from
 * `/usr/share/doc/<pkg>/copyright`, and the layer that introduced each package.
 *
 * @example
 * ```ts
 * import { dpkgCataloger } from '@stowaway/sbom'
 * dpkgCataloger.patterns // ['var/lib/dpkg/status', 'var/lib/dpkg/status.d/*', 'usr/share/doc/*\/copyright']
 * ```
 */
export const dpkgCataloger: Cataloger = {
  name: 'dpkg',
  patterns: [STATUS, STATUS_D, COPYRIGHT],
  historyPatterns: [STATUS],
  catalog(ctx) {
    const out: Package[] = []
    const status = ctx.tree.get(STATUS)
    if (status) {
      const layers = introducedIn(ctx.tree, STATUS, (b) => new Set(readEntries(b, STATUS, undefined, true).map(keyOf)))
      for (const e of readEntries(status.bytes, STATUS, ctx, true)) out.push(toPackage(e, status, layers.get(keyOf(e)) ?? status.layer, ctx))
    }
    for (const p of ctx.tree.glob(STATUS_D)) {
      if (p.endsWith('.md5sums')) continue
      const f = ctx.tree.get(p)!
      for (const e of readEntries(f.bytes, p, ctx, false)) out.push(toPackage(e, f, f.layer, ctx))
    }
    return out
  },
}

function readEntries(bytes: Uint8Array, path: string, ctx: CatalogContext | undefined, requireStatus: boolean): DpkgEntry[] {
  const out: DpkgEntry[] = []
  for (const s of parseDeb822(text(bytes))) {
    const e = dpkgEntry(s)
    if (s.bad || !e) {
      ctx?.warn({
        code: 'INVALID_ARGUMENT',
        message: `Cannot read dpkg paragraph at line ${s.line} of "${path}": ${s.bad ? 'malformed lines' : 'no Package or Version'}`,
        path,
      })
      if (!e) continue
    }
    if (installed(e, requireStatus)) out.push(e)
  }
  return out
}

function toPackage(e: DpkgEntry, file: ExtractedFile, layer: string, ctx: CatalogContext): Package {
  const d = ctx.distro
  const namespace = d?.id ?? 'debian'
  const pkg: Package = { name: e.name, version: e.version, type: 'deb' }
  const eco = osEcosystem(d)
  if (eco) pkg.ecosystem = eco
  pkg.purl = formatPurl({
    type: 'deb',
    namespace,
    name: e.name,
    version: e.version,
    qualifiers: {
      arch: e.arch ?? '',
      distro: distroQualifier(d) ?? '',
      upstream: e.source && e.source.name !== e.name ? e.source.name : '',
    },
  })
  if (e.source) pkg.source = e.source
  const cpes = cpeCandidates(pkg)
  if (cpes.length) pkg.cpes = cpes
  if (e.arch) pkg.arch = e.arch
  const copyright = ctx.tree.get(`usr/share/doc/${e.name}/copyright`)
  const licenses = copyright ? parseDebianCopyright(text(copyright.bytes)) : []
  if (licenses.length) pkg.licenses = licenses
  pkg.locations = [{ path: file.path, ...(layer ? { layer } : {}) }]
  if (copyright) pkg.locations.push({ path: copyright.path, ...(copyright.layer ? { layer: copyright.layer } : {}) })
  const meta: Record<string, unknown> = {}
  if (e.maintainer) meta.maintainer = e.maintainer
  if (e.installedSize !== undefined) meta.installedSize = e.installedSize
  if (Object.keys(meta).length) pkg.metadata = meta
  return pkg
}
