import { StowawayError } from '@stowaway/core'
import { SCHEME_COUNT, sortKey } from '@stowaway/version'
import type { SchemeId } from '@stowaway/version'

/**
 * Layout of a shard's match region (docs/db-format.md, "Match region"): the part of a
 * shard the WASM matcher walks in place — package index, entries, ranges, events,
 * listed versions, the version/key strings they point at, and the advisory record
 * offsets. Every field is a little-endian u32; record sizes are in u32 words.
 *
 * @example
 * ```ts
 * import { REGION } from '@stowaway/match'
 * REGION.ENTRY_WORDS // 8
 * ```
 */
export const REGION = {
  /** `SWMR`. */
  MAGIC: 0x524d5753,
  HEADER_WORDS: 24,
  /** key string, first entry, entry count, reserved. */
  PACKAGE_WORDS: 4,
  /** advisory, metadata offset, first range, range count, first listed, listed count, flags, key scheme. */
  ENTRY_WORDS: 8,
  /** flags, type (metadata string ref), first event, event count. */
  RANGE_WORDS: 4,
  /** kind and flags, version string, key offset, key length. */
  EVENT_WORDS: 4,
  /** Entry flag: native or nativeUnaffected expressions, decided by the TypeScript range parsers. */
  ENTRY_NATIVE: 1,
  /** Entry flag: an earlier entry under the same key has the same advisory and name (lookups skip it). */
  ENTRY_DUPLICATE: 2,
  /** Range flag: SEMVER (a leading `v` ignored on both sides). */
  RANGE_SEMVER: 1,
  /** Event flag: `introduced: "0"`. */
  EVENT_ZERO: 4,
  /** Event flag: empty version (bounds nothing). */
  EVENT_EMPTY: 8,
  /** Event flag: `limit: "*"`. */
  EVENT_STAR: 16,
  /** Hash table slots per package key, at least (rounded up to a power of two). */
  HASH_LOAD: 2,
  /** Key length meaning "no pre-parsed key": compare the version strings. */
  NO_KEY: 0xffffffff,
  /** Key scheme meaning "keys were not built for any scheme". */
  NO_SCHEME: 0xff,
} as const

/**
 * Header word indices of a match region.
 *
 * @example
 * ```ts
 * import { REGION_HEADER as H } from '@stowaway/match'
 * declare const u32: Uint32Array
 * const packages = u32[H.PACKAGES]
 * ```
 */
export const H = {
  MAGIC: 0,
  PACKAGES: 1,
  PACKAGE_TABLE: 2,
  ENTRIES: 3,
  ENTRY_TABLE: 4,
  RANGES: 5,
  RANGE_TABLE: 6,
  EVENTS: 7,
  EVENT_TABLE: 8,
  LISTED: 9,
  LISTED_TABLE: 10,
  STRINGS: 11,
  STRING_OFFSETS: 12,
  STRING_BYTES: 13,
  ADVISORIES: 14,
  ADVISORY_OFFSETS: 15,
  KEY_BYTES: 16,
  KEY_BYTES_LENGTH: 17,
  HASH_SLOTS: 18,
  HASH_TABLE: 19,
  /** {@link keyFingerprint} of the key scheme's keys when the shard was built. */
  KEY_PRINT: 20,
  /** The same for SemVer keys (SEMVER ranges). */
  SEMVER_KEY_PRINT: 21,
  /** The scheme ECOSYSTEM events were keyed in, or REGION.NO_SCHEME. */
  KEY_SCHEME: 22,
} as const

// Versions whose keys exercise every layout feature of every scheme (epochs, tildes,
// revisions, pre-releases, qualifiers, build metadata, dev branches …): a change of any
// key layout changes some of these keys, hence the fingerprint.
const PROBES = [
  '0', '1', '1.0', '1.0.0', '01.2', '1.2.3', '10.20.30.40', '1.2.3-alpha', '1.2.3-alpha.1', '1.2.3-0.rc.1+build.5', '1.2.3+meta',
  'v1.2.3', '1:2.3-4', '2:1.0~rc1-1ubuntu2', '1.0+dfsg-1~deb11u1', '1.0-1.el8_4', '0:1.2-3.fc38', '1.0^git1', '1.0-r1', '1.0_p1-r2',
  '1.0_alpha1_pre2', '1.0a', '1.0.0a1', '1.0b2.post3.dev4', '1!2.0', '1.0rc1+local.7', '1.0-SNAPSHOT', '1.0.Final', '2.0-m1',
  '1.0-2.1', '3.2.0-1', '2.7.7_5', '1.0.0.pre', '1.0.a.1', '1.0-beta-2', '2.0.0-preview.1', 'dev-master', '1.0.0-dev', '1.0.0-beta2',
  '1.0.0-RC1', '1.0.0p1', '1.2-3', '0.1.0-alpha+001', 'go1.21.3', '1.21rc2', 'v0.0.0-20200101000000-abcdef123456', '1.0.0-ä',
]

const prints = new Map<SchemeId, number>()

/**
 * Fingerprint of a scheme's sort-key layout: FNV-1a over the keys of a fixed probe set.
 * Shards record it; a reader whose keys differ (a DB built by another release) ignores
 * the stored keys and compares version strings, which gives the same answers.
 *
 * @param scheme a scheme
 * @returns a 32-bit fingerprint
 * @example
 * ```ts
 * import { keyFingerprint } from '@stowaway/match'
 * import { Scheme } from '@stowaway/version'
 * keyFingerprint(Scheme.Dpkg) === keyFingerprint(Scheme.Dpkg) // true
 * ```
 */
export function keyFingerprint(scheme: SchemeId): number {
  let h = prints.get(scheme)
  if (h === undefined) {
    h = 0x811c9dc5
    for (const p of PROBES) {
      const k = sortKey(scheme, p)
      const len = k ? k.length + 1 : 0
      h = Math.imul(h ^ (len & 0xff), 0x01000193) >>> 0
      h = Math.imul(h ^ (len >>> 8), 0x01000193) >>> 0
      for (const b of k ?? []) h = Math.imul(h ^ b, 0x01000193) >>> 0
    }
    prints.set(scheme, h)
  }
  return h
}

/**
 * FNV-1a (32-bit) of UTF-8 bytes: the hash of the region's package-key table.
 *
 * @param b key bytes
 * @returns the hash
 * @example
 * ```ts
 * import { fnv1a } from '@stowaway/match'
 * fnv1a(new TextEncoder().encode('a')) // 0xe40c292c
 * ```
 */
export function fnv1a(b: Uint8Array): number {
  let h = 0x811c9dc5
  for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b[i]!, 0x01000193) >>> 0
  return h
}

/**
 * Table views over a validated match region (word offsets into `u32`).
 *
 * @example
 * ```ts
 * import type { RegionView } from '@stowaway/match'
 * const entryFlags = (v: RegionView, i: number) => v.u32[v.entryTable + i * 8 + 6]
 * ```
 */
export interface RegionView {
  /** The region as u32 words (little-endian host). */
  u32: Uint32Array
  /** The region's bytes. */
  bytes: Uint8Array
  packages: number
  entries: number
  ranges: number
  events: number
  listed: number
  strings: number
  advisories: number
  /** Word offsets of the tables. */
  packageTable: number
  entryTable: number
  rangeTable: number
  eventTable: number
  listedTable: number
  stringOffsets: number
  /** Byte offset of the string bytes. */
  stringBytes: number
  advisoryOffsets: number
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1

/**
 * Check every count, offset and index of a match region, so that neither the
 * TypeScript decoder nor the WASM matcher can read outside it.
 *
 * @param ecosystem shard key for messages
 * @param region the region bytes (copied when not 4-byte aligned)
 * @param bodyLength length of the body the metadata offsets point into
 * @param metaStrings number of metadata strings (range type refs)
 * @returns views of the tables
 * @throws {StowawayError} `DB_INVALID` on any inconsistency
 * @example
 * ```ts
 * import { validateRegion } from '@stowaway/match'
 * declare const region: Uint8Array
 * validateRegion('pypi', region, 1 << 20, 10).packages
 * ```
 */
export function validateRegion(ecosystem: string, region: Uint8Array, bodyLength: number, metaStrings: number): RegionView {
  const bad = (why: string) => new StowawayError('DB_INVALID', `Cannot load DB shard "${ecosystem}": match region ${why}`)
  if (!LITTLE_ENDIAN) throw new StowawayError('DB_INVALID', `Cannot load DB shard "${ecosystem}": big-endian hosts are not supported`)
  if (region.byteLength % 4 !== 0 || region.byteLength < REGION.HEADER_WORDS * 4) throw bad('is truncated')
  const bytes = region.byteOffset % 4 === 0 ? region : region.slice()
  const u32 = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4)
  const words = u32.length
  if (u32[H.MAGIC] !== REGION.MAGIC) throw bad('has no SWMR magic')
  const table = (countAt: number, at: number, size: number, what: string): [number, number] => {
    const n = u32[countAt]!
    const off = u32[at]!
    if (off < REGION.HEADER_WORDS || off > words || n > (words - off) / size) throw bad(`${what} table runs past the end`)
    return [n, off]
  }
  const [packages, packageTable] = table(H.PACKAGES, H.PACKAGE_TABLE, REGION.PACKAGE_WORDS, 'package')
  const [entries, entryTable] = table(H.ENTRIES, H.ENTRY_TABLE, REGION.ENTRY_WORDS, 'entry')
  const [ranges, rangeTable] = table(H.RANGES, H.RANGE_TABLE, REGION.RANGE_WORDS, 'range')
  const [events, eventTable] = table(H.EVENTS, H.EVENT_TABLE, REGION.EVENT_WORDS, 'event')
  const [listed, listedTable] = table(H.LISTED, H.LISTED_TABLE, 1, 'listed-version')
  const [advisories, advisoryOffsets] = table(H.ADVISORIES, H.ADVISORY_OFFSETS, 1, 'advisory')
  const strings = u32[H.STRINGS]!
  const stringOffsets = u32[H.STRING_OFFSETS]!
  if (stringOffsets < REGION.HEADER_WORDS || strings >= words || stringOffsets > words - strings - 1) throw bad('string table runs past the end')
  const stringBytes = u32[H.STRING_BYTES]!
  const keyBytes = u32[H.KEY_BYTES]!
  const keyLength = u32[H.KEY_BYTES_LENGTH]!
  if (stringBytes > bytes.byteLength || keyBytes > bytes.byteLength || keyLength > bytes.byteLength - keyBytes) throw bad('string bytes run past the end')
  let prev = 0
  for (let i = 0; i <= strings; i++) {
    const o = u32[stringOffsets + i]!
    if (o < prev || o > bytes.byteLength - stringBytes) throw bad(`string ${i} runs past the end`)
    prev = o
  }
  const within = (first: number, n: number, limit: number) => first <= limit && n <= limit - first
  for (let i = 0; i < packages; i++) {
    const p = packageTable + i * REGION.PACKAGE_WORDS
    if (u32[p]! >= strings || !within(u32[p + 1]!, u32[p + 2]!, entries)) throw bad(`package ${i} is out of range`)
  }
  for (let i = 0; i < entries; i++) {
    const e = entryTable + i * REGION.ENTRY_WORDS
    if (u32[e]! >= advisories || u32[e + 1]! >= bodyLength || !within(u32[e + 2]!, u32[e + 3]!, ranges) || !within(u32[e + 4]!, u32[e + 5]!, listed)) throw bad(`entry ${i} is out of range`)
  }
  for (let i = 0; i < ranges; i++) {
    const r = rangeTable + i * REGION.RANGE_WORDS
    if (u32[r + 1]! >= metaStrings || !within(u32[r + 2]!, u32[r + 3]!, events)) throw bad(`range ${i} is out of range`)
  }
  for (let i = 0; i < events; i++) {
    const v = eventTable + i * REGION.EVENT_WORDS
    const keyLen = u32[v + 3]!
    if (u32[v]! > 31 || u32[v + 1]! >= strings || (keyLen !== REGION.NO_KEY && !within(u32[v + 2]!, keyLen, keyLength))) throw bad(`event ${i} is out of range`)
  }
  for (let i = 0; i < listed; i++) if (u32[listedTable + i]! >= strings) throw bad(`listed version ${i} is out of range`)
  const slots = u32[H.HASH_SLOTS]!
  const hashTable = u32[H.HASH_TABLE]!
  if (slots === 0 || (slots & (slots - 1)) !== 0 || slots <= packages || hashTable < REGION.HEADER_WORDS || hashTable > words - slots) throw bad('hash table is malformed')
  let empty = 0
  for (let i = 0; i < slots; i++) {
    const v = u32[hashTable + i]!
    if (v > packages) throw bad(`hash slot ${i} is out of range`)
    if (v === 0) empty++
  }
  // Probing stops at an empty slot: a table without one would never end a miss.
  if (empty === 0) throw bad('hash table has no empty slot')
  const keyScheme = u32[H.KEY_SCHEME]!
  if (keyScheme !== REGION.NO_SCHEME && keyScheme >= SCHEME_COUNT) throw bad(`key scheme ${keyScheme} is unknown`)
  for (let i = 0; i < advisories; i++) if (u32[advisoryOffsets + i]! >= bodyLength) throw bad(`advisory ${i} is out of range`)
  return { u32, bytes, packages, entries, ranges, events, listed, strings, advisories, packageTable, entryTable, rangeTable, eventTable, listedTable, stringOffsets, stringBytes, advisoryOffsets }
}

/**
 * Compare two UTF-8 byte strings (the order package keys are stored in).
 *
 * @param a first bytes
 * @param b second bytes
 * @returns negative, 0 or positive
 * @example
 * ```ts
 * import { compareBytes } from '@stowaway/match'
 * compareBytes(new Uint8Array([1]), new Uint8Array([1, 0])) // < 0
 * ```
 */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!
  return a.length - b.length
}
