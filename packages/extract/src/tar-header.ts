import { StowawayError } from '@stowaway/core'

/** What kind of tar entry a header announces. */
export type TarEntryKind = 'file' | 'hardlink' | 'symlink' | 'dir' | 'other'

/**
 * One decoded tar header, after GNU long names and PAX records were applied.
 *
 * @example
 * ```ts
 * import type { TarEntryHeader } from '@stowaway/extract'
 * const h: TarEntryHeader = { name: 'etc/os-release', kind: 'symlink', size: 0, mode: 0o777, linkname: '../usr/lib/os-release', typeflag: '2' }
 * ```
 */
export interface TarEntryHeader {
  /** Entry name exactly as archived (not yet normalised). */
  name: string
  kind: TarEntryKind
  /** Body size in bytes (0 for links and directories). */
  size: number
  mode: number
  /** Symlink or hard link target as archived. */
  linkname: string
  /** Raw type flag character (`0`, `1`, `2`, `5`, `L`, `x` …). */
  typeflag: string
}

const utf8 = new TextDecoder('utf-8')

/**
 * Decode a NUL-terminated string field.
 *
 * @param block header bytes
 * @param off field offset
 * @param len field length
 * @returns the string up to the first NUL
 */
export function readString(block: Uint8Array, off: number, len: number): string {
  let end = off
  const max = off + len
  while (end < max && block[end] !== 0) end++
  return utf8.decode(block.subarray(off, end))
}

/**
 * Decode a numeric field: octal text, or GNU base-256 when the top bit is set
 * (used for sizes over 8 GiB).
 *
 * @param block header bytes
 * @param off field offset
 * @param len field length
 * @returns the number, or NaN when the field is not a number
 */
export function readNumber(block: Uint8Array, off: number, len: number): number {
  const first = block[off]!
  if (first & 0x80) {
    // Base-256: big-endian two's complement; negative values are never valid here.
    if (first & 0x40) return NaN
    let n = first & 0x3f
    for (let i = 1; i < len; i++) n = n * 256 + block[off + i]!
    return n
  }
  let n = 0
  let seen = false
  for (let i = off; i < off + len; i++) {
    const c = block[i]!
    if (c === 0 || c === 0x20) {
      if (seen) break
      continue
    }
    if (c < 0x30 || c > 0x37) return NaN
    n = n * 8 + (c - 0x30)
    seen = true
  }
  return n
}

/**
 * Whether a 512-byte block is all zeros (end-of-archive marker).
 *
 * @param block the block
 * @returns true when every byte is zero
 */
export function isZeroBlock(block: Uint8Array): boolean {
  for (let i = 0; i < 512; i++) if (block[i] !== 0) return false
  return true
}

/**
 * Verify the header checksum (unsigned sum with the checksum field read as spaces;
 * old tars used a signed sum, accepted too).
 *
 * @param block the 512-byte header
 * @returns whether the stored checksum matches
 */
export function checksumOk(block: Uint8Array): boolean {
  const stored = readNumber(block, 148, 8)
  if (Number.isNaN(stored)) return false
  let unsigned = 0
  let signed = 0
  for (let i = 0; i < 512; i++) {
    const b = i >= 148 && i < 156 ? 0x20 : block[i]!
    unsigned += b
    signed += b > 127 ? b - 256 : b
  }
  return stored === unsigned || stored === signed
}

/**
 * Parse PAX extended-header records (`"%d key=value\n"`).
 *
 * @param bytes the record block
 * @returns the key/value pairs
 * @throws {StowawayError} `ARCHIVE_INVALID` when a record length is malformed
 */
export function parsePax(bytes: Uint8Array): Map<string, string> {
  const out = new Map<string, string>()
  let i = 0
  while (i < bytes.length) {
    let j = i
    let len = 0
    while (j < bytes.length && bytes[j] !== 0x20) {
      const c = bytes[j]!
      if (c < 0x30 || c > 0x39) {
        if (c === 0 && j === i) return out // trailing NUL padding
        throw new StowawayError('ARCHIVE_INVALID', 'Cannot read tar: malformed PAX record length')
      }
      len = len * 10 + (c - 0x30)
      j++
    }
    if (len <= j - i || i + len > bytes.length) throw new StowawayError('ARCHIVE_INVALID', 'Cannot read tar: PAX record length out of range')
    const rec = utf8.decode(bytes.subarray(j + 1, i + len - 1))
    const eq = rec.indexOf('=')
    if (eq > 0) out.set(rec.slice(0, eq), rec.slice(eq + 1))
    i += len
  }
  return out
}

/**
 * Map a typeflag to an entry kind.
 *
 * @param flag the type flag character
 * @returns the kind
 */
export function kindOf(flag: string): TarEntryKind {
  switch (flag) {
    case '0':
    case '\0':
    case '':
    case '7':
      return 'file'
    case '1':
      return 'hardlink'
    case '2':
      return 'symlink'
    case '5':
      return 'dir'
    default:
      return 'other'
  }
}
