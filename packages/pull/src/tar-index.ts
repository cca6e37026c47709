import { StowawayError, iterateStream } from '@stowaway/core'
import type { FileAccess, RandomAccessFile } from './file-access.ts'

/**
 * One member of a tar archive, located by byte offset.
 *
 * @example
 * ```ts
 * const m: TarMember = { name: 'manifest.json', type: '0', offset: 512, size: 200 }
 * ```
 */
export interface TarMember {
  name: string
  /** `0` file, `1` hard link, `2` symlink, `5` directory … */
  type: string
  /** Offset of the member's data in the (uncompressed) archive. */
  offset: number
  size: number
  linkname?: string
}

const MAX_MEMBERS = 1_000_000
const MAX_META = 1024 * 1024

const dec = new TextDecoder()
const cstr = (b: Uint8Array, off: number, len: number) => {
  const s = b.subarray(off, off + len)
  const z = s.indexOf(0)
  return dec.decode(z < 0 ? s : s.subarray(0, z))
}

function octal(b: Uint8Array, off: number, len: number): number {
  // GNU base-256 for sizes over 8 GiB: high bit set on the first byte.
  if (b[off]! & 0x80) {
    let v = b[off]! & 0x7f
    for (let i = 1; i < len; i++) v = v * 256 + b[off + i]!
    return v
  }
  const s = cstr(b, off, len).trim()
  if (s === '') return 0
  if (!/^[0-7]+$/.test(s)) throw new StowawayError('ARCHIVE_INVALID', `Cannot read tar header: field "${s}" is not octal`)
  return parseInt(s, 8)
}

function checksumOk(h: Uint8Array): boolean {
  let sum = 0
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!
  const want = octal(h, 148, 8)
  return sum === want
}

/**
 * Reads bytes at increasing offsets from a forward-only stream.
 *
 * @example
 * ```ts
 * const r = new ForwardReader(new Response('abcdef').body!)
 * await r.readAt(2, 2) // 'cd'
 * ```
 */
export class ForwardReader {
  private reader: ReadableStreamDefaultReader<Uint8Array>
  private buf: Uint8Array = new Uint8Array(0)
  private pos = 0
  private done = false
  constructor(stream: ReadableStream<Uint8Array>) {
    this.reader = stream.getReader()
  }
  /**
   * @param offset absolute offset, never below the last read's end
   * @param length bytes wanted; fewer are returned at end of input
   * @returns the bytes
   */
  async readAt(offset: number, length: number): Promise<Uint8Array> {
    if (offset < this.pos) throw new Error('ForwardReader cannot seek backwards')
    while (this.pos + this.buf.byteLength < offset + length && !this.done) {
      // Drop what lies wholly before the requested offset so skipping never accumulates.
      if (this.pos + this.buf.byteLength <= offset) {
        this.pos += this.buf.byteLength
        this.buf = new Uint8Array(0)
      }
      const r = await this.reader.read()
      if (r.done) this.done = true
      else this.buf = this.buf.byteLength ? concat(this.buf, r.value) : r.value
    }
    const start = Math.max(0, offset - this.pos)
    const out = this.buf.slice(start, start + length)
    this.buf = this.buf.subarray(Math.min(this.buf.byteLength, start + length))
    this.pos = offset + out.byteLength
    return out
  }
  async close(): Promise<void> {
    await this.reader.cancel().catch(() => {})
  }
}

const concat = (a: Uint8Array, b: Uint8Array) => {
  const o = new Uint8Array(a.byteLength + b.byteLength)
  o.set(a)
  o.set(b, a.byteLength)
  return o
}

/**
 * List a tar archive's members and where their data lies, reading only headers (and
 * long-name/PAX records): bodies are skipped, so a 1 GB layer costs no memory.
 *
 * @param readAt reads `length` bytes at `offset` (offsets only increase)
 * @returns members by normalised name (no leading `./` or `/`), last one wins
 * @throws StowawayError `ARCHIVE_INVALID` on a corrupt header
 * @example
 * ```ts
 * import { indexTar, ForwardReader } from '@stowaway/pull'
 * const r = new ForwardReader(new Response(new Uint8Array(1024)).body!)
 * const members = await indexTar((o, n) => r.readAt(o, n))
 * ```
 */
export async function indexTar(readAt: (offset: number, length: number) => Promise<Uint8Array>): Promise<Map<string, TarMember>> {
  const members = new Map<string, TarMember>()
  let off = 0
  let longName: string | undefined
  let longLink: string | undefined
  let pax: Record<string, string> = {}
  for (let count = 0; ; count++) {
    if (count > MAX_MEMBERS) throw new StowawayError('LIMIT_EXCEEDED', `Cannot index tar: more than ${MAX_MEMBERS} members`)
    const h = await readAt(off, 512)
    if (h.byteLength < 512) {
      if (h.byteLength === 0 && count > 0) break
      throw new StowawayError('ARCHIVE_INVALID', `Cannot read tar: truncated header at offset ${off}`)
    }
    if (h.every((x) => x === 0)) break
    if (!checksumOk(h)) throw new StowawayError('ARCHIVE_INVALID', `Cannot read tar: bad header checksum at offset ${off}`)
    const type = String.fromCharCode(h[156]!) === '\0' ? '0' : String.fromCharCode(h[156]!)
    let size = octal(h, 124, 12)
    const data = off + 512
    const next = data + Math.ceil(size / 512) * 512
    if (type === 'L' || type === 'K' || type === 'x' || type === 'g') {
      if (size > MAX_META) throw new StowawayError('ARCHIVE_INVALID', `Cannot read tar: ${size}-byte metadata record at offset ${off}`)
      const body = await readAt(data, size)
      if (type === 'L') longName = cstr(body, 0, body.length)
      else if (type === 'K') longLink = cstr(body, 0, body.length)
      else if (type === 'x') pax = parsePax(body)
      off = next
      continue
    }
    const magic = cstr(h, 257, 6)
    const prefix = magic.startsWith('ustar') ? cstr(h, 345, 155) : ''
    let name = longName ?? pax.path ?? (prefix ? `${prefix}/${cstr(h, 0, 100)}` : cstr(h, 0, 100))
    const linkname = longLink ?? pax.linkpath ?? cstr(h, 157, 100)
    if (pax.size !== undefined) size = Number(pax.size)
    longName = longLink = undefined
    pax = {}
    name = normalizeMemberName(name)
    members.set(name, { name, type, offset: data, size, ...(linkname ? { linkname } : {}) })
    off = data + Math.ceil(size / 512) * 512
    if (type !== '0' && type !== '7' && size === 0) off = next
  }
  return members
}

function parsePax(b: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {}
  const s = dec.decode(b)
  let i = 0
  while (i < s.length) {
    const sp = s.indexOf(' ', i)
    if (sp < 0) break
    const len = parseInt(s.slice(i, sp), 10)
    if (!(len > 0)) break
    const rec = s.slice(sp + 1, i + len - 1)
    const eq = rec.indexOf('=')
    if (eq > 0) out[rec.slice(0, eq)] = rec.slice(eq + 1)
    i += len
  }
  return out
}

/**
 * Normalise a member path: no leading `./` or `/`, no trailing `/`.
 *
 * @param name path as stored
 * @returns the normalised path
 * @example
 * ```ts
 * import { normalizeMemberName } from '@stowaway/pull'
 * normalizeMemberName('./blobs/sha256/') // 'blobs/sha256'
 * ```
 */
export function normalizeMemberName(name: string): string {
  const parts: string[] = []
  for (const p of name.split('/')) {
    if (p === '' || p === '.') continue
    if (p === '..') parts.pop()
    else parts.push(p)
  }
  return parts.join('/')
}

/**
 * Whether bytes start with the gzip magic.
 *
 * @param head first bytes of a file
 * @returns true for gzip
 * @example
 * ```ts
 * import { isGzip } from '@stowaway/pull'
 * isGzip(new Uint8Array([0x1f, 0x8b])) // true
 * ```
 */
export const isGzip = (head: Uint8Array) => head[0] === 0x1f && head[1] === 0x8b

async function readRange(file: RandomAccessFile, start: number, length: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  let n = 0
  for await (const c of iterateStream(file.read(start, start + length))) {
    chunks.push(c)
    n += c.byteLength
  }
  if (chunks.length === 1) return chunks[0]!
  const out = new Uint8Array(n)
  let o = 0
  for (const c of chunks) {
    out.set(c, o)
    o += c.byteLength
  }
  return out
}

/**
 * A gzip-compressed file seen as its decompressed content (size unknown). Each ranged
 * read decompresses from the start: fine for the small gzip-wrapped `docker save`
 * archives people pass around, not for random access over large ones.
 *
 * @param file the compressed file
 * @returns a random-access view of the decompressed bytes
 * @example
 * ```ts
 * import { gunzippedFile, type RandomAccessFile } from '@stowaway/pull'
 * declare const gz: RandomAccessFile
 * const tar = gunzippedFile(gz)
 * ```
 */
export function gunzippedFile(file: RandomAccessFile): RandomAccessFile {
  return {
    size: -1,
    read(start, end, signal) {
      const src = file.read(0, Infinity, signal).pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>)
      const fr = new ForwardReader(src)
      let pos = start
      return new ReadableStream<Uint8Array>({
        async pull(c) {
          const want = Math.min(256 * 1024, end - pos)
          if (want <= 0) {
            await fr.close()
            c.close()
            return
          }
          const b = await fr.readAt(pos, want)
          if (b.byteLength === 0) {
            c.close()
            return
          }
          pos += b.byteLength
          c.enqueue(b)
        },
        cancel: () => fr.close(),
      })
    },
  }
}

/**
 * Open a tar archive (plain or gzip-wrapped) as a {@link FileAccess} over its members,
 * following symlinks and hard links inside the archive.
 *
 * @param file the archive
 * @param label the archive's name, for messages
 * @returns member access plus the member list
 * @throws StowawayError `ARCHIVE_INVALID`
 * @example
 * ```ts
 * import { openTarArchive, type RandomAccessFile } from '@stowaway/pull'
 * declare const file: RandomAccessFile
 * const { files } = await openTarArchive(file, 'image.tar')
 * const index = await files.open('index.json')
 * ```
 */
export async function openTarArchive(file: RandomAccessFile, label: string): Promise<{ files: FileAccess; members: Map<string, TarMember> }> {
  const head = await readRange(file, 0, 2)
  const tar = isGzip(head) ? gunzippedFile(file) : file
  let members: Map<string, TarMember>
  if (tar === file) {
    members = await indexTar(async (o, n) => (file.size >= 0 && o >= file.size ? new Uint8Array(0) : readRange(file, o, n)))
  } else {
    const fr = new ForwardReader(tar.read(0, Infinity))
    try {
      members = await indexTar((o, n) => fr.readAt(o, n))
    } finally {
      await fr.close()
    }
  }
  const resolve = (path: string): TarMember => {
    let name = normalizeMemberName(path)
    for (let hops = 0; hops < 16; hops++) {
      const m = members.get(name)
      if (!m) throw new StowawayError('NOT_FOUND', `Cannot open "${path}" in ${label}: no such member`)
      if (m.type === '2' && m.linkname) {
        const dir = name.includes('/') ? name.slice(0, name.lastIndexOf('/')) : ''
        name = normalizeMemberName(m.linkname.startsWith('/') ? m.linkname : `${dir}/${m.linkname}`)
      } else if (m.type === '1' && m.linkname) name = normalizeMemberName(m.linkname)
      else if (m.type === '0' || m.type === '7') return m
      else throw new StowawayError('ARCHIVE_INVALID', `Cannot open "${path}" in ${label}: not a regular file`)
    }
    throw new StowawayError('ARCHIVE_INVALID', `Cannot open "${path}" in ${label}: too many links`)
  }
  return {
    members,
    files: {
      async open(path) {
        const m = resolve(path)
        return {
          size: m.size,
          read: (s, e, signal) => tar.read(m.offset + s, m.offset + Math.min(e, m.size), signal),
        }
      },
    },
  }
}
