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

/**
 * A minimal read-only SQLite reader: enough of the file format (b-tree table pages,
 * overflow chains, record encoding) to list the rows of one table. It reads the main
 * database file only: rows still sitting in a `-wal` file are not seen. Every page
 * number and offset is bounds-checked and every page is visited at most once, so a
 * corrupt file ends in an error, never a loop.
 *
 * @param db the whole database file
 * @param table table name as in `sqlite_master` (case-insensitive)
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
export function readSqliteTable(db: Uint8Array, table: string): SqliteValue[][] {
  if (db.length < 100 || new TextDecoder().decode(db.subarray(0, 16)) !== MAGIC) throw bad('no SQLite header')
  const dv = new DataView(db.buffer, db.byteOffset, db.byteLength)
  let pageSize = dv.getUint16(16)
  if (pageSize === 1) pageSize = 65536
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) throw bad(`page size ${pageSize}`)
  const usable = pageSize - db[20]!
  if (usable < 480) throw bad(`usable page size ${usable}`)
  if (dv.getUint32(56) > 1) throw bad('text encoding is not UTF-8')
  const pageCount = Math.floor(db.length / pageSize)
  const dec = new TextDecoder()

  const pageOff = (n: number) => {
    if (n < 1 || n > pageCount) throw bad(`page ${n} outside ${pageCount} pages`)
    return (n - 1) * pageSize
  }

  // Returns [value, bytes read]; SQLite varints are big-endian, 7 bits a byte, 9 bytes max.
  const varint = (off: number, end: number): [number, number] => {
    let v = 0
    for (let i = 0; i < 9; i++) {
      if (off + i >= end) throw bad(`varint at ${off} runs past its page`)
      const b = db[off + i]!
      if (i === 8) return [v * 256 + b, 9]
      v = v * 128 + (b & 0x7f)
      if (!(b & 0x80)) return [v, i + 1]
    }
    return [v, 9]
  }

  const payloadOf = (cell: number, pageEnd: number, visited: Set<number>): Uint8Array => {
    const [size, n1] = varint(cell, pageEnd)
    const [, n2] = varint(cell + n1, pageEnd)
    const start = cell + n1 + n2
    if (size > db.length) throw bad(`payload of ${size} bytes larger than the file`)
    const maxLocal = usable - 35
    let local = size
    if (size > maxLocal) {
      const minLocal = Math.floor(((usable - 12) * 32) / 255) - 23
      const k = minLocal + ((size - minLocal) % (usable - 4))
      local = k <= maxLocal ? k : minLocal
    }
    if (start + local > pageEnd) throw bad(`cell at ${cell} runs past its page`)
    if (local === size) return db.subarray(start, start + size)
    const out = new Uint8Array(size)
    out.set(db.subarray(start, start + local))
    let got = local
    if (start + local + 4 > pageEnd) throw bad(`overflow pointer at ${cell} runs past its page`)
    let next = dv.getUint32(start + local)
    while (got < size) {
      if (visited.has(next)) throw bad(`overflow page ${next} visited twice`)
      visited.add(next)
      const o = pageOff(next)
      const n = Math.min(usable - 4, size - got)
      out.set(db.subarray(o + 4, o + 4 + n), got)
      got += n
      next = dv.getUint32(o)
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
      const base = pageOff(pg)
      const h = pg === 1 ? base + 100 : base
      const pageEnd = base + pageSize
      const type = db[h]
      const cells = dv.getUint16(h + 3)
      const interior = type === 5
      if (type !== 5 && type !== 13) throw bad(`page ${pg} is not a table b-tree page (type ${type})`)
      const ptrs = h + (interior ? 12 : 8)
      if (ptrs + cells * 2 > pageEnd) throw bad(`page ${pg} cell count ${cells} too large`)
      if (interior) {
        const children = [] as number[]
        for (let i = 0; i < cells; i++) {
          const c = base + dv.getUint16(ptrs + i * 2)
          if (c + 4 > pageEnd) throw bad(`cell pointer on page ${pg} outside the page`)
          children.push(dv.getUint32(c))
        }
        children.push(dv.getUint32(h + 8))
        for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!)
      } else {
        for (let i = 0; i < cells; i++) {
          const c = base + dv.getUint16(ptrs + i * 2)
          if (c >= pageEnd) throw bad(`cell pointer on page ${pg} outside the page`)
          out.push(record(payloadOf(c, pageEnd, visited)))
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
