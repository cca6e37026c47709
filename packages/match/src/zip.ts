import { listZipMembers, readZipMember } from '@stowaway/core'

/**
 * One file of a ZIP archive; `read()` inflates it on demand.
 *
 * @example
 * ```ts
 * import type { ZipEntry } from '@stowaway/match'
 * const show = (e: ZipEntry) => `${e.name} ${e.size}`
 * ```
 */
export interface ZipEntry {
  name: string
  /** Uncompressed size from the central directory. */
  size: number
  read(): Promise<Uint8Array>
}

/**
 * List the files of a ZIP archive held in memory (osv.dev's `all.zip` dumps) with the
 * core zip reader; each entry is inflated only when read, bounded by its declared size.
 *
 * @param zip the archive bytes
 * @param maxEntrySize refuse entries that declare more than this many bytes
 * @returns the entries in directory order
 * @throws {StowawayError} `ARCHIVE_INVALID` for a truncated or malformed archive
 * @example
 * ```ts
 * import { readZip } from '@stowaway/match'
 * declare const bytes: Uint8Array
 * for (const e of readZip(bytes)) console.log(e.name)
 * ```
 */
export function readZip(zip: Uint8Array, maxEntrySize = 64 * 1024 * 1024): ZipEntry[] {
  return listZipMembers(zip).map((m) => ({ name: m.name, size: m.size, read: () => readZipMember(zip, m, maxEntrySize) }))
}
