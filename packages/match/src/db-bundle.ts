import { StowawayError } from '@stowaway/core'
import { AdvisoryDb } from './db.ts'

/** First bytes of a single-file DB bundle: `STWDBv1\n`. */
export const DB_BUNDLE_MAGIC: Uint8Array = new TextEncoder().encode('STWDBv1\n')

interface BundleEntry {
  name: string
  offset: number
  length: number
}

/**
 * Whether `bytes` start like a single-file DB bundle.
 *
 * @param bytes file contents (the first 8 bytes suffice)
 * @returns true for a bundle
 * @example
 * ```ts
 * import { isDbBundle } from '@stowaway/match'
 * isDbBundle(new TextEncoder().encode('STWDBv1\n…')) // true
 * ```
 */
export function isDbBundle(bytes: Uint8Array): boolean {
  if (bytes.length < DB_BUNDLE_MAGIC.length) return false
  for (let i = 0; i < DB_BUNDLE_MAGIC.length; i++) if (bytes[i] !== DB_BUNDLE_MAGIC[i]) return false
  return true
}

/**
 * Pack a DB directory's files (`manifest.json` and the shards) into one file: the magic,
 * a little-endian u32 index length, a JSON index `[{ name, offset, length }]`, then the
 * files back to back. The shards keep their own checksums, which `AdvisoryDb.open`
 * verifies, so the container adds none.
 *
 * @param files name → bytes, as `buildDb` returns them in `files`
 * @returns the bundle bytes
 * @example
 * ```ts
 * import { buildDb, encodeDbBundle } from '@stowaway/match'
 * const bundle = encodeDbBundle((await buildDb([], { sources: [] })).files)
 * ```
 */
export function encodeDbBundle(files: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const names = [...files.keys()].sort()
  const entries: BundleEntry[] = []
  let offset = 0
  for (const name of names) {
    const length = files.get(name)!.length
    entries.push({ name, offset, length })
    offset += length
  }
  const index = new TextEncoder().encode(JSON.stringify(entries))
  const head = DB_BUNDLE_MAGIC.length + 4 + index.length
  const out = new Uint8Array(head + offset)
  out.set(DB_BUNDLE_MAGIC, 0)
  new DataView(out.buffer).setUint32(DB_BUNDLE_MAGIC.length, index.length, true)
  out.set(index, DB_BUNDLE_MAGIC.length + 4)
  for (const e of entries) out.set(files.get(e.name)!, head + e.offset)
  return out
}

/**
 * Split a bundle back into its files, checking every bound.
 *
 * @param bytes bundle contents
 * @returns name → bytes (views into `bytes`, no copies)
 * @throws {StowawayError} `DB_INVALID` for a truncated or malformed bundle
 * @example
 * ```ts
 * import { decodeDbBundle } from '@stowaway/match'
 * declare const bundle: Uint8Array
 * decodeDbBundle(bundle).get('manifest.json')
 * ```
 */
export function decodeDbBundle(bytes: Uint8Array): Map<string, Uint8Array> {
  const bad = (why: string) => new StowawayError('DB_INVALID', `Cannot open DB bundle: ${why}`)
  if (!isDbBundle(bytes)) throw bad('no "STWDBv1" magic')
  if (bytes.length < DB_BUNDLE_MAGIC.length + 4) throw bad('truncated header')
  const indexLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(DB_BUNDLE_MAGIC.length, true)
  const head = DB_BUNDLE_MAGIC.length + 4 + indexLength
  if (head > bytes.length) throw bad(`index of ${indexLength} bytes runs past the end`)
  let entries: unknown
  try {
    entries = JSON.parse(new TextDecoder().decode(bytes.subarray(DB_BUNDLE_MAGIC.length + 4, head)))
  } catch {
    throw bad('index is not JSON')
  }
  if (!Array.isArray(entries)) throw bad('index is not a list')
  const files = new Map<string, Uint8Array>()
  for (const e of entries as BundleEntry[]) {
    const ok =
      e && typeof e.name === 'string' && Number.isSafeInteger(e.offset) && Number.isSafeInteger(e.length) && e.offset >= 0 && e.length >= 0
    if (!ok) throw bad('malformed index entry')
    if (head + e.offset + e.length > bytes.length) throw bad(`"${e.name}" runs past the end (truncated file?)`)
    files.set(e.name, bytes.subarray(head + e.offset, head + e.offset + e.length))
  }
  return files
}

/**
 * Open a single-file DB bundle (for `scan --db FILE`, or one `fetch` in a browser).
 *
 * @param bytes bundle contents
 * @returns the opened DB; shard checksums are verified as for a directory
 * @throws {StowawayError} `DB_INVALID` for a malformed bundle, `NOT_FOUND` for a missing member
 * @example
 * ```ts
 * import { openDbBundle } from '@stowaway/match'
 * const db = await openDbBundle(new Uint8Array(await (await fetch('/stowaway.stwdb')).arrayBuffer()))
 * ```
 */
export function openDbBundle(bytes: Uint8Array): Promise<AdvisoryDb> {
  const files = decodeDbBundle(bytes)
  return AdvisoryDb.open(async (name) => {
    const f = files.get(name)
    if (!f) throw new StowawayError('NOT_FOUND', `Cannot open DB bundle: it has no "${name}"`)
    return f
  })
}
