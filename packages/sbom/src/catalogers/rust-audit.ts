import { StowawayError, inflateBytes, isStowawayError, type Package } from '@stowaway/core'
import type { Cataloger } from '../cataloger.ts'
import { GO_BINARY_PATTERNS } from './go-binary.ts'
import { cargoPackage } from './rust-package.ts'

const bad = (state: string) => new StowawayError('ARCHIVE_INVALID', `Cannot read cargo-auditable data: ${state}`)
/** Most bytes the compressed dependency list may inflate to. */
const MAX_AUDIT_JSON = 16 * 1024 * 1024

/**
 * The bytes of a named section of an ELF file (32/64-bit, either byte order).
 *
 * @param b the ELF file
 * @param name section name, e.g. `.dep-v0`
 * @returns the section contents, or undefined when the file is not ELF or has no such section
 * @throws {StowawayError} `ARCHIVE_INVALID` when the section table points outside the file
 * @example
 * ```ts
 * import { elfSection } from '@stowaway/sbom'
 * elfSection(new Uint8Array(16), '.dep-v0') // undefined
 * ```
 */
export function elfSection(b: Uint8Array, name: string): Uint8Array | undefined {
  if (b.length < 64 || b[0] !== 0x7f || b[1] !== 0x45 || b[2] !== 0x4c || b[3] !== 0x46) return undefined
  const is64 = b[4] === 2
  const le = b[5] === 1
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength)
  const word = (o: number) => (is64 ? Number(dv.getBigUint64(o, le)) : dv.getUint32(o, le))
  const shoff = word(is64 ? 40 : 32)
  const shentsize = dv.getUint16(is64 ? 58 : 46, le)
  const shnum = dv.getUint16(is64 ? 60 : 48, le)
  const shstrndx = dv.getUint16(is64 ? 62 : 50, le)
  if (shnum === 0) return undefined
  if (shoff + shnum * shentsize > b.length || shstrndx >= shnum) throw bad('section header table outside the file')
  const sec = (i: number) => {
    const s = shoff + i * shentsize
    return { name: dv.getUint32(s, le), offset: word(is64 ? s + 24 : s + 16), size: word(is64 ? s + 32 : s + 20) }
  }
  const strtab = sec(shstrndx)
  if (strtab.offset + strtab.size > b.length) throw bad('section name table outside the file')
  const want = new TextEncoder().encode(name + '\0')
  for (let i = 0; i < shnum; i++) {
    const s = sec(i)
    const at = strtab.offset + s.name
    if (at + want.length > strtab.offset + strtab.size) continue
    let eq = true
    for (let k = 0; k < want.length; k++) if (b[at + k] !== want[k]) { eq = false; break }
    if (!eq) continue
    if (s.offset + s.size > b.length) throw bad(`section "${name}" outside the file`)
    return b.subarray(s.offset, s.offset + s.size)
  }
  return undefined
}

async function inflateZlib(data: Uint8Array, max: number): Promise<Uint8Array> {
  try {
    return await inflateBytes(data, 'deflate', max)
  } catch (e) {
    if (isStowawayError(e, 'LIMIT_EXCEEDED')) throw new StowawayError('LIMIT_EXCEEDED', `Cannot read cargo-auditable data: it inflates past ${max} bytes`)
    throw bad(`zlib data is corrupt: ${e instanceof Error ? e.message : String(e)}`)
  }
}

/**
 * Read the dependency list `cargo auditable` embeds in a Rust binary: the ELF
 * section `.dep-v0`, zlib-compressed JSON `{ packages: [{ name, version, source, kind }] }`.
 * Build-only dependencies (`kind: "build"`) are not in the binary and are left out.
 *
 * @param bytes the executable
 * @param file where it is in the image
 * @returns the crates, or undefined when the file carries no audit data
 * @throws {StowawayError} `ARCHIVE_INVALID` / `LIMIT_EXCEEDED` for corrupt or oversized data
 * @example
 * ```ts
 * import { readCargoAuditable } from '@stowaway/sbom'
 * await readCargoAuditable(new Uint8Array(64), { path: 'usr/local/bin/x' }) // undefined
 * ```
 */
export async function readCargoAuditable(bytes: Uint8Array, file: { path: string; layer?: string }): Promise<Package[] | undefined> {
  const sec = elfSection(bytes, '.dep-v0')
  if (!sec) return undefined
  const text = new TextDecoder().decode(await inflateZlib(sec, MAX_AUDIT_JSON))
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch {
    throw bad('the dependency list is not JSON')
  }
  const list = (doc as { packages?: unknown }).packages
  if (!Array.isArray(list)) throw bad('the dependency list has no "packages" array')
  const out: Package[] = []
  for (const p of list as Record<string, unknown>[]) {
    if (!p || typeof p.name !== 'string' || typeof p.version !== 'string' || p.kind === 'build') continue
    const meta: Record<string, unknown> = { evidence: 'cargo-auditable' }
    if (typeof p.source === 'string') meta.source = p.source
    if (p.root === true) meta.root = true
    out.push(cargoPackage(p.name, p.version, file, meta))
  }
  return out
}

/**
 * Rust binaries built with `cargo auditable`: their embedded crate list. Looks where
 * the Go binary cataloger looks; non-ELF and ELF files without audit data are skipped
 * silently; corrupt audit data is a warning.
 *
 * @example
 * ```ts
 * import { cargoAuditableCataloger } from '@stowaway/sbom'
 * cargoAuditableCataloger.name // 'rust-cargo-auditable'
 * ```
 */
export const cargoAuditableCataloger: Cataloger = {
  name: 'rust-cargo-auditable',
  patterns: GO_BINARY_PATTERNS,
  maxFileBytes: 256 * 1024 * 1024,
  async catalog(ctx) {
    const out: Package[] = []
    const paths = new Set(GO_BINARY_PATTERNS.flatMap((p) => ctx.tree.glob(p)))
    for (const path of [...paths].sort()) {
      const f = ctx.tree.get(path)
      if (!f || (f.mode & 0o111) === 0) continue
      try {
        const pkgs = await readCargoAuditable(f.bytes, { path, layer: f.layer })
        if (pkgs) out.push(...pkgs)
      } catch (e) {
        ctx.warn({ code: e instanceof StowawayError ? e.code : 'ARCHIVE_INVALID', message: `${e instanceof Error ? e.message : String(e)} in "${path}"`, path, layer: f.layer })
      }
    }
    return out
  },
}
