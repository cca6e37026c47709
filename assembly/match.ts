// Bulk matcher: walks shard match regions (docs/db-format.md, "Match region") that JS
// copied into this memory once, for a whole batch of (package key, version) queries in
// one call. Mirrors packages/match/src/evaluate.ts for entries without native
// expressions; entries with them are handed back to JS (their range syntaxes are
// parsed by the TypeScript range parsers).
import { compare } from './index'
import { INVALID_A, INVALID_B, SEMVER } from './schemes/ids'
import { keyBound, keyOrder, sortKey } from './keys/sort-key'
import { Scratch } from './scratch'

// Region header words; mirror of packages/match/src/match-region.ts.
const H_PACKAGE_TABLE: u32 = 2
const H_ENTRY_TABLE: u32 = 4
const H_RANGE_TABLE: u32 = 6
const H_EVENT_TABLE: u32 = 8
const H_LISTED_TABLE: u32 = 10
const H_STRING_OFFSETS: u32 = 12
const H_STRING_BYTES: u32 = 13
const H_KEY_BYTES: u32 = 16
const H_HASH_SLOTS: u32 = 18
const H_HASH_TABLE: u32 = 19
// Record sizes in bytes (PACKAGE_WORDS, ENTRY_WORDS, RANGE_WORDS, EVENT_WORDS × 4).
const PACKAGE_SHIFT: u32 = 4
const ENTRY_SHIFT: u32 = 5
const RANGE_SHIFT: u32 = 4
const EVENT_SHIFT: u32 = 4
const ENTRY_NATIVE: u32 = 1
const ENTRY_DUPLICATE: u32 = 2
const RANGE_SEMVER: u32 = 1
const EVENT_ZERO: u32 = 4
const EVENT_EMPTY: u32 = 8
const EVENT_STAR: u32 = 16
const NO_KEY: u32 = 0xffffffff

// Result codes; mirror of packages/match/src/wasm-matcher.ts. Range results carry the
// range index in the bits above the low byte.
const AFFECTED_LISTED: u32 = 1
const AFFECTED_RANGE: u32 = 2
const INVALID_INSTALLED: u32 = 3
const INVALID_RANGE: u32 = 4
const NOTHING: u32 = 5
const NATIVE: u32 = 6

const QUERY_WORDS: u32 = 6
// Query scheme flags (packages/match/src/wasm-matcher.ts): the region's stored keys were
// built with another key layout, so compare strings instead.
const STALE_KEYS: u32 = 0x100
const STALE_SEMVER_KEYS: u32 = 0x200

const queries = new Scratch(4096)
let oPtr: usize = 0
let oCap: i32 = 0
let oLen: i32 = 0
const keyScratch = new Scratch(1024)

// The installed version's key per scheme kind (ecosystem, SEMVER) for the current
// query: -2 not computed yet, -1 no key, else the key length (key at ecoKey / semKey).
let ecoKeyLen: i32 = -2
let semKeyLen: i32 = -2
let ecoKey: usize = 0
let semKey: usize = 0
let ecoValid: i32 = -1
let semValid: i32 = -1
let ecoStale = false
let semStale = false
// The query those keys are of (a package's second key comes with the same version bytes).
let keysScheme: i32 = -1
let keysOf: usize = 0
let keysLen: i32 = -1

// The current region's tables as addresses (set by useRegion; header words are read
// once per region change rather than once per entry and event).
let curRegion: usize = 0
let pkgTable: usize = 0
let entryTable: usize = 0
let rangeTable: usize = 0
let eventTable: usize = 0
let listedTable: usize = 0
let stringOffsets: usize = 0
let stringBytes: usize = 0
let keyBytes: usize = 0

// Queries are looked up GROUP at a time, stage by stage (hash slot, package row, key
// string offsets, key bytes), so that the cache misses of a group's independent loads
// overlap instead of each query waiting for its own chain of four.
const GROUP: i32 = 16
// Per query of the group, stage to stage: the hash slot index; the package found (the
// first slot's value while looking up, then the index or -1); the key string index, then
// the address prefetchGroup walks on (0: nothing to fetch); the key string's offset and
// length in the first slot (gKeyLen later holds the first range's event count).
const gSlot = memory.data(GROUP * 4, 16)
const gPackage = memory.data(GROUP * 4, 16)
const gString = memory.data(GROUP * 4, 16)
const gKey = memory.data(GROUP * 4, 16)
const gKeyLen = memory.data(GROUP * 4, 16)
// Loads made only to bring a line into cache; kept so they are not optimised away.
let sink: u32 = 0

/** Persistent memory for one shard's match region (freed with {@link matchFree}). */
export function matchAlloc(size: i32): usize {
  return heap.alloc(<usize>size)
}

/** Releases a region allocated with {@link matchAlloc}. */
export function matchFree(p: usize): void {
  heap.free(p)
}

/** Input area for {@link matchRun}: a query table then the UTF-8 bytes it indexes. */
export function matchInput(size: i32): usize {
  return queries.reserve(size)
}

// @ts-ignore: decorator
@inline function word(r: usize, i: u32): u32 {
  return load<u32>(r + (<usize>i << 2))
}

// @ts-ignore: decorator
@inline function slotOf(s: usize, i: i32): u32 {
  return load<u32>(s + (<usize>i << 2))
}

// @ts-ignore: decorator
@inline function setSlot(s: usize, i: i32, v: u32): void {
  store<u32>(s + (<usize>i << 2), v)
}

function useRegion(r: usize): void {
  if (r == curRegion) return
  curRegion = r
  pkgTable = r + (<usize>word(r, H_PACKAGE_TABLE) << 2)
  entryTable = r + (<usize>word(r, H_ENTRY_TABLE) << 2)
  rangeTable = r + (<usize>word(r, H_RANGE_TABLE) << 2)
  eventTable = r + (<usize>word(r, H_EVENT_TABLE) << 2)
  listedTable = r + (<usize>word(r, H_LISTED_TABLE) << 2)
  stringOffsets = r + (<usize>word(r, H_STRING_OFFSETS) << 2)
  stringBytes = r + <usize>word(r, H_STRING_BYTES)
  keyBytes = r + <usize>word(r, H_KEY_BYTES)
}

// Room for `more` result triples after the count word, so emit need not check.
function reserveOut(more: i32): void {
  const need = (oLen + more) * 12 + 4
  if (need > oCap) {
    let cap = oCap < 4096 ? 4096 : oCap * 2
    while (cap < need) cap *= 2
    oPtr = oPtr == 0 ? heap.alloc(<usize>cap) : heap.realloc(oPtr, <usize>cap)
    oCap = cap
  }
}

// @ts-ignore: decorator
@inline function emit(q: u32, entry: u32, code: u32): void {
  const at = oPtr + 4 + <usize>oLen * 12
  store<u32>(at, q)
  store<u32>(at, entry, 4)
  store<u32>(at, code, 8)
  oLen++
}

// Equal bytes a[0, n) and b[0, n): eight at a time, then the rest.
// @ts-ignore: decorator
@inline function sameBytes(a: usize, b: usize, n: i32): bool {
  let i = 0
  while (i + 8 <= n) {
    if (load<u64>(a + <usize>i) != load<u64>(b + <usize>i)) return false
    i += 8
  }
  while (i < n) {
    if (load<u8>(a + <usize>i) != load<u8>(b + <usize>i)) return false
    i++
  }
  return true
}

// FNV-1a, as packages/match/src/match-region.ts hashes package keys.
// @ts-ignore: decorator
@inline function fnv1a(p: usize, len: i32): u32 {
  let h: u32 = 0x811c9dc5
  let i = 0
  // Four bytes a load (still one byte a step: the region's slots are hashed that way).
  for (; i + 4 <= len; i += 4) {
    const w = load<u32>(p + <usize>i)
    h = (h ^ (w & 0xff)) * 0x01000193
    h = (h ^ ((w >>> 8) & 0xff)) * 0x01000193
    h = (h ^ ((w >>> 16) & 0xff)) * 0x01000193
    h = (h ^ (w >>> 24)) * 0x01000193
  }
  for (; i < len; i++) h = (h ^ <u32>load<u8>(p + <usize>i)) * 0x01000193
  return h
}

// Package index of the group's m queries (rows from `table`) into gPackage (-1: not in
// the region); the region's hash table is probed linearly from the key's FNV-1a slot.
// Every address read comes from rows the region validation checked (match-region.ts).
function lookupGroup(table: usize, data: usize, m: i32): void {
  for (let i = 0; i < m; i++) {
    const t = table + (<usize>i * QUERY_WORDS << 2)
    const r = <usize>load<u32>(t)
    const h = fnv1a(data + <usize>load<u32>(t, 8), <i32>load<u32>(t, 12)) & (word(r, H_HASH_SLOTS) - 1)
    setSlot(gSlot, i, h)
    setSlot(gPackage, i, word(r, word(r, H_HASH_TABLE) + h))
  }
  // Each occupied first slot's package row, then its key string's offsets.
  for (let i = 0; i < m; i++) {
    const slot = slotOf(gPackage, i)
    if (slot == 0) continue
    const r = <usize>load<u32>(table + (<usize>i * QUERY_WORDS << 2))
    setSlot(gString, i, word(r, word(r, H_PACKAGE_TABLE) + ((slot - 1) << 2)))
  }
  for (let i = 0; i < m; i++) {
    if (slotOf(gPackage, i) == 0) continue
    const r = <usize>load<u32>(table + (<usize>i * QUERY_WORDS << 2))
    const at = r + (<usize>(word(r, H_STRING_OFFSETS) + slotOf(gString, i)) << 2)
    const s0 = load<u32>(at)
    setSlot(gKey, i, s0)
    setSlot(gKeyLen, i, load<u32>(at, 4) - s0)
  }
  for (let i = 0; i < m; i++) {
    let slot = slotOf(gPackage, i)
    if (slot == 0) {
      setSlot(gPackage, i, -1)
      setSlot(gString, i, 0)
      continue
    }
    const t = table + (<usize>i * QUERY_WORDS << 2)
    const r = <usize>load<u32>(t)
    const name = data + <usize>load<u32>(t, 8)
    const nl = <i32>load<u32>(t, 12)
    const sb = r + <usize>word(r, H_STRING_BYTES)
    const kl = <i32>slotOf(gKeyLen, i)
    const k = sb + <usize>slotOf(gKey, i)
    let found = -1
    if (kl == nl && sameBytes(k, name, nl)) found = <i32>(slot - 1)
    else {
      // Taken by another key: on along the probe sequence, one slot at a time.
      const mask = word(r, H_HASH_SLOTS) - 1
      const ht = word(r, H_HASH_TABLE)
      const pt = word(r, H_PACKAGE_TABLE)
      const so = word(r, H_STRING_OFFSETS)
      let h = (slotOf(gSlot, i) + 1) & mask
      slot = word(r, ht + h)
      while (slot != 0) {
        const si = word(r, pt + ((slot - 1) << 2))
        const s0 = word(r, so + si)
        if (<i32>(word(r, so + si + 1) - s0) == nl && sameBytes(sb + <usize>s0, name, nl)) {
          found = <i32>(slot - 1)
          break
        }
        h = (h + 1) & mask
        slot = word(r, ht + h)
      }
    }
    setSlot(gPackage, i, found)
    // The package's first entry row, for prefetchGroup.
    let e0: u32 = 0
    if (found >= 0) {
      const pw = r + (<usize>word(r, H_PACKAGE_TABLE) << 2) + (<usize>found << PACKAGE_SHIFT)
      if (load<u32>(pw, 8) != 0) e0 = <u32>(r + (<usize>word(r, H_ENTRY_TABLE) << 2) + (<usize>load<u32>(pw, 4) << ENTRY_SHIFT))
    }
    setSlot(gString, i, e0)
  }
}

// The rows a package's evaluation waits on, one after the other — its first entry's
// first range, that range's first events, their key bytes — loaded for the whole group
// a table at a time, so the group's misses overlap. (A package's entries, ranges and
// events are stored contiguously, so the lines that follow are mostly the next ones.)
function prefetchGroup(table: usize, m: i32): void {
  for (let i = 0; i < m; i++) {
    const e0 = <usize>slotOf(gString, i)
    if (e0 == 0) continue
    const r = <usize>load<u32>(table + (<usize>i * QUERY_WORDS << 2))
    setSlot(gString, i, load<u32>(e0, 12) == 0 ? 0 : <u32>(r + (<usize>word(r, H_RANGE_TABLE) << 2) + (<usize>load<u32>(e0, 8) << RANGE_SHIFT)))
  }
  for (let i = 0; i < m; i++) {
    const rg = <usize>slotOf(gString, i)
    if (rg == 0) continue
    const r = <usize>load<u32>(table + (<usize>i * QUERY_WORDS << 2))
    const n = load<u32>(rg, 12)
    setSlot(gKeyLen, i, n)
    setSlot(gString, i, n == 0 ? 0 : <u32>(r + (<usize>word(r, H_EVENT_TABLE) << 2) + (<usize>load<u32>(rg, 8) << EVENT_SHIFT)))
  }
  // Mostly `introduced: 0` (no key) then a keyed bound.
  for (let i = 0; i < m; i++) {
    let ev = <usize>slotOf(gString, i)
    if (ev == 0) continue
    if (load<u32>(ev, 12) == NO_KEY && slotOf(gKeyLen, i) > 1) ev += 1 << EVENT_SHIFT
    const kl = load<u32>(ev, 12)
    const r = <usize>load<u32>(table + (<usize>i * QUERY_WORDS << 2))
    setSlot(gString, i, kl == NO_KEY || kl == 0 ? 0 : <u32>(r + <usize>word(r, H_KEY_BYTES) + <usize>load<u32>(ev, 8)))
  }
  for (let i = 0; i < m; i++) {
    const k = <usize>slotOf(gString, i)
    if (k != 0) sink ^= load<u8>(k)
  }
}

// Installed version against event `ev`'s bound: through the pre-parsed keys when both
// sides have one (ik: the installed key, ikl < 0 when none), else the strings (a
// leading v/V dropped from a SEMVER bound).
// @ts-ignore: decorator
@inline function compareBound(scheme: i32, semver: bool, v: usize, vl: i32, ev: usize, ik: usize, ikl: i32): i32 {
  const kl = load<u32>(ev, 12)
  if (ikl >= 0 && kl != NO_KEY) return keyOrder(ik, ikl, keyBytes + <usize>load<u32>(ev, 8), <i32>kl)
  const at = stringOffsets + (<usize>load<u32>(ev, 4) << 2)
  const s0 = load<u32>(at)
  let b = stringBytes + <usize>s0
  let bl = <i32>(load<u32>(at, 4) - s0)
  if (semver && bl > 0) {
    const c = load<u8>(b)
    if (c == 118 || c == 86) {
      b++
      bl--
    }
  }
  return compare(scheme, v, vl, b, bl)
}

// Events are stored sorted by version: one pass, as evaluate.ts's inSortedRange.
// Returns 1 inside, 0 outside, -1 when a version is invalid for the scheme.
// @ts-ignore: decorator
@inline function inRange(scheme: i32, semver: bool, v: usize, vl: i32, first: u32, n: u32, ik: usize, ikl: i32): i32 {
  const ev0 = eventTable + (<usize>first << EVENT_SHIFT)
  // Nearly every range is `introduced: 0` then a keyed `fixed`: inside below the bound.
  if (n == 2 && ikl >= 0 && load<u32>(ev0) == EVENT_ZERO && load<u32>(ev0, 16) == 1) {
    const kl = load<u32>(ev0, 28)
    if (kl != NO_KEY) return keyOrder(ik, ikl, keyBytes + <usize>load<u32>(ev0, 24), <i32>kl) < 0 ? 1 : 0
  }
  const evEnd = ev0 + (<usize>n << EVENT_SHIFT)
  let affected = false
  let limits = false
  let star = false
  for (let ev = ev0; ev < evEnd; ev += 1 << EVENT_SHIFT) {
    const f = load<u32>(ev)
    const kind = f & 3
    if (kind == 3) {
      limits = true
      if (f & EVENT_STAR) star = true
      continue
    }
    if (f & EVENT_EMPTY) continue
    if (f & EVENT_ZERO) {
      affected = true
      continue
    }
    const c = compareBound(scheme, semver, v, vl, ev, ik, ikl)
    if (c == INVALID_A || c == INVALID_B) return -1
    if (kind == 0) {
      if (c >= 0) affected = true
    } else if (kind == 1) {
      if (c >= 0) affected = false
    } else if (c > 0) affected = false
  }
  if (affected && limits && !star) {
    let below = false
    for (let ev = ev0; ev < evEnd; ev += 1 << EVENT_SHIFT) {
      if ((load<u32>(ev) & 3) != 3) continue
      const c = compareBound(scheme, semver, v, vl, ev, ik, ikl)
      if (c == INVALID_A || c == INVALID_B) return -1
      if (c < 0) below = true
    }
    affected = below
  }
  return affected ? 1 : 0
}

// One entry, as evaluate.ts's evaluateEntry for entries without native expressions.
// Returns a result code, or 0 for "not affected".
// @ts-ignore: decorator
@inline function evaluate(scheme: i32, e: usize, v: usize, vl: i32): u32 {
  const listed = load<u32>(e, 20)
  if (listed) {
    const lt = listedTable + (<usize>load<u32>(e, 16) << 2)
    for (let k: u32 = 0; k < listed; k++) {
      const at = stringOffsets + (<usize>load<u32>(lt + (<usize>k << 2)) << 2)
      const s0 = load<u32>(at)
      if (<i32>(load<u32>(at, 4) - s0) == vl && sameBytes(stringBytes + <usize>s0, v, vl)) return AFFECTED_LISTED
    }
  }
  let evaluated = listed > 0
  let rangeInvalid = false
  // Keys for ECOSYSTEM ranges only when the shard built them in the query's scheme.
  const ecoKeys = !ecoStale && <i32>load<u32>(e, 28) == scheme
  const ranges = load<u32>(e, 12)
  let rg = rangeTable + (<usize>load<u32>(e, 8) << RANGE_SHIFT)
  for (let k: u32 = 0; k < ranges; k++, rg += 1 << RANGE_SHIFT) {
    const semver = (load<u32>(rg) & RANGE_SEMVER) != 0
    let s = scheme
    let p = v
    let l = vl
    let ik: usize = 0
    let ikl: i32 = -1
    if (semver) {
      s = SEMVER
      if (l > 0 && (load<u8>(p) == 118 || load<u8>(p) == 86)) {
        p++
        l--
      }
      if (semKeyLen == -2) semKeyLen = sortKey(s, p, l, semKey, keyBound(l))
      // A version with a key is one compare() accepts; ask compare() only without one.
      if (semValid < 0) semValid = semKeyLen >= 0 || compare(s, p, l, p, l) != INVALID_A ? 1 : 0
      if (semValid == 0) return INVALID_INSTALLED
      ik = semKey
      ikl = semStale ? -1 : semKeyLen
    } else {
      if (ecoKeyLen == -2) ecoKeyLen = sortKey(s, p, l, ecoKey, keyBound(l))
      if (ecoValid < 0) ecoValid = ecoKeyLen >= 0 || compare(s, p, l, p, l) != INVALID_A ? 1 : 0
      if (ecoValid == 0) return INVALID_INSTALLED
      if (ecoKeys) {
        ik = ecoKey
        ikl = ecoKeyLen
      }
    }
    const hit = inRange(s, semver, p, l, load<u32>(rg, 8), load<u32>(rg, 12), ik, ikl)
    if (hit < 0) {
      rangeInvalid = true
      continue
    }
    evaluated = true
    if (hit > 0) return AFFECTED_RANGE | (k << 8)
  }
  if (!evaluated) return rangeInvalid ? INVALID_RANGE : NOTHING
  return 0
}

/**
 * Run `count` queries laid out at {@link matchInput}: a table of `count` × 6 u32
 * (region pointer, scheme | stale-key flags 0x100/0x200, key offset, key length, version
 * offset, version length;
 * offsets relative to the bytes after the table), then the UTF-8 bytes. For each query
 * the package key is looked up in its region and every entry evaluated; results are
 * written as u32 triples (query, entry, code) after a u32 count, in query then entry
 * order, "not affected" omitted. Returns the pointer to the count.
 */
export function matchRun(count: i32): usize {
  oLen = 0
  reserveOut(0)
  // Regions and the input may have been replaced since the last call.
  curRegion = 0
  keysOf = 0
  keysLen = -1
  keysScheme = -1
  const data = queries.ptr + (<usize>count * QUERY_WORDS << 2)
  for (let q0 = 0; q0 < count; q0 += GROUP) {
    const m = count - q0 < GROUP ? count - q0 : GROUP
    const table = queries.ptr + (<usize>q0 * QUERY_WORDS << 2)
    lookupGroup(table, data, m)
    prefetchGroup(table, m)
    for (let i = 0; i < m; i++) {
      const p = <i32>slotOf(gPackage, i)
      if (p < 0) continue
      const q = q0 + i
      const t = table + (<usize>i * QUERY_WORDS << 2)
      const r = <usize>load<u32>(t)
      const flags = load<u32>(t, 4)
      const scheme = <i32>(flags & 0xff)
      ecoStale = (flags & STALE_KEYS) != 0
      semStale = (flags & STALE_SEMVER_KEYS) != 0
      const v = data + <usize>load<u32>(t, 16)
      const vl = <i32>load<u32>(t, 20)
      useRegion(r)
      // The installed version's two keys, computed on first use; kept for the next
      // query when it has the same version and scheme.
      if (v != keysOf || vl != keysLen || scheme != keysScheme) {
        const bound = keyBound(vl)
        const kPtr = keyScratch.reserve(2 * bound)
        ecoKey = kPtr
        semKey = kPtr + <usize>bound
        ecoKeyLen = -2
        semKeyLen = -2
        ecoValid = -1
        semValid = -1
        keysOf = v
        keysLen = vl
        keysScheme = scheme
      }
      const pw = pkgTable + (<usize>p << PACKAGE_SHIFT)
      const first = load<u32>(pw, 4)
      const n = load<u32>(pw, 8)
      reserveOut(<i32>n)
      let e = entryTable + (<usize>first << ENTRY_SHIFT)
      for (let j: u32 = 0; j < n; j++, e += 1 << ENTRY_SHIFT) {
        const ef = load<u32>(e, 24)
        if (ef & ENTRY_DUPLICATE) continue
        const code = ef & ENTRY_NATIVE ? NATIVE : evaluate(scheme, e, v, vl)
        if (code != 0) emit(<u32>q, first + j, code)
      }
    }
  }
  store<u32>(oPtr, <u32>oLen)
  return oPtr
}
