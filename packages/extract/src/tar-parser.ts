import { StowawayError } from '@stowaway/core'
import { checksumOk, isZeroBlock, kindOf, parsePax, readNumber, readString, type TarEntryHeader } from './tar-header.ts'

/**
 * Receives the entries a {@link TarParser} decodes.
 *
 * @example
 * ```ts
 * import type { TarHandler } from '@stowaway/extract'
 * const names: string[] = []
 * const h: TarHandler = { entry: (e) => (names.push(e.name), false) }
 * ```
 */
export interface TarHandler {
  /** Called once per entry; return true to receive its body through `body`. */
  entry(header: TarEntryHeader): boolean
  /** The whole body of an entry for which `entry` returned true. */
  body?(header: TarEntryHeader, bytes: Uint8Array): void
}

/** Limits of a {@link TarParser}. */
export interface TarParserOptions {
  /** Largest GNU long-name or PAX record block accepted (default 1 MiB). */
  maxMetaBytes?: number
}

const HEADER_ONLY = new Set(['1', '2', '3', '4', '5', '6'])

/**
 * A push-based tar reader (ustar, GNU long names/links, PAX extended headers, base-256
 * sizes). Bodies are either collected into one exactly-sized buffer, when the handler
 * asks for them, or skipped without buffering, so memory stays bounded by what the
 * caller requests. Feed chunks with `push`, then call `end`.
 *
 * @example
 * ```ts
 * import { TarParser } from '@stowaway/extract'
 * const p = new TarParser({ entry: (h) => h.name === 'etc/os-release', body: (h, b) => console.log(b.length) })
 * p.push(new Uint8Array(1024))
 * p.end()
 * ```
 */
export class TarParser {
  /** Entries seen so far (not counting metadata headers). */
  entries = 0
  /** Whether the end-of-archive marker was seen. */
  ended = false
  private readonly handler: TarHandler
  private readonly maxMeta: number
  private state: 'header' | 'body' | 'meta' | 'pad' | 'end' = 'header'
  private readonly hbuf = new Uint8Array(512)
  private hfill = 0
  private remaining = 0
  private pad = 0
  private collect: Uint8Array | undefined
  private cfill = 0
  private current: TarEntryHeader | undefined
  private metaFlag = ''
  private longName: string | undefined
  private longLink: string | undefined
  private pax: Map<string, string> | undefined
  private globalPax: Map<string, string> | undefined
  private zeros = 0

  /**
   * @param handler receives entries and requested bodies
   * @param options limits
   */
  constructor(handler: TarHandler, options: TarParserOptions = {}) {
    this.handler = handler
    this.maxMeta = options.maxMetaBytes ?? 1 << 20
  }

  /**
   * Feed the next chunk of the (decompressed) archive.
   *
   * @param chunk bytes in archive order
   * @throws {StowawayError} `ARCHIVE_INVALID` on a bad header checksum or malformed metadata
   */
  push(chunk: Uint8Array): void {
    let pos = 0
    const len = chunk.length
    while (pos < len) {
      switch (this.state) {
        case 'end':
          return
        case 'header': {
          if (this.hfill === 0 && len - pos >= 512) {
            this.onHeader(chunk.subarray(pos, pos + 512))
            pos += 512
          } else {
            const n = Math.min(512 - this.hfill, len - pos)
            this.hbuf.set(chunk.subarray(pos, pos + n), this.hfill)
            this.hfill += n
            pos += n
            if (this.hfill === 512) {
              this.hfill = 0
              this.onHeader(this.hbuf)
            }
          }
          break
        }
        case 'body':
        case 'meta': {
          const n = Math.min(this.remaining, len - pos)
          if (this.collect) {
            this.collect.set(chunk.subarray(pos, pos + n), this.cfill)
            this.cfill += n
          }
          this.remaining -= n
          pos += n
          if (this.remaining === 0) this.finishBody()
          break
        }
        case 'pad': {
          const n = Math.min(this.pad, len - pos)
          this.pad -= n
          pos += n
          if (this.pad === 0) this.state = 'header'
          break
        }
      }
    }
  }

  /**
   * Signal the end of input.
   *
   * @throws {StowawayError} `ARCHIVE_INVALID` when the archive stops inside a header or body
   */
  end(): void {
    if (this.state === 'end' || (this.state === 'header' && this.hfill === 0)) return
    if (this.state === 'pad') return // final padding missing: the last body was complete
    const where = this.current ? ` inside "${this.current.name}"` : ''
    throw new StowawayError('ARCHIVE_INVALID', `Cannot read tar: archive is truncated${where}`)
  }

  private onHeader(block: Uint8Array): void {
    if (isZeroBlock(block)) {
      if (++this.zeros >= 2) this.state = 'end'
      return
    }
    this.zeros = 0
    if (!checksumOk(block)) {
      throw new StowawayError('ARCHIVE_INVALID', `Cannot read tar: bad header checksum after ${this.entries} entries`)
    }
    const typeflag = String.fromCharCode(block[156]!)
    let size = readNumber(block, 124, 12)
    if (!Number.isFinite(size) || size < 0) throw new StowawayError('ARCHIVE_INVALID', 'Cannot read tar: bad size field')
    if (typeflag === 'L' || typeflag === 'K' || typeflag === 'x' || typeflag === 'g') {
      if (size > this.maxMeta) {
        throw new StowawayError('ARCHIVE_INVALID', `Cannot read tar: ${typeflag} metadata of ${size} bytes exceeds ${this.maxMeta}`)
      }
      this.metaFlag = typeflag
      this.startBody(size, true, 'meta')
      return
    }
    // POSIX ustar splits long names into prefix + name; GNU tar reuses those bytes.
    const magic = readString(block, 257, 6)
    const version = readString(block, 263, 2)
    let name = readString(block, 0, 100)
    if (magic === 'ustar' && version !== ' ') {
      const prefix = readString(block, 345, 155)
      if (prefix) name = prefix + '/' + name
    }
    let linkname = readString(block, 157, 100)
    const pax = this.pax
    const gpax = this.globalPax
    const pick = (k: string) => pax?.get(k) ?? gpax?.get(k)
    if (this.longName !== undefined) name = this.longName
    if (this.longLink !== undefined) linkname = this.longLink
    const pPath = pick('path')
    if (pPath !== undefined) name = pPath
    const pLink = pick('linkpath')
    if (pLink !== undefined) linkname = pLink
    const pSize = pick('size')
    if (pSize !== undefined) {
      const n = Number(pSize)
      if (!Number.isSafeInteger(n) || n < 0) throw new StowawayError('ARCHIVE_INVALID', `Cannot read tar: bad PAX size "${pSize}"`)
      size = n
    }
    this.longName = this.longLink = this.pax = undefined
    const mode = readNumber(block, 100, 8)
    let kind = kindOf(typeflag)
    // Pre-POSIX (v7) archives mark directories only by a trailing slash.
    if (kind === 'file' && name.endsWith('/') && (typeflag === '0' || typeflag === '\0')) kind = 'dir'
    const header: TarEntryHeader = {
      name,
      kind,
      size: HEADER_ONLY.has(typeflag) || kind === 'dir' ? 0 : size,
      mode: Number.isNaN(mode) ? 0 : mode,
      linkname,
      typeflag,
    }
    this.entries++
    this.current = header
    const want = this.handler.entry(header)
    this.startBody(header.size, want, 'body')
  }

  private startBody(size: number, collect: boolean, state: 'body' | 'meta'): void {
    this.remaining = size
    this.pad = (512 - (size % 512)) % 512
    this.collect = collect ? new Uint8Array(size) : undefined
    this.cfill = 0
    this.state = state
    if (size === 0) this.finishBody()
  }

  private finishBody(): void {
    const bytes = this.collect
    const wasMeta = this.state === 'meta'
    this.collect = undefined
    this.state = this.pad ? 'pad' : 'header'
    if (wasMeta) {
      const b = bytes!
      if (this.metaFlag === 'L' || this.metaFlag === 'K') {
        let end = b.indexOf(0)
        if (end < 0) end = b.length
        const s = new TextDecoder().decode(b.subarray(0, end))
        if (this.metaFlag === 'L') this.longName = s
        else this.longLink = s
      } else if (this.metaFlag === 'x') this.pax = parsePax(b)
      else this.globalPax = new Map([...(this.globalPax ?? []), ...parsePax(b)])
      return
    }
    if (bytes && this.handler.body) this.handler.body(this.current!, bytes)
  }
}
