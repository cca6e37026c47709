import type { Package } from '@stowaway/core'
import type { ExtractedFile } from '@stowaway/extract'
import { parse as parseToml } from 'smol-toml'
import type { Cataloger } from '../cataloger.ts'
import { pypiPackage } from './python-package.ts'

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v)
type FileRef = Pick<ExtractedFile, 'path' | 'bytes'> & { layer?: string }

/**
 * Parse a `poetry.lock` (TOML `[[package]]` tables; lock format 1.x and 2.x).
 *
 * @param file the lockfile
 * @returns its packages, or undefined when it is not TOML
 * @example
 * ```ts
 * import { parsePoetryLock } from '@stowaway/sbom'
 * const bytes = new TextEncoder().encode('[[package]]\nname = "pypi"\nversion = "2.1"\n')
 * parsePoetryLock({ path: 'poetry.lock', bytes })?.[0]?.version // '2.1'
 * ```
 */
export function parsePoetryLock(file: FileRef): Package[] | undefined {
  let doc: Obj
  try {
    doc = parseToml(new TextDecoder().decode(file.bytes)) as Obj
  } catch {
    return undefined
  }
  const out: Package[] = []
  for (const p of Array.isArray(doc.package) ? doc.package : []) {
    if (!isObj(p) || typeof p.name !== 'string' || typeof p.version !== 'string') continue
    const metadata: Obj = {}
    if (typeof p.category === 'string') metadata.category = p.category
    out.push(pypiPackage(p.name, p.version, file, { metadata }))
  }
  return out
}

/**
 * Parse a `Pipfile.lock` (JSON; `default` and `develop` sections, versions pinned as
 * `==1.2.3`). Entries without a pinned version (VCS, editable paths) are left out.
 *
 * @param file the lockfile
 * @returns its packages, or undefined when it is not a JSON object
 * @example
 * ```ts
 * import { parsePipfileLock } from '@stowaway/sbom'
 * const bytes = new TextEncoder().encode('{"default":{"idna":{"version":"==2.8"}}}')
 * parsePipfileLock({ path: 'Pipfile.lock', bytes })?.[0]?.version // '2.8'
 * ```
 */
export function parsePipfileLock(file: FileRef): Package[] | undefined {
  let doc: unknown
  try {
    doc = JSON.parse(new TextDecoder().decode(file.bytes))
  } catch {
    return undefined
  }
  if (!isObj(doc)) return undefined
  const out: Package[] = []
  for (const section of ['default', 'develop'] as const) {
    const deps = doc[section]
    if (!isObj(deps)) continue
    for (const [name, e] of Object.entries(deps)) {
      if (!isObj(e) || typeof e.version !== 'string') continue
      const m = /^===?\s*(.+)$/.exec(e.version.trim())
      if (!m) continue
      out.push(pypiPackage(name, m[1]!, file, section === 'develop' ? { metadata: { dev: true } } : {}))
    }
  }
  return out
}

function lockCataloger(name: string, fileName: string, parse: (f: FileRef) => Package[] | undefined, what: string): Cataloger {
  return {
    name,
    patterns: [`**/${fileName}`],
    maxFileBytes: 32 * 1024 * 1024,
    catalog(ctx) {
      const out: Package[] = []
      for (const path of ctx.tree.glob(`**/${fileName}`)) {
        const f = ctx.tree.get(path)
        if (!f) continue
        const pkgs = parse(f)
        if (!pkgs) ctx.warn({ code: 'SBOM_INVALID', message: `Cannot parse "${path}": not ${what}`, path, layer: f.layer })
        else out.push(...pkgs)
      }
      return out
    },
  }
}

/**
 * Packages locked in `poetry.lock` files found in the image. Garbage is a warning.
 *
 * @example
 * ```ts
 * import { poetryLockCataloger } from '@stowaway/sbom'
 * poetryLockCataloger.patterns // ['**\/poetry.lock']
 * ```
 */
export const poetryLockCataloger: Cataloger = lockCataloger('python-poetry-lock', 'poetry.lock', parsePoetryLock, 'TOML')

/**
 * Packages locked in `Pipfile.lock` files found in the image. Garbage is a warning.
 *
 * @example
 * ```ts
 * import { pipfileLockCataloger } from '@stowaway/sbom'
 * pipfileLockCataloger.patterns // ['**\/Pipfile.lock']
 * ```
 */
export const pipfileLockCataloger: Cataloger = lockCataloger('python-pipfile-lock', 'Pipfile.lock', parsePipfileLock, 'a JSON object')
