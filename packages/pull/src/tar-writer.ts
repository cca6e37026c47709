/**
 * One entry to write with {@link tarHeader}.
 *
 * @example
 * ```ts
 * const h: TarHeaderInput = { name: 'etc/hostname', type: '0', size: 5, mode: 0o644, uid: 0, gid: 0, mtime: 0 }
 * ```
 */
export interface TarHeaderInput {
  name: string
  /** `0` file, `2` symlink, `5` directory, `1` hard link. */
  type: '0' | '1' | '2' | '5'
  size: number
  mode: number
  uid: number
  gid: number
  /** Seconds since the epoch. */
  mtime: number
  linkname?: string
}

const enc = new TextEncoder()

function field(b: Uint8Array, off: number, len: number, value: string) {
  b.set(enc.encode(value).subarray(0, len), off)
}
const oct = (n: number, len: number) => n.toString(8).padStart(len - 1, '0')

function rawHeader(h: TarHeaderInput, name: string, linkname: string, type: string, size: number): Uint8Array {
  const b = new Uint8Array(512)
  field(b, 0, 100, name)
  field(b, 100, 8, oct(h.mode & 0o7777, 8))
  field(b, 108, 8, oct(Math.min(h.uid, 0o7777777), 8))
  field(b, 116, 8, oct(Math.min(h.gid, 0o7777777), 8))
  field(b, 124, 12, oct(size, 12))
  field(b, 136, 12, oct(Math.max(0, Math.floor(h.mtime)), 12))
  b.fill(32, 148, 156)
  field(b, 156, 1, type)
  field(b, 157, 100, linkname)
  field(b, 257, 6, 'ustar')
  field(b, 263, 2, '00')
  let sum = 0
  for (const x of b) sum += x
  field(b, 148, 8, oct(sum, 7) + '\0')
  return b
}

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`
  let len = enc.encode(body).length + 1
  while (String(len).length + enc.encode(body).length !== len) len++
  return `${len}${body}`
}

/**
 * The header block(s) for one tar entry: a ustar header, preceded by a PAX record when the
 * name or link target is too long or the size too large for ustar.
 *
 * @param h the entry
 * @returns header bytes (multiple of 512); data and padding follow
 * @example
 * ```ts
 * import { tarHeader } from '@stowaway/pull'
 * tarHeader({ name: 'etc/hostname', type: '0', size: 5, mode: 0o644, uid: 0, gid: 0, mtime: 0 }).length // 512
 * ```
 */
export function tarHeader(h: TarHeaderInput): Uint8Array {
  const name = h.type === '5' && !h.name.endsWith('/') ? `${h.name}/` : h.name
  const link = h.linkname ?? ''
  const pax: string[] = []
  if (enc.encode(name).length > 100) pax.push(paxRecord('path', name))
  if (enc.encode(link).length > 100) pax.push(paxRecord('linkpath', link))
  if (h.size > 0o77777777777) pax.push(paxRecord('size', String(h.size)))
  const main = rawHeader(h, name.slice(0, 100), link.slice(0, 100), h.type, h.size > 0o77777777777 ? 0 : h.size)
  if (!pax.length) return main
  const body = enc.encode(pax.join(''))
  const padded = Math.ceil(body.length / 512) * 512
  const out = new Uint8Array(512 + padded + 512)
  out.set(rawHeader(h, 'PaxHeader', '', 'x', body.length))
  out.set(body, 512)
  out.set(main, 512 + padded)
  return out
}

/**
 * Zero padding after `size` bytes of entry data.
 *
 * @param size entry data size
 * @returns 0–511 zero bytes
 * @example
 * ```ts
 * import { tarPadding } from '@stowaway/pull'
 * tarPadding(5).length // 507
 * ```
 */
export const tarPadding = (size: number) => new Uint8Array((512 - (size % 512)) % 512)

/**
 * The two zero blocks that end an archive.
 *
 * @example
 * ```ts
 * const tail = TAR_END // append after the last entry
 * ```
 */
export const TAR_END = new Uint8Array(1024)
