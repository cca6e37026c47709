import { StowawayError } from '@stowaway/core'

const bad = (state: string) => new StowawayError('ARCHIVE_INVALID', `Cannot read BerkeleyDB hash file: ${state}`)

// Berkeley DB on-disk constants (db_page.h): hash magic, page types, item types.
const HASH_MAGIC = 0x061561
const P_HASH_UNSORTED = 2
const P_HASH = 13
const P_OVERFLOW = 7
const H_KEYDATA = 1
const H_OFFPAGE = 3
const PAGE_HEADER = 26

/**
 * List the data items of a Berkeley DB hash database — the format of the rpm
 * `Packages` file before rpm 4.16. Walks every hash page, takes each key/data pair's
 * data (inline or chained over overflow pages) and returns it. Both byte orders are
 * accepted; page numbers are bounds-checked and overflow chains cannot loop.
 *
 * @param db the whole file
 * @returns the data items in page order
 * @throws {StowawayError} `ARCHIVE_INVALID` when the file is not a BDB hash database
 * @example
 * ```ts
 * import { readBdbHashValues } from '@stowaway/sbom'
 * declare const bytes: Uint8Array
 * readBdbHashValues(bytes).length
 * ```
 */
export function readBdbHashValues(db: Uint8Array): Uint8Array[] {
  if (db.length < 512) throw bad(`${db.length} bytes is too short`)
  const dv = new DataView(db.buffer, db.byteOffset, db.byteLength)
  let le = true
  if (dv.getUint32(12, true) !== HASH_MAGIC) {
    if (dv.getUint32(12, false) !== HASH_MAGIC) throw bad('no hash magic')
    le = false
  }
  const u32 = (o: number) => dv.getUint32(o, le)
  const u16 = (o: number) => dv.getUint16(o, le)
  const pageSize = u32(20)
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) throw bad(`page size ${pageSize}`)
  const pages = Math.floor(db.length / pageSize)
  const out: Uint8Array[] = []

  const overflow = (first: number, total: number): Uint8Array => {
    if (total > db.length) throw bad(`item of ${total} bytes larger than the file`)
    const buf = new Uint8Array(total)
    const seen = new Set<number>()
    let got = 0
    for (let pg = first; got < total; ) {
      if (pg <= 0 || pg >= pages || seen.has(pg)) throw bad(`overflow chain reaches page ${pg}`)
      seen.add(pg)
      const base = pg * pageSize
      if (db[base + 25] !== P_OVERFLOW) throw bad(`page ${pg} is not an overflow page`)
      // On overflow pages the header's hf_offset field holds the bytes used.
      const n = Math.min(u16(base + 22), pageSize - PAGE_HEADER, total - got)
      buf.set(db.subarray(base + PAGE_HEADER, base + PAGE_HEADER + n), got)
      got += n
      pg = u32(base + 16)
      if (got < total && pg === 0) throw bad(`overflow chain ends after ${got} of ${total} bytes`)
    }
    return buf
  }

  for (let pg = 1; pg < pages; pg++) {
    const base = pg * pageSize
    const type = db[base + 25]
    if (type !== P_HASH && type !== P_HASH_UNSORTED) continue
    const entries = u16(base + 20)
    if (PAGE_HEADER + entries * 2 > pageSize) throw bad(`page ${pg} has ${entries} entries`)
    // Entries alternate key, data; items are packed from the page end downwards, so an
    // item ends where the previous one starts.
    for (let i = 1; i < entries; i += 2) {
      const off = u16(base + PAGE_HEADER + i * 2)
      const prev = u16(base + PAGE_HEADER + (i - 1) * 2)
      if (off >= pageSize || prev > pageSize || prev <= off) throw bad(`item ${i} on page ${pg} has offset ${off}`)
      const item = base + off
      if (db[item] === H_OFFPAGE) {
        if (off + 12 > pageSize) throw bad(`off-page item ${i} on page ${pg} truncated`)
        out.push(overflow(u32(item + 4), u32(item + 8)))
      } else if (db[item] === H_KEYDATA) {
        out.push(db.subarray(item + 1, base + prev))
      }
    }
  }
  return out
}
