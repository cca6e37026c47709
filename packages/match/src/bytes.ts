import { StowawayError } from '@stowaway/core'

/**
 * Growable byte buffer with LEB128 varints, the building block of the DB format.
 *
 * @example
 * ```ts
 * import { ByteWriter } from '@stowaway/match'
 * const w = new ByteWriter(); w.uint(300); w.finish().length // 2
 * ```
 */
export class ByteWriter {
  private buf: Uint8Array
  private n = 0

  /** @param capacity initial size; records are small, whole shards grow by doubling */
  constructor(capacity = 256) {
    this.buf = new Uint8Array(capacity)
  }

  private room(k: number): void {
    if (this.n + k <= this.buf.length) return
    let size = this.buf.length * 2
    while (size < this.n + k) size *= 2
    const b = new Uint8Array(size)
    b.set(this.buf.subarray(0, this.n))
    this.buf = b
  }

  /** Bytes written so far. */
  get length(): number {
    return this.n
  }

  /** @param v unsigned integer below 2^53 */
  uint(v: number): void {
    this.room(8)
    while (v >= 0x80) {
      this.buf[this.n++] = (v % 0x80) | 0x80
      v = Math.floor(v / 0x80)
    }
    this.buf[this.n++] = v
  }

  /** @param b raw bytes */
  bytes(b: Uint8Array): void {
    this.room(b.length)
    this.buf.set(b, this.n)
    this.n += b.length
  }

  /** @returns a copy of the written bytes */
  finish(): Uint8Array {
    return this.buf.slice(0, this.n)
  }
}

/**
 * Reader matching {@link ByteWriter}; throws `DB_INVALID` when reading past the end.
 *
 * @example
 * ```ts
 * import { ByteReader } from '@stowaway/match'
 * new ByteReader(new Uint8Array([0xac, 0x02])).uint() // 300
 * ```
 */
export class ByteReader {
  /** Current offset. */
  pos = 0

  /** @param buf bytes to read */
  constructor(readonly buf: Uint8Array) {}

  /** @returns the next varint */
  uint(): number {
    let v = 0
    let mul = 1
    for (;;) {
      if (this.pos >= this.buf.length) throw new StowawayError('DB_INVALID', 'Cannot read DB shard: truncated varint')
      const b = this.buf[this.pos++]!
      v += (b & 0x7f) * mul
      if (b < 0x80) return v
      mul *= 0x80
      if (mul > 2 ** 49) throw new StowawayError('DB_INVALID', 'Cannot read DB shard: varint too long')
    }
  }

  /** @param n byte count @returns a view of the next n bytes */
  bytes(n: number): Uint8Array {
    if (this.pos + n > this.buf.length) throw new StowawayError('DB_INVALID', 'Cannot read DB shard: truncated block')
    const b = this.buf.subarray(this.pos, this.pos + n)
    this.pos += n
    return b
  }
}
