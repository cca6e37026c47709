import type { Package } from '@stowaway/core'
import type { ExtractedFile } from '@stowaway/extract'
import { parseAllDocuments } from 'yaml'
import type { Cataloger } from '../cataloger.ts'
import { hasInstalledNodeModules, npmPackage } from './npm-package.ts'

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v)

// Split a pnpm package key into name and version. v5: `/name/1.0.0_peer@2`,
// v6: `/name@1.0.0(peer@2)`, v9: `name@1.0.0(peer@2)`; scoped names keep their `@scope/`.
function splitKey(key: string, v5: boolean): [string, string] | undefined {
  // v5 keys of packages from a named registry lead with its host: `registry.npmjs.org/foo/1.1.0`.
  let k = key.startsWith('/') ? key.slice(1) : v5 && /^[^/@]+\.[^/]+\//.test(key) ? key.slice(key.indexOf('/') + 1) : key
  const paren = k.indexOf('(')
  if (paren > 0) k = k.slice(0, paren)
  if (v5) {
    const slash = k.lastIndexOf('/')
    if (slash <= 0) return undefined
    return [k.slice(0, slash), k.slice(slash + 1).replace(/_.*$/, '')]
  }
  const at = k.lastIndexOf('@')
  if (at <= 0) return undefined
  return [k.slice(0, at), k.slice(at + 1)]
}

// Git, local directory/file and non-registry tarball entries are not registry releases.
function fromRegistry(key: string, e: Obj): boolean {
  if (/^(file|link|git\+?[a-z]*|https?):/.test(key) || /^[^/]*@(file|link|git\+?[a-z]*|https?):/.test(key.replace(/^\//, ''))) return false
  const r = isObj(e.resolution) ? e.resolution : {}
  if (r.type === 'git' || r.type === 'directory' || typeof r.commit === 'string' || typeof r.directory === 'string') return false
  if (typeof r.tarball === 'string' && !/^https?:\/\/[^#]*\/-\//.test(r.tarball)) return false
  return true
}

/**
 * Parse a `pnpm-lock.yaml` (lockfile v5, v6 and v9, multi-document files included).
 * Peer-dependency suffixes and v5 registry-host prefixes are dropped; git, local
 * directory/file and non-registry tarball entries are left out (registry tarballs,
 * `…/<name>/-/<file>.tgz`, count under the name and version they state).
 *
 * @param file the lockfile
 * @returns its packages, one per name and version; undefined when it is not YAML
 * @example
 * ```ts
 * import { parsePnpmLock } from '@stowaway/sbom'
 * const bytes = new TextEncoder().encode("lockfileVersion: '9.0'\npackages:\n  lodash@4.17.21:\n    resolution: {integrity: x}\n")
 * parsePnpmLock({ path: 'pnpm-lock.yaml', bytes })?.[0]?.name // 'lodash'
 * ```
 */
export function parsePnpmLock(file: Pick<ExtractedFile, 'path' | 'bytes'> & { layer?: string }): Package[] | undefined {
  let docs: unknown[]
  try {
    docs = parseAllDocuments(new TextDecoder().decode(file.bytes)).map((d) => {
      if ('errors' in d && d.errors.length) throw d.errors[0]
      return d.toJS({ maxAliasCount: 100 })
    })
  } catch {
    return undefined
  }
  const out: Package[] = []
  const seen = new Set<string>()
  for (const doc of docs) {
    if (!isObj(doc)) continue
    const v5 = parseFloat(String(doc.lockfileVersion ?? '0')) < 6
    if (!isObj(doc.packages)) continue
    for (const [key, entry] of Object.entries(doc.packages)) {
      const e = isObj(entry) ? entry : {}
      if (!fromRegistry(key, e)) continue
      let nv = typeof e.name === 'string' && typeof e.version === 'string' ? ([e.name, e.version] as [string, string]) : splitKey(key, v5)
      if (!nv) continue
      if (typeof e.version === 'string' && /^\d/.test(e.version)) nv = [nv[0], e.version]
      const [name, version] = nv
      if (!/^\d+\.\d+/.test(version)) continue
      const id = `${name}@${version}`
      if (seen.has(id)) continue
      seen.add(id)
      out.push(npmPackage(name, version, file, e.dev === true ? { metadata: { dev: true } } : {}))
    }
  }
  return out
}

/**
 * Packages locked in `pnpm-lock.yaml` files found in the image, when no installed
 * `node_modules` sits beside them. A file that is not YAML is a warning.
 *
 * @example
 * ```ts
 * import { pnpmLockCataloger } from '@stowaway/sbom'
 * pnpmLockCataloger.patterns // ['**\/pnpm-lock.yaml']
 * ```
 */
export const pnpmLockCataloger: Cataloger = {
  name: 'pnpm-lock',
  patterns: ['**/pnpm-lock.yaml'],
  maxFileBytes: 64 * 1024 * 1024,
  catalog(ctx) {
    const out: Package[] = []
    for (const path of ctx.tree.glob('**/pnpm-lock.yaml')) {
      if (path.includes('node_modules/')) continue
      const f = ctx.tree.get(path)
      if (!f || hasInstalledNodeModules(ctx.tree, path)) continue
      const pkgs = parsePnpmLock(f)
      if (!pkgs) ctx.warn({ code: 'SBOM_INVALID', message: `Cannot parse "${path}": not YAML`, path, layer: f.layer })
      else out.push(...pkgs)
    }
    return out
  },
}
