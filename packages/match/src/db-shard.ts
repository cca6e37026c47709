import { SEVERITIES, StowawayError } from '@stowaway/core'
import { Scheme, findSchemeForEcosystem, sortKey } from '@stowaway/version'
import type { OsvEvent, OsvRange, SchemeId } from '@stowaway/version'
import type { Advisory, AdvisorySeverity, AffectedPackage } from './advisory.ts'
import { ByteReader, ByteWriter } from './bytes.ts'
import { H, REGION, compareBytes, fnv1a, keyFingerprint, validateRegion } from './match-region.ts'
import type { RegionView } from './match-region.ts'
import { normalisePackageName } from './package-name.ts'

/** Shard file magic: `SWDB`. */
export const SHARD_MAGIC = 0x42445753
/** Version of the shard layout written by this code; loading refuses others. */
export const SHARD_FORMAT = 3

const EVENT_KEYS = ['introduced', 'fixed', 'last_affected', 'limit'] as const
const STATUS = [undefined, 'not-fixed', 'wont-fix'] as const
/** Body header: region offset, region length, metadata string count, offsets table, bytes. */
const BODY_HEADER = 32

const enc = new TextEncoder()

function align(w: ByteWriter, to: number): void {
  while (w.length % to !== 0) w.bytes(new Uint8Array(1))
}

/**
 * Serialise the advisories of one ecosystem into an uncompressed shard body (see
 * docs/db-format.md): a fixed header, the varint metadata records only JavaScript
 * decodes (advisories, per-entry display fields), the metadata string table, then the
 * flat u32 match region the WASM matcher walks in place.
 *
 * @param ecosystem the shard's ecosystem key
 * @param records advisories, each with only its entries for this ecosystem
 * @returns the body bytes
 * @example
 * ```ts
 * import { encodeShardBody } from '@stowaway/match'
 * const body = encodeShardBody('alpine:v3.9', [])
 * ```
 */
export function encodeShardBody(ecosystem: string, records: Advisory[]): Uint8Array {
  // Metadata strings: 1-based, 0 = absent.
  const metaStrings = new Map<string, number>()
  const s = (x: string | undefined): number => {
    if (x === undefined) return 0
    let i = metaStrings.get(x)
    if (i === undefined) metaStrings.set(x, (i = metaStrings.size + 1))
    return i
  }
  // Match strings (versions, package keys): 0-based.
  const matchStrings = new Map<string, number>()
  const m = (x: string): number => {
    let i = matchStrings.get(x)
    if (i === undefined) matchStrings.set(x, (i = matchStrings.size))
    return i
  }
  const list = (w: ByteWriter, xs: readonly string[] | undefined) => {
    w.uint(xs?.length ?? 0)
    for (const x of xs ?? []) w.uint(s(x))
  }
  const sev = (w: ByteWriter, v: AdvisorySeverity) => {
    w.uint(s(v.type))
    w.uint(s(v.vector))
    w.uint(v.score === undefined ? 0 : Math.round(v.score * 10) + 1)
    w.uint(v.rating === undefined ? 0 : SEVERITIES.indexOf(v.rating) + 1)
    w.uint(s(v.source))
  }
  const meta = new ByteWriter(1 << 16)
  const advOffsets: number[] = []
  interface PendingEntry {
    advisory: number
    name: string
    meta: number
    native: boolean
    ranges: OsvRange[]
    versions: string[]
  }
  const byPackage = new Map<string, PendingEntry[]>()
  records.forEach((a, ai) => {
    advOffsets.push(BODY_HEADER + meta.length)
    meta.uint(s(a.id))
    list(meta, a.aliases)
    list(meta, a.related)
    meta.uint(s(a.summary))
    meta.uint(s(a.published))
    meta.uint(s(a.modified))
    meta.uint(a.severities.length)
    for (const v of a.severities) sev(meta, v)
    list(meta, a.references)
    for (const e of a.affected) {
      const at = BODY_HEADER + meta.length
      meta.uint(s(e.name))
      meta.uint(s(e.purl))
      list(meta, e.native)
      list(meta, e.nativeUnaffected)
      list(meta, e.fixed)
      meta.uint(STATUS.indexOf(e.status))
      meta.uint(e.severity ? 1 : 0)
      if (e.severity) sev(meta, e.severity)
      meta.uint(s(e.cpe))
      const key = normalisePackageName(ecosystem, e.name)
      let l = byPackage.get(key)
      if (!l) byPackage.set(key, (l = []))
      l.push({ advisory: ai, name: e.name, meta: at, native: !!(e.native?.length || e.nativeUnaffected?.length), ranges: e.ranges ?? [], versions: e.versions ?? [] })
    }
  })
  // Range type strings go in the metadata table too; intern them before it is written.
  for (const l of byPackage.values()) for (const e of l) for (const r of e.ranges) s(r.type)

  // Pre-parsed event versions: the sort key of the string each event compares with
  // (a SEMVER bound without its leading v), once per distinct (scheme, string).
  const scheme = findSchemeForEcosystem(ecosystem)
  const keyParts: Uint8Array[] = []
  let keyTotal = 0
  const keyAt = new Map<string, [number, number]>()
  const keyOf = (sc: SchemeId, v: string): [number, number] => {
    const id = sc + '\0' + v
    let k = keyAt.get(id)
    if (!k) {
      const key = sortKey(sc, v)
      k = key ? [keyTotal, key.length] : [0, REGION.NO_KEY]
      if (key) {
        keyParts.push(key)
        keyTotal += key.length
      }
      keyAt.set(id, k)
    }
    return k
  }

  // The match region.
  const keys = [...byPackage.keys()].map((k) => ({ k, b: enc.encode(k) })).sort((x, y) => compareBytes(x.b, y.b))
  const pkgT: number[] = []
  const entT: number[] = []
  const rngT: number[] = []
  const evT: number[] = []
  const lstT: number[] = []
  for (const { k } of keys) {
    // In advisory id order (stable): the bulk matcher relies on it to skip sorting a
    // package's findings.
    const entries = byPackage.get(k)!.sort((x, y) => {
      const a = records[x.advisory]!.id
      const b = records[y.advisory]!.id
      return a < b ? -1 : a > b ? 1 : 0
    })
    pkgT.push(m(k), entT.length / REGION.ENTRY_WORDS, entries.length, 0)
    const seen = new Set<string>()
    for (const e of entries) {
      const id = e.advisory + '\0' + e.name
      let flags = e.native ? REGION.ENTRY_NATIVE : 0
      if (seen.has(id)) flags |= REGION.ENTRY_DUPLICATE
      seen.add(id)
      entT.push(e.advisory, e.meta, rngT.length / REGION.RANGE_WORDS, e.ranges.length, lstT.length, e.versions.length, flags, scheme ?? REGION.NO_SCHEME)
      for (const r of e.ranges) {
        const semver = r.type === 'SEMVER'
        rngT.push(semver ? REGION.RANGE_SEMVER : 0, s(r.type), evT.length / REGION.EVENT_WORDS, r.events.length)
        for (const ev of r.events) {
          const kind = EVENT_KEYS.findIndex((key) => ev[key] !== undefined)
          const raw = kind < 0 ? '0' : String(ev[EVENT_KEYS[kind]!])
          let f = kind < 0 ? 0 : kind
          if (f === 0 && raw === '0') f |= REGION.EVENT_ZERO
          if (raw === '') f |= REGION.EVENT_EMPTY
          if (f === 3 && raw === '*') f |= REGION.EVENT_STAR
          const sc = semver ? Scheme.Semver : scheme
          const [ko, kl] = f & (REGION.EVENT_ZERO | REGION.EVENT_EMPTY) || sc === undefined ? [0, REGION.NO_KEY] : keyOf(sc, semver && /^[vV]/.test(raw) ? raw.slice(1) : raw)
          evT.push(f, m(raw), ko, kl)
        }
      }
      for (const v of e.versions) lstT.push(m(v))
    }
  }
  const strBytes = [...matchStrings.keys()].map((x) => enc.encode(x))
  const strOffs: number[] = [0]
  let total = 0
  for (const b of strBytes) strOffs.push((total += b.length))
  const header = new Array<number>(REGION.HEADER_WORDS).fill(0)
  const words: number[][] = []
  let at = REGION.HEADER_WORDS
  const place = (t: number[]) => {
    words.push(t)
    const o = at
    at += t.length
    return o
  }
  header[H.MAGIC] = REGION.MAGIC
  header[H.PACKAGES] = keys.length
  header[H.PACKAGE_TABLE] = place(pkgT)
  header[H.ENTRIES] = entT.length / REGION.ENTRY_WORDS
  header[H.ENTRY_TABLE] = place(entT)
  header[H.RANGES] = rngT.length / REGION.RANGE_WORDS
  header[H.RANGE_TABLE] = place(rngT)
  header[H.EVENTS] = evT.length / REGION.EVENT_WORDS
  header[H.EVENT_TABLE] = place(evT)
  header[H.LISTED] = lstT.length
  header[H.LISTED_TABLE] = place(lstT)
  header[H.ADVISORIES] = advOffsets.length
  header[H.ADVISORY_OFFSETS] = place(advOffsets)
  // Open addressing, linear probing; slot = package index + 1, 0 empty.
  let slots = 2
  while (slots < keys.length * REGION.HASH_LOAD) slots *= 2
  const hashT = new Array<number>(slots).fill(0)
  keys.forEach(({ b }, i) => {
    let h = fnv1a(b) & (slots - 1)
    while (hashT[h] !== 0) h = (h + 1) & (slots - 1)
    hashT[h] = i + 1
  })
  header[H.HASH_SLOTS] = slots
  header[H.HASH_TABLE] = place(hashT)
  header[H.KEY_SCHEME] = scheme ?? REGION.NO_SCHEME
  header[H.KEY_PRINT] = scheme === undefined ? 0 : keyFingerprint(scheme)
  header[H.SEMVER_KEY_PRINT] = keyFingerprint(Scheme.Semver)
  header[H.STRINGS] = strBytes.length
  header[H.STRING_OFFSETS] = place(strOffs)
  header[H.STRING_BYTES] = at * 4
  header[H.KEY_BYTES] = at * 4 + ((total + 3) & ~3)
  header[H.KEY_BYTES_LENGTH] = keyTotal
  const region = new Uint8Array(header[H.KEY_BYTES]! + ((keyTotal + 3) & ~3))
  const r32 = new Uint32Array(region.buffer, 0, at)
  r32.set(header, 0)
  let w = REGION.HEADER_WORDS
  for (const t of words) {
    r32.set(t, w)
    w += t.length
  }
  let b = at * 4
  for (const x of strBytes) {
    region.set(x, b)
    b += x.length
  }
  b = header[H.KEY_BYTES]!
  for (const x of keyParts) {
    region.set(x, b)
    b += x.length
  }

  // Assemble: header, metadata records, metadata strings, region (8-aligned).
  const out = new ByteWriter(BODY_HEADER + meta.length + region.length + 1024)
  out.bytes(new Uint8Array(BODY_HEADER))
  out.bytes(meta.finish())
  align(out, 4)
  const metaOffsets = out.length
  const metaBytes = [...metaStrings.keys()].map((x) => enc.encode(x))
  const mo = new Uint32Array(metaBytes.length + 1)
  let mt = 0
  metaBytes.forEach((x, i) => (mo[i + 1] = mt += x.length))
  out.bytes(new Uint8Array(mo.buffer))
  const metaStart = out.length
  for (const x of metaBytes) out.bytes(x)
  align(out, 8)
  const regionAt = out.length
  out.bytes(region)
  const body = out.finish()
  const dv = new DataView(body.buffer)
  dv.setUint32(0, regionAt, true)
  dv.setUint32(4, region.length, true)
  dv.setUint32(8, metaBytes.length, true)
  dv.setUint32(12, metaOffsets, true)
  dv.setUint32(16, metaStart, true)
  return body
}

/**
 * One affected entry read from a shard, with the advisory it belongs to.
 *
 * @example
 * ```ts
 * import type { ShardEntry } from '@stowaway/match'
 * const show = (e: ShardEntry) => `${e.advisory.id} ${e.affected.name}`
 * ```
 */
export interface ShardEntry {
  advisory: Advisory
  affected: AffectedPackage
}

const dec = new TextDecoder()

/**
 * A loaded shard body. Loading validates the match region's tables and keeps views of
 * them; nothing is decoded up front. Strings, advisories and entries are decoded on
 * first use and memoised, so each record is materialised at most once. The WASM
 * matcher copies {@link Shard.region} into its memory once and never asks for ranges
 * here; the TypeScript reference matcher reads them through {@link Shard.lookup}.
 *
 * @example
 * ```ts
 * import { Shard, encodeShardBody } from '@stowaway/match'
 * const shard = new Shard('alpine:v3.9', encodeShardBody('alpine:v3.9', []))
 * shard.lookup('openssl') // []
 * ```
 */
export class Shard {
  /** The match region (u32 tables the WASM matcher walks in place). */
  readonly region: Uint8Array
  /** Validated views of the region's tables. */
  readonly view: RegionView
  private readonly body: Uint8Array
  private readonly metaCount: number
  private readonly metaOffsets: Uint32Array
  private readonly metaBytes: number
  private readonly metaCache = new Map<number, string>()
  private readonly matchCache = new Map<number, string>()
  private readonly advCache = new Map<number, Advisory>()
  private readonly entryCache = new Map<number, ShardEntry>()
  private readonly lookupCache = new Map<string, ShardEntry[]>()

  /**
   * @param ecosystem the shard's ecosystem key
   * @param body the inflated, checksum-verified body
   * @throws {StowawayError} `DB_INVALID` when any table or offset is out of bounds
   */
  constructor(
    readonly ecosystem: string,
    body: Uint8Array,
  ) {
    const bad = (why: string) => new StowawayError('DB_INVALID', `Cannot load DB shard "${ecosystem}": ${why}`)
    if (body.length < BODY_HEADER) throw bad('body too short')
    this.body = body
    const dv = new DataView(body.buffer, body.byteOffset, body.byteLength)
    const regionAt = dv.getUint32(0, true)
    const regionLength = dv.getUint32(4, true)
    if (regionAt < BODY_HEADER || regionAt > body.length || regionLength !== body.length - regionAt) throw bad('match region is out of bounds')
    const count = (this.metaCount = dv.getUint32(8, true))
    const offsAt = dv.getUint32(12, true)
    this.metaBytes = dv.getUint32(16, true)
    if (offsAt < BODY_HEADER || count > (regionAt - offsAt) / 4 - 1 || this.metaBytes !== offsAt + 4 * (count + 1) || this.metaBytes > regionAt) throw bad('string table is out of bounds')
    const offs = body.subarray(offsAt, offsAt + 4 * (count + 1))
    const aligned = offs.byteOffset % 4 === 0 ? offs : offs.slice()
    this.metaOffsets = new Uint32Array(aligned.buffer, aligned.byteOffset, count + 1)
    let prev = 0
    for (let i = 0; i <= count; i++) {
      const o = this.metaOffsets[i]!
      if (o < prev || o > regionAt - this.metaBytes) throw bad(`string ${i} is out of bounds`)
      prev = o
    }
    this.region = body.subarray(regionAt)
    this.view = validateRegion(ecosystem, this.region, regionAt, count + 1)
  }

  /**
   * @param i metadata string reference (1-based)
   * @returns the string
   */
  private str(i: number): string {
    const c = this.metaCache.get(i)
    if (c !== undefined) return c
    if (i < 1 || i > this.metaCount) throw new StowawayError('DB_INVALID', `Cannot load DB shard "${this.ecosystem}": string ${i} out of range`)
    const v = dec.decode(this.body.subarray(this.metaBytes + this.metaOffsets[i - 1]!, this.metaBytes + this.metaOffsets[i]!))
    this.metaCache.set(i, v)
    return v
  }

  private opt(i: number): string | undefined {
    return i === 0 ? undefined : this.str(i)
  }

  private list(r: ByteReader): string[] {
    const n = r.uint()
    if (n > r.buf.length) throw new StowawayError('DB_INVALID', `Cannot load DB shard "${this.ecosystem}": list too long`)
    const out: string[] = []
    for (let i = 0; i < n; i++) out.push(this.str(r.uint()))
    return out
  }

  private sev(r: ByteReader): AdvisorySeverity {
    const v: AdvisorySeverity = { type: this.str(r.uint()) }
    const vector = this.opt(r.uint())
    if (vector !== undefined) v.vector = vector
    const score = r.uint()
    if (score) v.score = (score - 1) / 10
    const rating = r.uint()
    if (rating) v.rating = SEVERITIES[rating - 1]
    const source = this.opt(r.uint())
    if (source !== undefined) v.source = source
    return v
  }

  /**
   * @param i match string index
   * @returns the version or package key string
   */
  matchString(i: number): string {
    const c = this.matchCache.get(i)
    if (c !== undefined) return c
    const { u32, bytes, stringOffsets, stringBytes } = this.view
    const v = dec.decode(bytes.subarray(stringBytes + u32[stringOffsets + i]!, stringBytes + u32[stringOffsets + i + 1]!))
    this.matchCache.set(i, v)
    return v
  }

  /** Number of package names indexed. */
  get packageCount(): number {
    return this.view.packages
  }

  /** Number of advisories stored. */
  get advisoryCount(): number {
    return this.view.advisories
  }

  /** @returns the indexed package keys, in stored (UTF-8 byte) order */
  *packageNames(): IterableIterator<string> {
    const { u32, packageTable, packages } = this.view
    for (let i = 0; i < packages; i++) yield this.matchString(u32[packageTable + i * REGION.PACKAGE_WORDS]!)
  }

  /**
   * @param i advisory index
   * @returns the decoded advisory (memoised; `affected` is left empty — entries are per package)
   */
  advisory(i: number): Advisory {
    const cached = this.advCache.get(i)
    if (cached) return cached
    if (!(i >= 0 && i < this.view.advisories)) throw new StowawayError('DB_INVALID', `Cannot load DB shard "${this.ecosystem}": advisory ${i} out of range`)
    const r = new ByteReader(this.body)
    r.pos = this.view.u32[this.view.advisoryOffsets + i]!
    const a: Advisory = { id: this.str(r.uint()), aliases: this.list(r), severities: [], references: [], affected: [] }
    const related = this.list(r)
    if (related.length) a.related = related
    const summary = this.opt(r.uint())
    if (summary !== undefined) a.summary = summary
    const published = this.opt(r.uint())
    if (published !== undefined) a.published = published
    const modified = this.opt(r.uint())
    if (modified !== undefined) a.modified = modified
    const ns = r.uint()
    if (ns > r.buf.length) throw new StowawayError('DB_INVALID', `Cannot load DB shard "${this.ecosystem}": too many severities`)
    for (let k = 0; k < ns; k++) a.severities.push(this.sev(r))
    a.references = this.list(r)
    this.advCache.set(i, a)
    return a
  }

  /**
   * @param i entry index (region order)
   * @returns the entry and its advisory, decoded once and memoised
   */
  entry(i: number): ShardEntry {
    const cached = this.entryCache.get(i)
    if (cached) return cached
    const { u32, entryTable, rangeTable, eventTable, listedTable, entries } = this.view
    if (!(i >= 0 && i < entries)) throw new StowawayError('DB_INVALID', `Cannot load DB shard "${this.ecosystem}": entry ${i} out of range`)
    const e = entryTable + i * REGION.ENTRY_WORDS
    const advisory = this.advisory(u32[e]!)
    const r = new ByteReader(this.body)
    r.pos = u32[e + 1]!
    const affected: AffectedPackage = { ecosystem: this.ecosystem, name: this.str(r.uint()) }
    const purl = this.opt(r.uint())
    if (purl !== undefined) affected.purl = purl
    const nr = u32[e + 3]!
    if (nr) {
      const ranges: OsvRange[] = []
      for (let k = 0; k < nr; k++) {
        const rg = rangeTable + (u32[e + 2]! + k) * REGION.RANGE_WORDS
        const events: OsvEvent[] = []
        for (let j = 0; j < u32[rg + 3]!; j++) {
          const ev = eventTable + (u32[rg + 2]! + j) * REGION.EVENT_WORDS
          events.push({ [EVENT_KEYS[u32[ev]! & 3]!]: this.matchString(u32[ev + 1]!) } as OsvEvent)
        }
        ranges.push({ type: this.str(u32[rg + 1]!), events })
      }
      affected.ranges = ranges
    }
    const nl = u32[e + 5]!
    if (nl) {
      const versions: string[] = []
      for (let k = 0; k < nl; k++) versions.push(this.matchString(u32[listedTable + u32[e + 4]! + k]!))
      affected.versions = versions
    }
    const native = this.list(r)
    if (native.length) affected.native = native
    const un = this.list(r)
    if (un.length) affected.nativeUnaffected = un
    const fixed = this.list(r)
    if (fixed.length) affected.fixed = fixed
    const st = STATUS[r.uint()]
    if (st) affected.status = st
    if (r.uint()) affected.severity = this.sev(r)
    const cpe = this.opt(r.uint())
    if (cpe !== undefined) affected.cpe = cpe
    const out = { advisory, affected }
    this.entryCache.set(i, out)
    return out
  }

  /**
   * Binary search of the package index (keys sorted by UTF-8 bytes).
   *
   * @param key package lookup key
   * @returns the package's index, or -1
   */
  findPackage(key: string): number {
    const want = enc.encode(key)
    const { u32, bytes, packageTable, stringOffsets, stringBytes } = this.view
    let lo = 0
    let hi = this.view.packages - 1
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1
      const si = u32[packageTable + mid * REGION.PACKAGE_WORDS]!
      const c = compareBytes(bytes.subarray(stringBytes + u32[stringOffsets + si]!, stringBytes + u32[stringOffsets + si + 1]!), want)
      if (c === 0) return mid
      if (c < 0) lo = mid + 1
      else hi = mid - 1
    }
    return -1
  }

  /**
   * Entries for one package key (already normalised with {@link normalisePackageName}).
   *
   * @param key package lookup key
   * @returns its entries, decoded once and memoised
   */
  lookup(key: string): ShardEntry[] {
    const cached = this.lookupCache.get(key)
    if (cached) return cached
    const p = this.findPackage(key)
    if (p < 0) return []
    const { u32, packageTable } = this.view
    const first = u32[packageTable + p * REGION.PACKAGE_WORDS + 1]!
    const n = u32[packageTable + p * REGION.PACKAGE_WORDS + 2]!
    const out: ShardEntry[] = []
    for (let i = 0; i < n; i++) out.push(this.entry(first + i))
    this.lookupCache.set(key, out)
    return out
  }
}
