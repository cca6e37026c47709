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
const NON_ASCII = /[^\x00-\x7f]/

/**
 * One bulk match call: queries (package key + installed version against one shard)
 * are collected, written into WASM memory once, and evaluated in one `matchRun` call.
 *
 * @example
 * ```ts
 * import { MatchBatch } from '@stowaway/match'
 * import type { MatchCore, Shard } from '@stowaway/match'
 * import { Scheme } from '@stowaway/version'
 * declare const core: MatchCore, shard: Shard
 * const b = new MatchBatch(core)
 * b.add(shard, Scheme.Apk, 'musl', '1.1.20-r3')
 * const { query, entry, code } = b.run()
 * ```
 */
export class MatchBatch {
  private readonly regions: number[] = []
  private readonly schemes: number[] = []
  private readonly strings: string[] = []
  private lastShard: Shard | undefined
  private lastRegion = 0
  private lastFlags = 0
  // The shards queried, held until the batch goes: a shard collected in between would
  // free its region (FinalizationRegistry) while a query still points at it.
  private readonly shards = new Set<Shard>()

  /** @param core the bulk core */
  constructor(private readonly core: MatchCore) {}

  /** Number of queries added. */
  get count(): number {
    return this.regions.length
  }

  /**
   * @param shard shard to look in
   * @param scheme the package's scheme
   * @param key normalised package key
   * @param version installed version
   * @returns the query's index
   */
  add(shard: Shard, scheme: SchemeId, key: string, version: string): number {
    if (shard !== this.lastShard) {
      this.lastRegion = regionIn(this.core, shard)
      this.lastFlags = staleKeys(shard)
      this.lastShard = shard
      this.shards.add(shard)
    }
    this.regions.push(this.lastRegion)
    this.schemes.push(scheme | this.lastFlags)
    this.strings.push(key, version)
    return this.regions.length - 1
  }

  /**
   * Evaluate every query.
   *
   * @returns parallel arrays, one element per affected / not-evaluable / native entry,
   *   in query then entry order: the query index, the entry index in its shard, the
   *   {@link MATCH_CODE} (with the range index above the low byte)
   */
  run(): { query: Uint32Array; entry: Uint32Array; code: Uint32Array } {
    const n = this.regions.length
    const core = this.core
    const tableBytes = n * 24
    const joined = this.strings.join('')
    const ascii = !NON_ASCII.test(joined)
    const max = ascii ? joined.length : joined.length * 3
    const base = core.matchInput(tableBytes + max)
    const table = new Uint32Array(core.memory.buffer, base, n * 6)
    const bytes = new Uint8Array(core.memory.buffer, base + tableBytes, max)
    if (ascii) encoder.encodeInto(joined, bytes)
    let off = 0
    for (let q = 0; q < n; q++) {
      const t = q * 6
      table[t] = this.regions[q]!
      table[t + 1] = this.schemes[q]!
      for (let k = 0; k < 2; k++) {
        const s = this.strings[2 * q + k]!
        const len = ascii ? s.length : encoder.encodeInto(s, bytes.subarray(off)).written
        table[t + 2 + 2 * k] = off
        table[t + 3 + 2 * k] = len
        off += len
      }
    }
    const out = core.matchRun(n)
    // Read after the call: it may have grown memory.
    const count = new Uint32Array(core.memory.buffer, out, 1)[0]!
    const rec = new Uint32Array(core.memory.buffer, out + 4, count * 3)
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
