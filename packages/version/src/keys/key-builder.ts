/**
 * Appends bytes to a growing buffer and hands out an exact-size copy. One builder is
 * reused per scheme encoder: keys are short and built one at a time.
 */
export class KeyBuilder {
  private buf = new Uint8Array(64)
  /** Bytes written so far. */
  length = 0

  /** Forget everything written. */
  reset(): void {
    this.length = 0
  }

  /**
   * Append one byte.
   *
   * @param b the byte, 0 … 255
   */
  push(b: number): void {
    if (this.length === this.buf.length) {
      const next = new Uint8Array(this.buf.length * 2)
      next.set(this.buf)
      this.buf = next
    }
    this.buf[this.length++] = b
  }

  /**
   * Append the char codes `s[from, to)`; the caller has checked they are ASCII.
   *
   * @param s source string
   * @param from first index
   * @param to end index (exclusive)
   */
  pushChars(s: string, from: number, to: number): void {
    for (let i = from; i < to; i++) this.push(s.charCodeAt(i))
  }

  /**
   * Append a decimal digit run `s[from, to)` as one length byte (`base + n`, n the
   * count without leading zeros) and the significant digits: a longer run is a larger
   * number, equal lengths compare digit by digit. Returns false when n + base passes `max`.
   *
   * @param s source string
   * @param from first digit
   * @param to end of the run (exclusive)
   * @param base value of the length byte for zero
   * @param max largest allowed length byte
   * @returns false when the run is too long to key
   */
  pushNumber(s: string, from: number, to: number, base: number, max: number): boolean {
    while (from < to && s.charCodeAt(from) === 48) from++
    if (base + (to - from) > max) return false
    this.push(base + (to - from))
    this.pushChars(s, from, to)
    return true
  }

  /**
   * Undo bytes back to `length`.
   *
   * @param length the length to truncate to
   */
  truncate(length: number): void {
    this.length = length
  }

  /** @returns the last byte written (undefined when empty) */
  last(): number | undefined {
    return this.length > 0 ? this.buf[this.length - 1] : undefined
  }

  /** @returns a copy of the bytes written */
  take(): Uint8Array {
    return this.buf.slice(0, this.length)
  }
}
