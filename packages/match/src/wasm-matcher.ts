import { StowawayError } from '@stowaway/core'
import { Scheme } from '@stowaway/version'
import type { SchemeId, VersionBackend } from '@stowaway/version'
import type { Shard } from './db-shard.ts'
import { H, REGION, keyFingerprint } from './match-region.ts'

/**
 * The version core exports the bulk matcher uses (assembly/match.ts).
 *
 * @example
 * ```ts
 * import type { MatchCore } from '@stowaway/match'
 * const hasBulk = (x: Partial<MatchCore>) => typeof x.matchRun === 'function'
 * ```
 */
export interface MatchCore {
  memory: WebAssembly.Memory
  matchAlloc(size: number): number
  matchFree(ptr: number): void
  matchInput(size: number): number
  matchRun(count: number): number
}

/**
 * Result codes of {@link MatchBatch.run} (low byte; range results carry the index of
 * the matched range, among the entry's ranges, in the bits above).
 *
 * @example
 * ```ts
 * import { MATCH_CODE } from '@stowaway/match'
 * (0x102 & 0xff) === MATCH_CODE.AFFECTED_RANGE // range 1 matched
 * ```
 */
export const MATCH_CODE = {
  /** The installed version is on the entry's `versions` list. */
  AFFECTED_LISTED: 1,
  AFFECTED_RANGE: 2,
  /** Not evaluable: the installed version is invalid for a range's scheme. */
  INVALID_INSTALLED: 3,
  /** Not evaluable: every range held a version invalid for the scheme. */
  INVALID_RANGE: 4,
  /** Not evaluable: nothing to evaluate. */
  NOTHING: 5,
  /** The entry has native expressions: evaluate it in JavaScript. */
  NATIVE: 6,
} as const

/**
 * The bulk-capable core behind a version backend, when it has one: the WASM backend
 * carries its raw exports as `core`; the TypeScript reference has none.
 *
 * @param backend a version backend
 * @returns the core, or undefined
 * @example
 * ```ts
 * import { matchCoreOf } from '@stowaway/match'
 * import { referenceBackend } from '@stowaway/version'
 * matchCoreOf(referenceBackend) // undefined
 * ```
 */
export function matchCoreOf(backend: VersionBackend): MatchCore | undefined {
  const core = (backend as { core?: Partial<MatchCore> }).core
  return core && typeof core.matchRun === 'function' && typeof core.matchAlloc === 'function' ? (core as MatchCore) : undefined
}

// Regions copied into a core's memory, per core and shard; freed when the shard goes.
const uploaded = new WeakMap<MatchCore, WeakMap<Shard, number>>()
const release =
  typeof FinalizationRegistry === 'function' ? new FinalizationRegistry<{ core: MatchCore; ptr: number }>(({ core, ptr }) => core.matchFree(ptr)) : undefined

/**
 * Copy a shard's match region into the core's memory (once per core and shard).
 *
 * @param core the bulk core
 * @param shard a loaded shard
 * @returns the region's address in WASM memory
 * @example
 * ```ts
 * import { regionIn } from '@stowaway/match'
 * import type { MatchCore, Shard } from '@stowaway/match'
 * declare const core: MatchCore, shard: Shard
 * regionIn(core, shard) // same address on every call
 * ```
 */
export function regionIn(core: MatchCore, shard: Shard): number {
  let m = uploaded.get(core)
  if (!m) uploaded.set(core, (m = new WeakMap()))
  let ptr = m.get(shard)
  if (ptr === undefined) {
    ptr = core.matchAlloc(shard.region.length)
    new Uint8Array(core.memory.buffer, ptr, shard.region.length).set(shard.region)
    m.set(shard, ptr)
    release?.register(shard, { core, ptr })
  }
  return ptr
}

/** Query scheme flag: the region's ECOSYSTEM keys were built with another key layout. */
const STALE_KEYS = 0x100
/** Query scheme flag: the same for its SemVer keys. */
const STALE_SEMVER_KEYS = 0x200

// Keys a shard stores are used only when they were built with this release's layouts.
function staleKeys(shard: Shard): number {
  const u = shard.view.u32
  const scheme = u[H.KEY_SCHEME]!
  let flags = 0
  if (scheme !== REGION.NO_SCHEME && u[H.KEY_PRINT] !== keyFingerprint(scheme as SchemeId)) flags |= STALE_KEYS
  if (u[H.SEMVER_KEY_PRINT] !== keyFingerprint(Scheme.Semver)) flags |= STALE_SEMVER_KEYS
  return flags
}

const encoder = new TextEncoder()
const QUERY_WORDS = 6
// The staging table a finished batch leaves for the next one (batches run one after
// another; a batch created while another is being filled allocates its own).
let spareTable: Uint32Array | undefined

/**
 * One bulk match call: queries (package key + installed version against one shard)
 * are collected, written into WASM memory once, and evaluated in one `matchRun` call.
 * A batch runs once; adding to it or running it again afterwards throws
 * `INVALID_ARGUMENT`.
 *
 * @example
 * ```ts
 * import { MatchBatch } from '@stowaway/match'
 * import type { MatchCore, Shard } from '@stowaway/match'
 * import { StowawayError } from '@stowaway/core'
import { Scheme } from '@stowaway/version'
 * declare const core: MatchCore, shard: Shard
 * const b = new MatchBatch(core)
 * b.add(shard, Scheme.Apk, 'musl', '1.1.20-r3')
 * const { query, entry, code } = b.run()
 * ```
 */
export class MatchBatch {
  // The query table, staged here as queries come (an inventory is walked with awaits
  // between packages, so WASM memory cannot be written directly), and the strings it
  // indexes. Offsets and lengths are counted in UTF-16 code units, which are the UTF-8
  // bytes when every string is ASCII; the strings are joined and encoded in one call
  // when the batch runs.
  private table: Uint32Array
  private strings: string[] = []
  private n = 0
  private units = 0
  // The last version written: a package's second key reuses it.
  private lastVersion = ''
  private lastVersionAt = 0
  private lastVersionLength = 0
  private lastShard: Shard | undefined
  private spent = false
  private lastRegion = 0
  private lastFlags = 0
  // The shards queried (region address, stale-key flags), held until the batch goes: a
  // shard collected in between would free its region (FinalizationRegistry) while a
  // query still points at it.
  private readonly shards = new Map<Shard, [number, number]>()

  /**
   * @param core the bulk core
   * @param expected number of queries expected (sizes the staging table; it grows)
   */
  constructor(
    private readonly core: MatchCore,
    expected = 64,
  ) {
    // The staging table of the last batch that ran, when no other batch holds it.
    const spare = spareTable
    spareTable = undefined
    const words = Math.max(expected, 16) * QUERY_WORDS
    this.table = spare && spare.length >= words ? spare : new Uint32Array(words)
  }

  /** Number of queries added. */
  get count(): number {
    return this.n
  }

  /**
   * @param shard shard to look in
   * @param scheme the package's scheme
   * @param key normalised package key
   * @param version installed version
   * @returns the query's index
   */
  add(shard: Shard, scheme: SchemeId, key: string, version: string): number {
    if (this.spent) throw new StowawayError('INVALID_ARGUMENT', 'Cannot add to a MatchBatch that has run: a batch is used once')
    if (shard !== this.lastShard) {
      // Per shard once per batch: its region's address and stale-key flags.
      let r = this.shards.get(shard)
      if (!r) this.shards.set(shard, (r = [regionIn(this.core, shard), staleKeys(shard)]))
      this.lastRegion = r[0]
      this.lastFlags = r[1]
      this.lastShard = shard
    }
    const t = this.n * QUERY_WORDS
    if (t + QUERY_WORDS > this.table.length) {
      const grown = new Uint32Array(this.table.length * 2)
      grown.set(this.table)
      this.table = grown
    }
    const table = this.table
    table[t] = this.lastRegion
    table[t + 1] = scheme | this.lastFlags
    table[t + 2] = this.units
    table[t + 3] = key.length
    this.strings.push(key)
    this.units += key.length
    if (version !== this.lastVersion || this.strings.length === 1) {
      this.lastVersionAt = this.units
      this.lastVersionLength = version.length
      this.lastVersion = version
      this.strings.push(version)
      this.units += version.length
    }
    table[t + 4] = this.lastVersionAt
    table[t + 5] = this.lastVersionLength
    return this.n++
  }

  /**
   * Evaluate every query; the results as packed triples.
   *
   * @returns one (query index, entry index in its shard, {@link MATCH_CODE} with the
   *   range index above the low byte) triple per affected / not-evaluable / native
   *   entry, in query then entry order
   */
  runPacked(): Uint32Array {
    if (this.spent) throw new StowawayError('INVALID_ARGUMENT', 'Cannot run a MatchBatch twice: a batch is used once')
    this.spent = true
    const n = this.n
    const core = this.core
    const tableBytes = n * QUERY_WORDS * 4
    const joined = this.strings.join('')
    // Room for the worst case (three UTF-8 bytes per UTF-16 code unit).
    const base = core.matchInput(tableBytes + joined.length * 3)
    const bytes = new Uint8Array(core.memory.buffer, base + tableBytes, joined.length * 3)
    const table = this.table
    // All ASCII: one byte per code unit, and the offsets already counted are the bytes'.
    if (encoder.encodeInto(joined, bytes).written !== joined.length) this.recount(table, bytes)
    new Uint32Array(core.memory.buffer, base, n * QUERY_WORDS).set(table.subarray(0, n * QUERY_WORDS))
    const out = core.matchRun(n)
    // Read after the call: it may have grown memory.
    const count = new Uint32Array(core.memory.buffer, out, 1)[0]!
    const rec = new Uint32Array(core.memory.buffer, out + 4, count * 3).slice()
    spareTable = table
    return rec
  }

  // Some string is not ASCII: encode string by string and put byte offsets and lengths
  // in the table (strings were pushed in table order, a reused version not again).
  private recount(table: Uint32Array, bytes: Uint8Array): void {
    const strings = this.strings
    const at = new Map<number, [number, number]>()
    let unit = 0
    let byte = 0
    for (const s of strings) {
      // An empty string shares its offset with the next string: only its start counts.
      if (!s) {
        if (!at.has(unit)) at.set(unit, [byte, 0])
        continue
      }
      const len = encoder.encodeInto(s, bytes.subarray(byte)).written
      at.set(unit, [byte, len])
      unit += s.length
      byte += len
    }
    for (let q = 0; q < this.n; q++) {
      for (const k of [2, 4]) {
        const [b, len] = at.get(table[q * QUERY_WORDS + k]!)!
        table[q * QUERY_WORDS + k] = b
        table[q * QUERY_WORDS + k + 1] = table[q * QUERY_WORDS + k + 1] ? len : 0
      }
    }
  }

  /**
   * Evaluate every query.
   *
   * @returns parallel arrays, one element per affected / not-evaluable / native entry,
   *   in query then entry order: the query index, the entry index in its shard, the
   *   {@link MATCH_CODE} (with the range index above the low byte)
   */
  run(): { query: Uint32Array; entry: Uint32Array; code: Uint32Array } {
    const rec = this.runPacked()
    const count = rec.length / 3
    const query = new Uint32Array(count)
    const entry = new Uint32Array(count)
    const code = new Uint32Array(count)
    for (let i = 0; i < count; i++) {
      query[i] = rec[3 * i]!
      entry[i] = rec[3 * i + 1]!
      code[i] = rec[3 * i + 2]!
    }
    return { query, entry, code }
  }
}
