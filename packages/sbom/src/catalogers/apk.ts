import type { Package } from '@stowaway/core'
import type { Cataloger } from '../cataloger.ts'
import { formatPurl } from '../purl.ts'
import { cpeCandidates } from '../cpe-candidates.ts'
import { distroQualifier, osEcosystem } from '../os-ecosystem.ts'
import { parseApkRecords } from './control-stanzas.ts'
import { introducedIn } from './db-history.ts'

const INSTALLED = 'lib/apk/db/installed'

const text = (b: Uint8Array) => new TextDecoder().decode(b)

/**
 * The apk cataloger: `lib/apk/db/installed` (`P:` name, `V:` version, `A:` arch,
 * `o:` origin kept as the source package, `L:` license), each package attributed to
 * the layer that introduced it.
 *
 * @example
 * ```ts
 * import { apkCataloger } from '@stowaway/sbom'
 * apkCataloger.patterns // ['lib/apk/db/installed']
 * ```
 */
export const apkCataloger: Cataloger = {
  name: 'apk',
  patterns: [INSTALLED],
  historyPatterns: [INSTALLED],
  catalog(ctx) {
    const f = ctx.tree.get(INSTALLED)
    if (!f) return []
    const keys = (b: Uint8Array) => {
      const s = new Set<string>()
      for (const r of parseApkRecords(text(b))) s.add(`${r.fields.get('P')}\0${r.fields.get('V')}`)
      return s
    }
    const layers = introducedIn(ctx.tree, INSTALLED, keys)
    const d = ctx.distro
    const eco = osEcosystem(d)
    const out: Package[] = []
    for (const r of parseApkRecords(text(f.bytes))) {
      const name = r.fields.get('P')
      const version = r.fields.get('V')
      if (r.bad || !name || !version) {
        ctx.warn({
          code: 'INVALID_ARGUMENT',
          message: `Cannot read apk record at line ${r.line} of "${f.path}": ${r.bad ? 'malformed lines' : 'no P: or V:'}`,
          path: f.path,
        })
        if (!name || !version) continue
      }
      const arch = r.fields.get('A')
      const origin = r.fields.get('o')
      const license = r.fields.get('L')
      const pkg: Package = { name, version, type: 'apk' }
      if (eco) pkg.ecosystem = eco
      pkg.purl = formatPurl({
        type: 'apk',
        namespace: d?.id ?? 'alpine',
        name,
        version,
        qualifiers: { arch: arch ?? '', distro: distroQualifier(d) ?? '', upstream: origin && origin !== name ? origin : '' },
      })
      if (origin) pkg.source = { name: origin, version }
      const cpes = cpeCandidates(pkg)
      if (cpes.length) pkg.cpes = cpes
      if (license) pkg.licenses = [license]
      if (arch) pkg.arch = arch
      const layer = layers.get(`${name}\0${version}`) ?? f.layer
      pkg.locations = [{ path: f.path, ...(layer ? { layer } : {}) }]
      const meta: Record<string, unknown> = {}
      const commit = r.fields.get('c')
      if (commit) meta.commit = commit
      const maint = r.fields.get('m')
      if (maint) meta.maintainer = maint
      if (Object.keys(meta).length) pkg.metadata = meta
      out.push(pkg)
    }
    return out
  },
}
