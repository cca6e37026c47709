import { StowawayError } from '@stowaway/core'
import { inflateRaw } from './inflate.ts'

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

const EOCD = 0x06054b50
const CEN = 0x02014b50
const LOC = 0x04034b50

function fail(state: string): never {
  throw new StowawayError('ARCHIVE_INVALID', `Cannot read zip: ${state}`)
}

/**
 * List the files of a ZIP archive held in memory (stored and deflated entries, as
 * osv.dev's `all.zip` dumps use). Reads the central directory; each entry is
 * inflated only when read, with its declared size as the limit.
 *
 * @param zip the archive bytes
 * @param maxEntrySize refuse entries that declare more than this many bytes
 * @returns the entries in directory order
 * @throws {StowawayError} `ARCHIVE_INVALID` for a truncated or malformed archive, or ZIP64
 * @example
 * ```ts
 * import { readZip } from '@stowaway/match'
 * declare const bytes: Uint8Array
 * for (const e of readZip(bytes)) console.log(e.name)
 * ```
 */
export function readZip(zip: Uint8Array, maxEntrySize = 64 * 1024 * 1024): ZipEntry[] {
  const dv = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  // The end record sits in the last 22 + 65535 (comment) bytes.
  let eocd = -1
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65535); i--) {
    if (dv.getUint32(i, true) === EOCD) {
      eocd = i
      break
    }
  }
  if (eocd < 0) fail('no end of central directory record')
  const count = dv.getUint16(eocd + 10, true)
  const cdOffset = dv.getUint32(eocd + 16, true)
  if (count === 0xffff || cdOffset === 0xffffffff) fail('ZIP64 archives are not supported')
  const dec = new TextDecoder()
  const entries: ZipEntry[] = []
  let p = cdOffset
  for (let n = 0; n < count; n++) {
    if (p + 46 > zip.length || dv.getUint32(p, true) !== CEN) fail(`central directory entry ${n} is malformed`)
    const method = dv.getUint16(p + 10, true)
    const csize = dv.getUint32(p + 20, true)
    const size = dv.getUint32(p + 24, true)
    const nameLen = dv.getUint16(p + 28, true)
    const extraLen = dv.getUint16(p + 30, true)
    const commentLen = dv.getUint16(p + 32, true)
    const local = dv.getUint32(p + 42, true)
    const name = dec.decode(zip.subarray(p + 46, p + 46 + nameLen))
    p += 46 + nameLen + extraLen + commentLen
    if (name.endsWith('/')) continue
    entries.push({
      name,
      size,
      read: async () => {
        if (size > maxEntrySize) throw new StowawayError('LIMIT_EXCEEDED', `Cannot read zip entry "${name}": ${size} bytes exceeds ${maxEntrySize}`)
        if (local + 30 > zip.length || dv.getUint32(local, true) !== LOC) fail(`local header of "${name}" is malformed`)
        const start = local + 30 + dv.getUint16(local + 26, true) + dv.getUint16(local + 28, true)
        if (start + csize > zip.length) fail(`entry "${name}" is truncated`)
        const data = zip.subarray(start, start + csize)
        if (method === 0) return data.slice()
        if (method === 8) return inflateRaw(data, size)
        return fail(`entry "${name}" uses compression method ${method}`)
      },
    })
  }
  return entries
}
