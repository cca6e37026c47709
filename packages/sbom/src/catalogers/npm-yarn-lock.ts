import type { Package } from '@stowaway/core'
import type { ExtractedFile } from '@stowaway/extract'
import type { Cataloger } from '../cataloger.ts'
import { hasInstalledNodeModules, npmPackage } from './npm-package.ts'

const unquote = (s: string) => s.trim().replace(/^"(.*)"$/, '$1')

// The package name of a descriptor such as `@babel/core@^7.0.0`, `lodash@npm:^4.17.0`
// or `alias@npm:real@^1`: everything before the `@` that starts the range.
function descriptorName(d: string): string {
  const at = d.indexOf('@', 1)
  return at > 0 ? d.slice(0, at) : d
}

/**
 * Parse a `yarn.lock`, classic (v1, `version "1.2.3"`) or berry (v2+, YAML-like
 * `version: 1.2.3` with `resolution:`). Aliases resolve to the real package;
 * workspace, link, portal, file, patch and git entries are not registry releases and
 * are left out. Lines that fit neither syntax are ignored, so garbage gives no packages.
 *
 * @param file the lockfile
 * @returns its packages in file order, one per name and version
 * @example
 * ```ts
 * import { parseYarnLock } from '@stowaway/sbom'
 * const bytes = new TextEncoder().encode('lodash@^4.17.0:\n  version "4.17.21"\n')
 * parseYarnLock({ path: 'yarn.lock', bytes })[0]?.version // '4.17.21'
 * ```
 */
export function parseYarnLock(file: Pick<ExtractedFile, 'path' | 'bytes'> & { layer?: string }): Package[] {
  const lines = new TextDecoder().decode(file.bytes).split(/\r?\n/)
  const out: Package[] = []
  const seen = new Set<string>()
  let key: string | undefined
  let version: string | undefined
  let resolution: string | undefined
  let resolved: string | undefined
  const flush = () => {
    if (key === undefined || version === undefined) return
    const first = unquote(key.split(/,\s*/)[0] ?? '')
    let name = descriptorName(first)
    const range = first.slice(name.length + 1)
    // Berry names the real package in `resolution`; classic only in an npm: alias range.
    if (resolution) name = descriptorName(resolution)
    else {
      const alias = /^npm:((?:@[^/]+\/)?[^@]+)@/.exec(range)
      if (alias) name = alias[1]!
    }
    const protocol = (resolution ?? range).slice((resolution ? name.length + 1 : 0)).match(/^([a-z+]+):/)?.[1]
    if (protocol && protocol !== 'npm') return
    // Classic: only registry tarballs (`…/<name>/-/<file>.tgz`) are releases; git hosts'
    // tarballs and `owner/repo` shorthands are not.
    if (!resolution && resolved !== undefined && !/^https?:\/\/[^#]*\/-\//.test(resolved)) return
    if (!resolution && /^[^@:\s]+\/[^@:\s]+/.test(range) && !range.startsWith('npm:')) return
    if (!/^\d/.test(version) || version === '0.0.0-use.local') return
    const id = `${name}@${version}`
    if (seen.has(id)) return
    seen.add(id)
    out.push(npmPackage(name, version, file, resolved ? { metadata: { resolved } } : {}))
  }
  for (const line of lines) {
    if (!line.trim() || line.startsWith('#')) continue
    if (!/^\s/.test(line)) {
      flush()
      key = line.endsWith(':') ? line.slice(0, -1) : undefined
      if (key === '__metadata') key = undefined
      version = resolution = resolved = undefined
      continue
    }
    if (key === undefined || /^\s{4}/.test(line)) continue
    const m = /^\s+"?(version|resolution|resolved)"?:?\s+(.+)$/.exec(line)
    if (!m) continue
    const value = unquote(m[2]!)
    if (m[1] === 'version') version = value
    else if (m[1] === 'resolution') resolution = value
    else resolved = value
  }
  flush()
  return out
}

/**
 * Packages locked in `yarn.lock` files (classic and berry) found in the image, when
 * no installed `node_modules` sits beside them.
 *
 * @example
 * ```ts
 * import { yarnLockCataloger } from '@stowaway/sbom'
 * yarnLockCataloger.patterns // ['**\/yarn.lock']
 * ```
 */
export const yarnLockCataloger: Cataloger = {
  name: 'yarn-lock',
  patterns: ['**/yarn.lock'],
  maxFileBytes: 64 * 1024 * 1024,
  catalog(ctx) {
    const out: Package[] = []
    for (const path of ctx.tree.glob('**/yarn.lock')) {
      if (path.includes('node_modules/')) continue
      const f = ctx.tree.get(path)
      if (!f || hasInstalledNodeModules(ctx.tree, path)) continue
      out.push(...parseYarnLock(f))
    }
    return out
  },
}
