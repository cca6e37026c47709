import type { Package } from '@stowaway/core'
import type { ExtractedFile } from '@stowaway/extract'
import { formatPurl } from '../purl.ts'
import { cpeCandidates } from '../cpe-candidates.ts'

/**
 * Build an npm {@link Package}: ecosystem `npm`, purl `pkg:npm/<@scope>/<name>@<version>`
 * (the scope is the purl namespace, percent-encoded as `%40scope`).
 *
 * @param name package name, scoped or not
 * @param version installed or locked version
 * @param file the file that evidences it
 * @param extra licenses and metadata to attach
 * @returns the package
 * @example
 * ```ts
 * import { npmPackage } from '@stowaway/sbom'
 * npmPackage('@babel/core', '7.0.0', { path: 'app/package-lock.json', layer: 'sha256:x' }).purl // 'pkg:npm/%40babel/core@7.0.0'
 * ```
 */
export function npmPackage(
  name: string,
  version: string,
  file: Pick<ExtractedFile, 'path'> & { layer?: string },
  extra: { licenses?: string[]; metadata?: Record<string, unknown> } = {},
): Package {
  const slash = name.startsWith('@') ? name.indexOf('/') : -1
  const purl = formatPurl(
    slash > 0 ? { type: 'npm', namespace: name.slice(0, slash), name: name.slice(slash + 1), version } : { type: 'npm', name, version },
  )
  const pkg: Package = {
    name,
    version,
    type: 'npm',
    ecosystem: 'npm',
    purl,
    locations: [{ path: file.path, ...(file.layer ? { layer: file.layer } : {}) }],
  }
  if (extra.licenses?.length) pkg.licenses = extra.licenses
  if (extra.metadata && Object.keys(extra.metadata).length) pkg.metadata = extra.metadata
  const cpes = cpeCandidates(pkg)
  if (cpes.length) pkg.cpes = cpes
  return pkg
}

/**
 * Normalise the many shapes of npm's `license`/`licenses` fields (string, `{ type }`,
 * arrays of either) into a list of license strings.
 *
 * @param json a parsed package.json or lockfile entry
 * @returns declared licenses, possibly empty
 * @example
 * ```ts
 * import { npmLicenses } from '@stowaway/sbom'
 * npmLicenses({ licenses: [{ type: 'MIT' }, { type: 'Apache-2.0' }] }) // ['MIT', 'Apache-2.0']
 * ```
 */
export function npmLicenses(json: Record<string, unknown>): string[] {
  const out: string[] = []
  const add = (v: unknown) => {
    if (typeof v === 'string' && v.trim()) out.push(v.trim())
    else if (v && typeof v === 'object' && !Array.isArray(v) && typeof (v as { type?: unknown }).type === 'string') add((v as { type: string }).type)
  }
  for (const field of [json.license, json.licenses]) {
    if (Array.isArray(field)) field.forEach(add)
    else add(field)
  }
  return out
}

/**
 * Parse JSON text, returning undefined (instead of throwing) when it is not JSON or
 * not an object.
 *
 * @param bytes file bytes (a UTF-8 BOM is ignored)
 * @returns the object, or undefined
 * @example
 * ```ts
 * import { parseJsonObject } from '@stowaway/sbom'
 * parseJsonObject(new TextEncoder().encode('{"a":1}')) // { a: 1 }
 * ```
 */
export function parseJsonObject(bytes: Uint8Array): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(new TextDecoder().decode(bytes).replace(/^\uFEFF/, ''))
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

/**
 * Whether packages installed beside a lockfile (`<dir>/node_modules/…/package.json`)
 * are visible. Lockfile catalogers then stand down: installed package.json files are
 * the truth of what is in the image and reporting both would double every package.
 *
 * @param tree the file tree
 * @param lockPath path of the lockfile
 * @returns true when the lockfile's directory has installed packages
 * @example
 * ```ts
 * import { hasInstalledNodeModules } from '@stowaway/sbom'
 * import { createFileTree } from '@stowaway/extract'
 * hasInstalledNodeModules(createFileTree([]), 'app/package-lock.json') // false
 * ```
 */
export function hasInstalledNodeModules(tree: { glob(p: string): string[] }, lockPath: string): boolean {
  const dir = lockPath.slice(0, lockPath.lastIndexOf('/') + 1)
  return tree.glob(`${dir}node_modules/*/package.json`).length > 0 || tree.glob(`${dir}node_modules/@*/*/package.json`).length > 0
}
