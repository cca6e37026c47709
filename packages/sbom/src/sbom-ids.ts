import { sha256 } from '@noble/hashes/sha2.js'
import type { Package } from '@stowaway/core'

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')

/**
 * SHA-256 of a string as hex: the seed of every deterministic identifier in the SBOMs
 * Stowaway writes (serial numbers, document namespaces, element ids).
 *
 * @param text input
 * @returns 64 hex digits
 * @example
 * ```ts
 * import { sha256Hex } from '@stowaway/sbom'
 * sha256Hex('') // 'e3b0c442…'
 * ```
 */
export function sha256Hex(text: string): string {
  return hex(sha256(new TextEncoder().encode(text)))
}

/**
 * A name-based UUID (RFC 9562 version 8 layout over SHA-256) so that the same inventory
 * always gets the same CycloneDX serial number.
 *
 * @param text the content to name
 * @returns `xxxxxxxx-xxxx-8xxx-yxxx-xxxxxxxxxxxx`
 * @example
 * ```ts
 * import { contentUuid } from '@stowaway/sbom'
 * contentUuid('a') === contentUuid('a') // true
 * ```
 */
export function contentUuid(text: string): string {
  const h = sha256Hex(text)
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`
}

/**
 * The identity of a package used to tie SBOM elements together: purl when known, else
 * type/name/version, plus the first location so two copies of one package stay apart.
 *
 * @param p the package
 * @returns a stable key
 * @example
 * ```ts
 * import { packageKey } from '@stowaway/sbom'
 * packageKey({ name: 'a', version: '1', type: 'npm' }) // 'npm/a@1|'
 * ```
 */
export function packageKey(p: Package): string {
  return `${p.purl ?? `${p.type}/${p.name}@${p.version}`}|${p.locations?.[0]?.path ?? ''}`
}
