import type { Package } from '@stowaway/core'
import type { ExtractedFile } from '@stowaway/extract'
import type { Cataloger } from '../cataloger.ts'
import { formatPurl } from '../purl.ts'
import { cpeCandidates } from '../cpe-candidates.ts'

type Obj = Record<string, unknown>
type FileRef = Pick<ExtractedFile, 'path' | 'bytes'> & { layer?: string }
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v)

function entries(list: unknown, dev: boolean, file: FileRef, out: Package[], seen: Set<string>) {
  if (!Array.isArray(list)) return
  for (const e of list) {
    if (!isObj(e) || typeof e.name !== 'string' || typeof e.version !== 'string' || !e.name || !e.version) continue
    const key = `${e.name}@${e.version}`
    if (seen.has(key)) continue
    seen.add(key)
    const slash = e.name.indexOf('/')
    const p: Package = {
      name: e.name,
      version: e.version,
      type: 'composer',
      ecosystem: 'Packagist',
      purl: formatPurl(slash > 0 ? { type: 'composer', namespace: e.name.slice(0, slash), name: e.name.slice(slash + 1), version: e.version } : { type: 'composer', name: e.name, version: e.version }),
      locations: [{ path: file.path, ...(file.layer ? { layer: file.layer } : {}) }],
    }
    const lic = Array.isArray(e.license) ? e.license.filter((l): l is string => typeof l === 'string') : typeof e.license === 'string' ? [e.license] : []
    if (lic.length) p.licenses = lic
    if (dev) p.metadata = { dev: true }
    const cpes = cpeCandidates(p)
    if (cpes.length) p.cpes = cpes
    out.push(p)
  }
}

/**
 * Parse Composer's `composer.lock` (`packages`, `packages-dev`) or
 * `vendor/composer/installed.json` (Composer 1: a bare array; Composer 2: `packages`
 * plus `dev-package-names`).
 *
 * @param file the JSON file
 * @returns its packages, or undefined when it is not JSON
 * @example
 * ```ts
 * import { parseComposerJson } from '@stowaway/sbom'
 * const bytes = new TextEncoder().encode('{"packages":[{"name":"psr/log","version":"1.1.4"}]}')
 * parseComposerJson({ path: 'composer.lock', bytes })?.[0]?.purl // 'pkg:composer/psr/log@1.1.4'
 * ```
 */
export function parseComposerJson(file: FileRef): Package[] | undefined {
  let doc: unknown
  try {
    doc = JSON.parse(new TextDecoder().decode(file.bytes).replace(/^\uFEFF/, ''))
  } catch {
    return undefined
  }
  const out: Package[] = []
  const seen = new Set<string>()
  if (Array.isArray(doc)) {
    entries(doc, false, file, out, seen)
    return out
  }
  if (!isObj(doc)) return undefined
  const devNames = new Set(Array.isArray(doc['dev-package-names']) ? doc['dev-package-names'] : [])
  if (Array.isArray(doc.packages) && devNames.size) {
    entries(doc.packages.filter((p) => !(isObj(p) && devNames.has(p.name))), false, file, out, seen)
    entries(doc.packages.filter((p) => isObj(p) && devNames.has(p.name)), true, file, out, seen)
  } else entries(doc.packages, false, file, out, seen)
  entries(doc['packages-dev'], true, file, out, seen)
  return out
}

function composerCataloger(name: string, pattern: string, skip?: (path: string, tree: { get(p: string): unknown }) => boolean): Cataloger {
  return {
    name,
    patterns: [pattern],
    maxFileBytes: 32 * 1024 * 1024,
    catalog(ctx) {
      const out: Package[] = []
      for (const path of ctx.tree.glob(pattern)) {
        const f = ctx.tree.get(path)
        if (!f || skip?.(path, ctx.tree)) continue
        const pkgs = parseComposerJson(f)
        if (!pkgs) ctx.warn({ code: 'SBOM_INVALID', message: `Cannot parse "${path}": not JSON`, path, layer: f.layer })
        else out.push(...pkgs)
      }
      return out
    },
  }
}

/**
 * Installed PHP packages from `vendor/composer/installed.json`.
 *
 * @example
 * ```ts
 * import { composerInstalledCataloger } from '@stowaway/sbom'
 * composerInstalledCataloger.patterns // ['**\/vendor/composer/installed.json']
 * ```
 */
export const composerInstalledCataloger: Cataloger = composerCataloger('php-composer-installed', '**/vendor/composer/installed.json')

/**
 * PHP packages locked in `composer.lock`, when no `vendor/composer/installed.json`
 * beside it already reports what is installed.
 *
 * @example
 * ```ts
 * import { composerLockCataloger } from '@stowaway/sbom'
 * composerLockCataloger.patterns // ['**\/composer.lock']
 * ```
 */
export const composerLockCataloger: Cataloger = composerCataloger('php-composer-lock', '**/composer.lock', (path, tree) =>
  tree.get(`${path.slice(0, path.lastIndexOf('/') + 1)}vendor/composer/installed.json`) !== undefined,
)
