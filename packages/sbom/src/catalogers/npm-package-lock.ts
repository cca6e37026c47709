import type { Package } from '@stowaway/core'
import type { ExtractedFile } from '@stowaway/extract'
import type { Cataloger } from '../cataloger.ts'
import { hasInstalledNodeModules, npmLicenses, npmPackage, parseJsonObject } from './npm-package.ts'

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v)

// `npm:real-name@1.2.3` aliases name the real package; file:, link:, git and URL
// versions are not registry releases and cannot be matched by version.
function resolveVersion(name: string, version: string): [string, string] | undefined {
  const alias = /^npm:((?:@[^/]+\/)?[^@]+)@(.+)$/.exec(version)
  if (alias) return [alias[1]!, alias[2]!]
  if (/^(file|link|git|git\+\w+|https?|github):/.test(version) || version.includes('/')) return undefined
  return [name, version]
}

/**
 * Parse a `package-lock.json` / `npm-shrinkwrap.json` of any lockfile version: v1's
 * nested `dependencies` tree, v2/v3's flat `packages` map (v2 carries both; the map
 * wins). Root, linked (`link: true`) and non-registry entries (git, git-host tarballs,
 * local paths) are left out.
 *
 * @param file the lockfile
 * @returns its packages in file order
 * @throws never: returns undefined when the file is not a JSON object
 * @example
 * ```ts
 * import { parsePackageLock } from '@stowaway/sbom'
 * const bytes = new TextEncoder().encode('{"lockfileVersion":3,"packages":{"node_modules/a":{"version":"1.0.0"}}}')
 * parsePackageLock({ path: 'package-lock.json', bytes, layer: 'sha256:x' })?.[0]?.name // 'a'
 * ```
 */
export function parsePackageLock(file: Pick<ExtractedFile, 'path' | 'bytes'> & { layer?: string }): Package[] | undefined {
  const json = parseJsonObject(file.bytes)
  if (!json) return undefined
  const out: Package[] = []
  const seen = new Set<string>()
  const add = (name: string, version: unknown, entry: Obj) => {
    if (typeof version !== 'string' || !version) return
    // A git or git-host tarball source is no registry release, whatever version it states.
    const src = entry.resolved
    if (typeof src === 'string' && /^(git|github:|https?:)/.test(src) && !/^https?:\/\/[^#]*\/-\//.test(src)) return
    const r = resolveVersion(name, version)
    if (!r) return
    const key = `${r[0]}@${r[1]}`
    if (seen.has(key)) return
    seen.add(key)
    const metadata: Obj = {}
    if (entry.dev === true) metadata.dev = true
    if (typeof entry.resolved === 'string') metadata.resolved = entry.resolved
    if (typeof entry.integrity === 'string') metadata.integrity = entry.integrity
    out.push(npmPackage(r[0], r[1], file, { licenses: npmLicenses(entry), metadata }))
  }
  if (isObj(json.packages)) {
    for (const [key, entry] of Object.entries(json.packages)) {
      if (key === '' || !isObj(entry) || entry.link === true) continue
      const nm = key.lastIndexOf('node_modules/')
      const name = typeof entry.name === 'string' ? entry.name : nm >= 0 ? key.slice(nm + 'node_modules/'.length) : ''
      if (name) add(name, entry.version, entry)
    }
    return out
  }
  const walk = (deps: unknown, depth: number) => {
    if (!isObj(deps) || depth > 64) return
    for (const [name, entry] of Object.entries(deps)) {
      if (!isObj(entry)) continue
      add(name, entry.version, entry)
      walk(entry.dependencies, depth + 1)
    }
  }
  walk(json.dependencies, 0)
  return out
}

/**
 * npm lockfiles found in the image (`package-lock.json`, `npm-shrinkwrap.json`), for
 * applications shipped without their `node_modules`. When installed packages sit
 * beside the lockfile the installed cataloger reports them and this one stays quiet.
 *
 * @example
 * ```ts
 * import { npmPackageLockCataloger } from '@stowaway/sbom'
 * npmPackageLockCataloger.name // 'npm-package-lock'
 * ```
 */
export const npmPackageLockCataloger: Cataloger = {
  name: 'npm-package-lock',
  patterns: ['**/package-lock.json', '**/npm-shrinkwrap.json'],
  maxFileBytes: 64 * 1024 * 1024,
  catalog(ctx) {
    const out: Package[] = []
    for (const path of [...ctx.tree.glob('**/package-lock.json'), ...ctx.tree.glob('**/npm-shrinkwrap.json')]) {
      // Lockfiles inside node_modules describe packages already installed.
      if (path.includes('node_modules/')) continue
      const f = ctx.tree.get(path)
      if (!f || hasInstalledNodeModules(ctx.tree, path)) continue
      const pkgs = parsePackageLock(f)
      if (!pkgs) ctx.warn({ code: 'SBOM_INVALID', message: `Cannot parse "${path}": not a JSON object`, path, layer: f.layer })
      else out.push(...pkgs)
    }
    return out
  },
}
