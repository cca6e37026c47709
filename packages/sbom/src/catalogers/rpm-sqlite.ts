import { StowawayError } from '@stowaway/core'

/**
 * One column value of a SQLite record: NULL, an integer (bigint beyond 2^53), a float,
 * TEXT as a string or a BLOB as bytes.
 *
 * @example
 * ```ts
 * import type { SqliteValue } from '@stowaway/sbom'
 * const blob: SqliteValue = new Uint8Array([0, 0, 0, 1])
 * ```
 */
export type SqliteValue = null | number | bigint | string | Uint8Array

const bad = (state: string) => new StowawayError('ARCHIVE_INVALID', `Cannot read SQLite database: ${state}`)
const MAGIC = 'SQLite format 3\0'

const WAL_MAGIC_LE = 0x377f0682
const WAL_MAGIC_BE = 0x377f0683

/**
 * The committed pages of a SQLite write-ahead log (`<db>-wal`): frames whose salts match
 * the WAL header and whose running checksums verify, up to the last commit frame. A
 * WAL that fails these checks contributes nothing, as SQLite itself would treat it.
 *
 * @param wal the `-wal` file
 * @param pageSize the database's page size
 * @returns page number → page bytes, and the database size in pages after the last commit
 * @example
 * ```ts
 * import { readSqliteWal } from '@stowaway/sbom'
 * readSqliteWal(new Uint8Array(0), 4096).pages.size // 0
 * ```
 */
export function readSqliteWal(wal: Uint8Array, pageSize: number): { pages: Map<number, Uint8Array>; dbPages: number } {
  const none = { pages: new Map<number, Uint8Array>(), dbPages: 0 }
  if (wal.length < 32) return none
  const dv = new DataView(wal.buffer, wal.byteOffset, wal.byteLength)
  const magic = dv.getUint32(0)
  if (magic !== WAL_MAGIC_LE && magic !== WAL_MAGIC_BE) return none
  const le = magic === WAL_MAGIC_LE
  if (dv.getUint32(8) !== pageSize) return none
  // SQLite's WAL checksum: pairs of 32-bit words, in the byte order the magic names.
  let s0 = 0
  let s1 = 0
  const sum = (off: number, len: number) => {
    for (let i = off; i < off + len; i += 8) {
      s0 = (s0 + dv.getUint32(i, le) + s1) >>> 0
      s1 = (s1 + dv.getUint32(i + 4, le) + s0) >>> 0
    }
  }
  sum(0, 24)
  if (s0 !== dv.getUint32(24) || s1 !== dv.getUint32(28)) return none
  const salt1 = dv.getUint32(16)
  const salt2 = dv.getUint32(20)
  const pending = new Map<number, Uint8Array>()
  const pages = new Map<number, Uint8Array>()
  let dbPages = 0
  for (let f = 32; f + 24 + pageSize <= wal.length; f += 24 + pageSize) {
    if (dv.getUint32(f + 8) !== salt1 || dv.getUint32(f + 12) !== salt2) break
    sum(f, 8)
    sum(f + 24, pageSize)
    if (s0 !== dv.getUint32(f + 16) || s1 !== dv.getUint32(f + 20)) break
    pending.set(dv.getUint32(f), wal.subarray(f + 24, f + 24 + pageSize))
    const commit = dv.getUint32(f + 4)
    if (commit) {
      for (const [n, b] of pending) pages.set(n, b)
      pending.clear()
      dbPages = commit
    }
  }
  return { pages, dbPages }
}

/**
 * A minimal read-only SQLite reader: enough of the file format (b-tree table pages,
 * overflow chains, record encoding, write-ahead log) to list the rows of one table.
 * Pages committed to a `-wal` file, when one is given, take precedence over the main
 * file's. Every page number and offset is bounds-checked and every page is visited at
 * most once, so a corrupt file ends in an error, never a loop.
 *
 * @param db the whole database file
 * @param table table name as in `sqlite_master` (case-insensitive)
 * @param wal the database's `-wal` file, if any
 * @returns the table's rows in rowid order, each an array of column values (an
 *   `INTEGER PRIMARY KEY` column reads as null, as SQLite stores it)
 * @throws {StowawayError} `ARCHIVE_INVALID` on a corrupt file, `NOT_FOUND` when the table is absent
 * @example
 * ```ts
 * import { readSqliteTable } from '@stowaway/sbom'
 * declare const bytes: Uint8Array
 * for (const [, blob] of readSqliteTable(bytes, 'Packages')) console.log(blob)
 * ```
 */
export function readSqliteTable(db: Uint8Array, table: string, wal?: Uint8Array): SqliteValue[][] {
  if (db.length < 100 || new TextDecoder().decode(db.subarray(0, 16)) !== MAGIC) throw bad('no SQLite header')
  const hdr = new DataView(db.buffer, db.byteOffset, db.byteLength)
  let pageSize = hdr.getUint16(16)
  if (pageSize === 1) pageSize = 65536
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) throw bad(`page size ${pageSize}`)
  const usable = pageSize - db[20]!
  if (usable < 480) throw bad(`usable page size ${usable}`)
  if (hdr.getUint32(56) > 1) throw bad('text encoding is not UTF-8')
  const log = wal ? readSqliteWal(wal, pageSize) : { pages: new Map<number, Uint8Array>(), dbPages: 0 }
  const pageCount = log.dbPages || Math.floor(db.length / pageSize)
  const dec = new TextDecoder()

  const page = (n: number): { b: Uint8Array; dv: DataView } => {
    if (n < 1 || n > pageCount) throw bad(`page ${n} outside ${pageCount} pages`)
    const b = log.pages.get(n) ?? db.subarray((n - 1) * pageSize, n * pageSize)
    if (b.length < pageSize) throw bad(`page ${n} is truncated`)
    return { b, dv: new DataView(b.buffer, b.byteOffset, b.byteLength) }
  }

  const payloadOf = (b: Uint8Array, dv: DataView, cell: number, visited: Set<number>): Uint8Array => {
    const [size, n1] = varintIn(b, cell)
    const [, n2] = varintIn(b, cell + n1)
    const start = cell + n1 + n2
    if (size > db.length + (wal?.length ?? 0)) throw bad(`payload of ${size} bytes larger than the database`)
    const maxLocal = usable - 35
    let local = size
    if (size > maxLocal) {
      const minLocal = Math.floor(((usable - 12) * 32) / 255) - 23
      const k = minLocal + ((size - minLocal) % (usable - 4))
      local = k <= maxLocal ? k : minLocal
    }
    if (start + local > pageSize) throw bad(`cell at ${cell} runs past its page`)
    if (local === size) return b.subarray(start, start + size)
    const out = new Uint8Array(size)
    out.set(b.subarray(start, start + local))
    let got = local
    if (start + local + 4 > pageSize) throw bad(`overflow pointer at ${cell} runs past its page`)
    let next = dv.getUint32(start + local)
    while (got < size) {
      if (visited.has(next)) throw bad(`overflow page ${next} visited twice`)
      visited.add(next)
      const o = page(next)
      const n = Math.min(usable - 4, size - got)
      out.set(o.b.subarray(4, 4 + n), got)
      got += n
      next = o.dv.getUint32(0)
    }
    return out
  }

  const record = (p: Uint8Array): SqliteValue[] => {
    const end = p.length
    const [hdrLen, n] = varintIn(p, 0)
    if (hdrLen > end) throw bad('record header longer than its record')
    const types: number[] = []
    for (let o = n; o < hdrLen; ) {
      const [t, m] = varintIn(p, o)
      types.push(t)
      o += m
    }
    const pv = new DataView(p.buffer, p.byteOffset, p.byteLength)
    const vals: SqliteValue[] = []
    let o = hdrLen
    for (const t of types) {
      const intLen = [0, 1, 2, 3, 4, 6, 8][t]
      if (t === 0) vals.push(null)
      else if (t === 8 || t === 9) vals.push(t - 8)
      else if (intLen !== undefined) {
        if (o + intLen > end) throw bad('record value runs past its record')
        let v = BigInt(0)
        for (let i = 0; i < intLen; i++) v = (v << BigInt(8)) | BigInt(p[o + i]!)
        if (p[o]! & 0x80) v -= BigInt(1) << BigInt(intLen * 8)
        vals.push(v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v)
        o += intLen
      } else if (t === 7) {
        if (o + 8 > end) throw bad('record value runs past its record')
        vals.push(pv.getFloat64(o))
        o += 8
      } else if (t >= 12) {
        const len = t % 2 === 0 ? (t - 12) / 2 : (t - 13) / 2
        if (o + len > end) throw bad('record value runs past its record')
        const bytes = p.subarray(o, o + len)
        vals.push(t % 2 === 0 ? bytes : dec.decode(bytes))
        o += len
      } else throw bad(`serial type ${t}`)
    }
    return vals
  }

  const rows = (root: number): SqliteValue[][] => {
    const out: SqliteValue[][] = []
    const visited = new Set<number>()
    const stack = [root]
    // Depth-first, left to right, so rows come out in rowid order.
    while (stack.length) {
      const pg = stack.pop()!
      if (visited.has(pg)) throw bad(`page ${pg} visited twice`)
      visited.add(pg)
      const { b, dv } = page(pg)
      const h = pg === 1 ? 100 : 0
      const type = b[h]
      const cells = dv.getUint16(h + 3)
      const interior = type === 5
      if (type !== 5 && type !== 13) throw bad(`page ${pg} is not a table b-tree page (type ${type})`)
      const ptrs = h + (interior ? 12 : 8)
      if (ptrs + cells * 2 > pageSize) throw bad(`page ${pg} cell count ${cells} too large`)
      if (interior) {
        const children = [] as number[]
        for (let i = 0; i < cells; i++) {
          const c = dv.getUint16(ptrs + i * 2)
          if (c + 4 > pageSize) throw bad(`cell pointer on page ${pg} outside the page`)
          children.push(dv.getUint32(c))
        }
        children.push(dv.getUint32(h + 8))
        for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!)
      } else {
        for (let i = 0; i < cells; i++) {
          const c = dv.getUint16(ptrs + i * 2)
          if (c >= pageSize) throw bad(`cell pointer on page ${pg} outside the page`)
          out.push(record(payloadOf(b, dv, c, visited)))
        }
      }
    }
    return out
  }

  const want = table.toLowerCase()
  for (const [type, name, , rootpage] of rows(1)) {
    if (type === 'table' && typeof name === 'string' && name.toLowerCase() === want && typeof rootpage === 'number') {
      return rows(rootpage)
    }
  }
  throw new StowawayError('NOT_FOUND', `Cannot read SQLite table "${table}": no such table`)
}

function varintIn(p: Uint8Array, off: number): [number, number] {
  let v = 0
  for (let i = 0; i < 9; i++) {
    if (off + i >= p.length) throw bad(`varint at ${off} runs past its record`)
    const b = p[off + i]!
    if (i === 8) return [v * 256 + b, 9]
    v = v * 128 + (b & 0x7f)
    if (!(b & 0x80)) return [v, i + 1]
  }
  return [v, 9]
}
