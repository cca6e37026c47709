import { StowawayError } from '@stowaway/core'

const bad = (state: string) => new StowawayError('ARCHIVE_INVALID', `Cannot read rpm NDB database: ${state}`)

// rpm's ndb backend (lib/backend/ndb/rpmpkg.c): little-endian, 16-byte blocks,
// a slot table of 16-byte entries in the first `slotnpages` 4 KiB pages.
const magic = (s: string) => s.charCodeAt(0) | (s.charCodeAt(1) << 8) | (s.charCodeAt(2) << 16) | (s.charCodeAt(3) << 24)
const HEADER_MAGIC = magic('RpmP') >>> 0
const SLOT_MAGIC = magic('Slot') >>> 0
const BLOB_MAGIC = magic('BlbS') >>> 0
const BLOCK = 16
const SLOT_PAGE = 4096

/**
 * List the package header blobs of an rpm NDB `Packages.db` (SUSE's default since
 * SLE 15 SP3 / openSUSE Leap 15.3). Every slot's block offset and every blob length is
 * bounds-checked; a blob whose header disagrees with its slot is reported in
 * `skipped` rather than thrown.
 *
 * @param db the whole file
 * @returns the blobs in slot order, and how many slots pointed at bad blobs
 * @throws {StowawayError} `ARCHIVE_INVALID` when the file header is not an NDB header
 * @example
 * ```ts
 * import { readNdbBlobs } from '@stowaway/sbom'
 * declare const bytes: Uint8Array
 * readNdbBlobs(bytes).blobs.length
 * ```
 */
export function readNdbBlobs(db: Uint8Array): { blobs: Uint8Array[]; skipped: number } {
  if (db.length < 32) throw bad(`${db.length} bytes is too short`)
  const dv = new DataView(db.buffer, db.byteOffset, db.byteLength)
  const u32 = (o: number) => dv.getUint32(o, true)
  if (u32(0) !== HEADER_MAGIC) throw bad('no "RpmP" magic')
  if (u32(4) !== 0) throw bad(`version ${u32(4)}`)
  const slotPages = u32(12)
  const slotEnd = slotPages * SLOT_PAGE
  if (slotPages === 0 || slotEnd > db.length) throw bad(`${slotPages} slot pages exceed the file`)
  const blobs: Uint8Array[] = []
  let skipped = 0
  // The first two 16-byte slots hold the file header.
  for (let s = 32; s + 16 <= slotEnd; s += 16) {
    if (u32(s) !== SLOT_MAGIC) continue
    const pkgIndex = u32(s + 4)
    if (pkgIndex === 0) continue
    const off = u32(s + 8) * BLOCK
    const blocks = u32(s + 12)
    if (off < slotEnd || off + 16 > db.length || off + blocks * BLOCK > db.length) {
      skipped++
      continue
    }
    const len = u32(off + 12)
    if (u32(off) !== BLOB_MAGIC || u32(off + 4) !== pkgIndex || off + 16 + len > db.length || 16 + len > blocks * BLOCK) {
      skipped++
      continue
    }
    blobs.push(db.subarray(off + 16, off + 16 + len))
  }
  return { blobs, skipped }
}
