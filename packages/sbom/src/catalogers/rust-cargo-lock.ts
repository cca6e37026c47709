import type { Package } from '@stowaway/core'
import type { ExtractedFile } from '@stowaway/extract'
import { parse as parseToml } from 'smol-toml'
import type { Cataloger } from '../cataloger.ts'
import { cargoPackage } from './rust-package.ts'

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v)

/**
 * Parse a `Cargo.lock` (v1–v4): every `[[package]]` with a name and version. Local
 * crates (no `source`: the workspace's own) are kept and marked `metadata.local`.
 *
 * @param file the lockfile
 * @returns its crates in file order, or undefined when it is not TOML
 * @example
 * ```ts
 * import { parseCargoLock } from '@stowaway/sbom'
 * const bytes = new TextEncoder().encode('[[package]]\nname = "libc"\nversion = "0.2.54"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n')
 * parseCargoLock({ path: 'Cargo.lock', bytes })?.[0]?.name // 'libc'
 * ```
 */
export function parseCargoLock(file: Pick<ExtractedFile, 'path' | 'bytes'> & { layer?: string }): Package[] | undefined {
  let doc: Obj
  try {
    doc = parseToml(new TextDecoder().decode(file.bytes)) as Obj
  } catch {
    return undefined
  }
  const out: Package[] = []
  for (const p of Array.isArray(doc.package) ? doc.package : []) {
    if (!isObj(p) || typeof p.name !== 'string' || typeof p.version !== 'string') continue
    const meta: Obj = {}
    if (typeof p.source === 'string') meta.source = p.source
    else meta.local = true
    if (typeof p.checksum === 'string') meta.checksum = p.checksum
    out.push(cargoPackage(p.name, p.version, file, meta))
  }
  return out
}

/**
 * Crates locked in `Cargo.lock` files found in the image. Garbage is a warning.
 *
 * @example
 * ```ts
 * import { cargoLockCataloger } from '@stowaway/sbom'
 * cargoLockCataloger.patterns // ['**\/Cargo.lock']
 * ```
 */
export const cargoLockCataloger: Cataloger = {
  name: 'rust-cargo-lock',
  patterns: ['**/Cargo.lock'],
  maxFileBytes: 16 * 1024 * 1024,
  catalog(ctx) {
    const out: Package[] = []
    for (const path of ctx.tree.glob('**/Cargo.lock')) {
      const f = ctx.tree.get(path)
      if (!f) continue
      const pkgs = parseCargoLock(f)
      if (!pkgs) ctx.warn({ code: 'SBOM_INVALID', message: `Cannot parse "${path}": not TOML`, path, layer: f.layer })
      else out.push(...pkgs)
    }
    return out
  },
}
