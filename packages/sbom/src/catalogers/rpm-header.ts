import { StowawayError } from '@stowaway/core'

/**
 * The facts Stowaway keeps from one installed rpm header.
 *
 * @example
 * ```ts
 * import type { RpmHeaderInfo } from '@stowaway/sbom'
 * const h: RpmHeaderInfo = { name: 'bash', version: '5.1.8', release: '6.el9', arch: 'x86_64' }
 * ```
 */
export interface RpmHeaderInfo {
  name: string
  version: string
  release: string
  /** Absent when the header has no EPOCH tag (rpm treats that as 0). */
  epoch?: number
  arch?: string
  /** e.g. `bash-5.1.8-6.el9.src.rpm`; absent for gpg-pubkey pseudo packages. */
  sourceRpm?: string
  license?: string
  vendor?: string
  size?: number
  modularityLabel?: string
}

// Tag numbers and type codes from the rpm header format (lib/rpmtag.h).
const TAG = { name: 1000, version: 1001, release: 1002, epoch: 1003, size: 1009, vendor: 1011, license: 1014, arch: 1022, sourceRpm: 1044, modularityLabel: 5096 }
const T_INT32 = 4
const T_STRING = 6
const T_STRING_ARRAY = 8
const T_I18NSTRING = 9
// rpm itself refuses headers beyond these (HEADER_TAGS_MAX / HEADER_DATA_MAX).
const MAX_TAGS = 0xffff
const MAX_DATA = 256 * 1024 * 1024

const bad = (state: string) => new StowawayError('ARCHIVE_INVALID', `Cannot parse rpm header: ${state}`)

/**
 * Parse an rpm header blob as stored in the rpm databases (no lead, no header magic):
 * big-endian index count, data length, 16-byte index entries, then the data store.
 * Every offset is bounds-checked.
 *
 * @param blob the header bytes
 * @returns name, version, release, epoch, arch, source rpm, license …
 * @throws {StowawayError} `ARCHIVE_INVALID` when the blob is truncated, an entry points
 *   outside the data store, or NAME/VERSION/RELEASE are missing
 * @example
 * ```ts
 * import { parseRpmHeader } from '@stowaway/sbom'
 * declare const blob: Uint8Array
 * const { name, version, release } = parseRpmHeader(blob)
 * ```
 */
export function parseRpmHeader(blob: Uint8Array): RpmHeaderInfo {
  if (blob.length < 8) throw bad(`${blob.length} bytes is shorter than its preamble`)
  const dv = new DataView(blob.buffer, blob.byteOffset, blob.byteLength)
  const il = dv.getUint32(0)
  const dl = dv.getUint32(4)
  if (il > MAX_TAGS || dl > MAX_DATA) throw bad(`index count ${il} or data length ${dl} out of range`)
  const dataStart = 8 + il * 16
  if (dataStart + dl > blob.length) throw bad(`needs ${dataStart + dl} bytes, has ${blob.length}`)
  const data = blob.subarray(dataStart, dataStart + dl)
  const dec = new TextDecoder()

  const strAt = (off: number): string => {
    if (off < 0 || off >= dl) throw bad(`string offset ${off} outside data of ${dl} bytes`)
    const end = data.indexOf(0, off)
    if (end < 0) throw bad(`string at ${off} is not terminated`)
    return dec.decode(data.subarray(off, end))
  }
  const out: Partial<RpmHeaderInfo> = {}
  for (let i = 0; i < il; i++) {
    const e = 8 + i * 16
    const tag = dv.getInt32(e)
    const type = dv.getUint32(e + 4)
    const off = dv.getInt32(e + 8)
    const count = dv.getUint32(e + 12)
    // rpm's own header check rejects any entry pointing outside the data store.
    if (off < 0 || off > dl || type > T_I18NSTRING) throw bad(`tag ${tag} has type ${type} and offset ${off} outside data of ${dl} bytes`)
    let key: keyof RpmHeaderInfo | undefined
    for (const k in TAG) if (TAG[k as keyof typeof TAG] === tag) key = k as keyof RpmHeaderInfo
    if (!key) continue
    const wantsInt = key === 'epoch' || key === 'size'
    if (wantsInt && type === T_INT32) {
      if (off < 0 || off + 4 > dl || count < 1) throw bad(`int32 tag ${tag} at offset ${off} outside data of ${dl} bytes`)
      ;(out as Record<string, unknown>)[key] = dv.getUint32(dataStart + off)
    } else if (!wantsInt && (type === T_STRING || type === T_I18NSTRING || type === T_STRING_ARRAY)) {
      ;(out as Record<string, unknown>)[key] = strAt(off)
    }
  }
  if (out.name === undefined || out.version === undefined || out.release === undefined) {
    throw bad('NAME, VERSION or RELEASE tag missing')
  }
  return out as RpmHeaderInfo
}
