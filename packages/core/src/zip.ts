import { StowawayError, isStowawayError } from './errors.ts'
import { inflateBytes } from './inflate.ts'

/**
 * One member of a ZIP archive, from its central directory.
 *
 * @example
 * ```ts
 * import type { ZipMember } from '@stowaway/core'
 * const m: ZipMember = { name: 'META-INF/MANIFEST.MF', method: 8, compressedSize: 20, size: 25, dataOffset: 60 }
 * ```
 */
export interface ZipMember {
  name: string
  /** 0 stored, 8 deflated; anything else cannot be read. */
  method: number
  compressedSize: number
  /** Uncompressed size the archive declares. */
  size: number
  /** Offset of the member's (compressed) data in the archive bytes. */
  dataOffset: number
}

const bad = (state: string) => new StowawayError('ARCHIVE_INVALID', `Cannot read zip archive: ${state}`)
const EOCD = 0x06054b50
const EOCD64_LOCATOR = 0x07064b50
const EOCD64 = 0x06064b50
const CEN = 0x02014b50
const LOC = 0x04034b50

/**
 * List the members of a ZIP archive (jar, war, ear, whl …) from its central
 * directory, ZIP64 records included. Data preceding the archive (a launch script in
 * an executable Spring Boot jar) is allowed for. Every offset is bounds-checked.
 *
 * @param zip the archive bytes
 * @param maxMembers refuse directories with more entries than this
 * @returns the members in directory order (directories left out)
 * @throws {StowawayError} `ARCHIVE_INVALID` when no end record is found or the
 *   directory is corrupt; `LIMIT_EXCEEDED` past `maxMembers`
 * @example
 * ```ts
 * import { listZipMembers } from '@stowaway/core'
 * declare const jar: Uint8Array
 * listZipMembers(jar).filter((m) => m.name.endsWith('pom.properties'))
 * ```
 */
export function listZipMembers(zip: Uint8Array, maxMembers = 200_000): ZipMember[] {
  const dv = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  let eocd = -1
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65535); i--) {
    if (dv.getUint32(i, true) === EOCD) {
      eocd = i
      break
    }
  }
  if (eocd < 0) throw bad('no end of central directory record')
  let count = dv.getUint16(eocd + 10, true)
  let cdSize = dv.getUint32(eocd + 12, true)
  let cdOffset = dv.getUint32(eocd + 16, true)
  let cdEnd = eocd
  if (eocd >= 20 && dv.getUint32(eocd - 20, true) === EOCD64_LOCATOR) {
    const at = Number(dv.getBigUint64(eocd - 12, true))
    // The locator's offset ignores any prefix, so look where it says, then just before the locator.
    const z64 = [at, eocd - 20 - 56].find((o) => o >= 0 && o + 56 <= zip.length && dv.getUint32(o, true) === EOCD64)
    if (z64 === undefined) throw bad('ZIP64 end record not found')
    count = Number(dv.getBigUint64(z64 + 32, true))
    cdSize = Number(dv.getBigUint64(z64 + 40, true))
    cdOffset = Number(dv.getBigUint64(z64 + 48, true))
    cdEnd = z64
  }
  if (count > maxMembers) throw new StowawayError('LIMIT_EXCEEDED', `Cannot read zip archive: ${count} entries exceed the limit of ${maxMembers}`)
  // Bytes before the archive shift every offset by the same amount.
  const shift = cdEnd - cdSize - cdOffset
  if (shift < 0) throw bad(`central directory at ${cdOffset} + ${cdSize} runs past its end record`)
  const out: ZipMember[] = []
  const dec = new TextDecoder()
  let p = cdOffset + shift
  for (let i = 0; i < count; i++) {
    if (p + 46 > zip.length || dv.getUint32(p, true) !== CEN) throw bad(`central directory entry ${i} is malformed`)
    const method = dv.getUint16(p + 10, true)
    let csize = dv.getUint32(p + 20, true)
    let usize = dv.getUint32(p + 24, true)
    const nameLen = dv.getUint16(p + 28, true)
    const extraLen = dv.getUint16(p + 30, true)
    const commentLen = dv.getUint16(p + 32, true)
    let local = dv.getUint32(p + 42, true)
    if (p + 46 + nameLen + extraLen > zip.length) throw bad(`central directory entry ${i} runs past the end`)
    const name = dec.decode(zip.subarray(p + 46, p + 46 + nameLen))
    // ZIP64 extra field: the 64-bit values, in order, of whichever fields read 0xffffffff.
    for (let e = p + 46 + nameLen; e + 4 <= p + 46 + nameLen + extraLen; ) {
      const id = dv.getUint16(e, true)
      const len = dv.getUint16(e + 2, true)
      if (id === 1) {
        let q = e + 4
        const next = () => {
          if (q + 8 > e + 4 + len) throw bad(`ZIP64 field of "${name}" too short`)
          const v = Number(dv.getBigUint64(q, true))
          q += 8
          return v
        }
        if (usize === 0xffffffff) usize = next()
        if (csize === 0xffffffff) csize = next()
        if (local === 0xffffffff) local = next()
      }
      e += 4 + len
    }
    p += 46 + nameLen + extraLen + commentLen
    if (name.endsWith('/')) continue
    const lh = local + shift
    if (lh + 30 > zip.length || dv.getUint32(lh, true) !== LOC) throw bad(`local header of "${name}" not found`)
    const dataOffset = lh + 30 + dv.getUint16(lh + 26, true) + dv.getUint16(lh + 28, true)
    if (dataOffset + csize > zip.length) throw bad(`data of "${name}" runs past the end`)
    out.push({ name, method, compressedSize: csize, size: usize, dataOffset })
  }
  return out
}

/**
 * Read one member's bytes, inflating with the platform's `DecompressionStream`
 * (`deflate-raw`). Output is capped: reading stops, with an error, as soon as it
 * passes `maxBytes` or the member's declared size — so a zip bomb costs at most
 * `maxBytes` of memory.
 *
 * @param zip the archive bytes
 * @param m the member
 * @param maxBytes the most bytes to produce
 * @returns the member's content
 * @throws {StowawayError} `LIMIT_EXCEEDED` past the cap or the declared size;
 *   `ARCHIVE_INVALID` for corrupt data or an unknown method
 * @example
 * ```ts
 * import { listZipMembers, readZipMember } from '@stowaway/core'
 * declare const jar: Uint8Array
 * const mf = listZipMembers(jar).find((m) => m.name === 'META-INF/MANIFEST.MF')
 * if (mf) await readZipMember(jar, mf, 1 << 20)
 * ```
 */
export async function readZipMember(zip: Uint8Array, m: ZipMember, maxBytes: number): Promise<Uint8Array> {
  const limit = Math.min(maxBytes, m.size)
  if (m.size > maxBytes) throw new StowawayError('LIMIT_EXCEEDED', `Cannot read zip member "${m.name}": ${m.size} bytes exceed the limit of ${maxBytes}`)
  const data = zip.subarray(m.dataOffset, m.dataOffset + m.compressedSize)
  if (m.method === 0) return data
  if (m.method !== 8) throw bad(`member "${m.name}" uses compression method ${m.method}`)
  try {
    return await inflateBytes(data, 'deflate-raw', limit)
  } catch (e) {
    if (isStowawayError(e, 'LIMIT_EXCEEDED')) {
      throw new StowawayError(
        'LIMIT_EXCEEDED',
        `Cannot read zip member "${m.name}": it inflates past ${limit === m.size ? `its declared ${m.size} bytes` : `the limit of ${limit} bytes`}`,
      )
    }
    throw bad(`member "${m.name}" does not inflate: ${e instanceof Error ? e.message : String(e)}`)
  }
}
