// Bulk matcher: walks shard match regions (docs/db-format.md, "Match region") that JS
// copied into this memory once, for a whole batch of (package key, version) queries in
// one call. Mirrors packages/match/src/evaluate.ts for entries without native
// expressions; entries with them are handed back to JS (their range syntaxes are
// parsed by the TypeScript range parsers).
import { compare } from './index'
import { INVALID_A, INVALID_B, SEMVER } from './schemes/ids'
import { compareKeys, keyBound, sortKey } from './keys/sort-key'
import { Scratch } from './scratch'

// Region header words; mirror of packages/match/src/match-region.ts.
const H_PACKAGES: u32 = 1
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
const PACKAGE_WORDS: u32 = 4
const ENTRY_WORDS: u32 = 8
const RANGE_WORDS: u32 = 4
const EVENT_WORDS: u32 = 4
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

function emit(q: u32, entry: u32, code: u32): void {
  const need = (oLen + 1) * 12 + 4
  if (need > oCap) {
    let cap = oCap < 4096 ? 4096 : oCap * 2
    while (cap < need) cap *= 2
    oPtr = oPtr == 0 ? heap.alloc(<usize>cap) : heap.realloc(oPtr, <usize>cap)
    oCap = cap
  }
  const at = oPtr + 4 + <usize>oLen * 12
  store<u32>(at, q)
  store<u32>(at, entry, 4)
  store<u32>(at, code, 8)
  oLen++
}

// @ts-ignore: decorator
@inline function bytesEqual(a: usize, al: i32, b: usize, bl: i32): bool {
  return al == bl && memory.compare(a, b, <usize>al) == 0
}

// FNV-1a, as packages/match/src/match-region.ts hashes package keys.
function fnv1a(p: usize, len: i32): u32 {
  let h: u32 = 0x811c9dc5
  for (let i = 0; i < len; i++) h = (h ^ <u32>load<u8>(p + <usize>i)) * 0x01000193
  return h
}

// The region's package keys through its hash table (linear probing).
function findPackage(r: usize, name: usize, len: i32): i32 {
  const mask = word(r, H_HASH_SLOTS) - 1
  const ht = word(r, H_HASH_TABLE)
  const pt = word(r, H_PACKAGE_TABLE)
  const so = word(r, H_STRING_OFFSETS)
  const sb = r + <usize>word(r, H_STRING_BYTES)
  let h = fnv1a(name, len) & mask
  let slot = word(r, ht + h)
  while (slot != 0) {
    const si = word(r, pt + (slot - 1) * PACKAGE_WORDS)
    const s0 = word(r, so + si)
    if (bytesEqual(sb + <usize>s0, <i32>(word(r, so + si + 1) - s0), name, len)) return <i32>(slot - 1)
    h = (h + 1) & mask
    slot = word(r, ht + h)
  }
  return -1
}

// Installed version against event `ev`'s bound: through the pre-parsed keys when both
// sides have one (ik: the installed key, ikl < 0 when none), else the strings (a
// leading v/V dropped from a SEMVER bound).
function compareBound(r: usize, scheme: i32, semver: bool, v: usize, vl: i32, ev: u32, ik: usize, ikl: i32): i32 {
  if (ikl >= 0) {
    const kl = word(r, ev + 3)
    if (kl != NO_KEY) return compareKeys(ik, ikl, r + <usize>word(r, H_KEY_BYTES) + <usize>word(r, ev + 2), <i32>kl)
  }
  const si = word(r, ev + 1)
  const so = word(r, H_STRING_OFFSETS)
  const s0 = word(r, so + si)
  let b = r + <usize>word(r, H_STRING_BYTES) + <usize>s0
  let bl = <i32>(word(r, so + si + 1) - s0)
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
function inRange(r: usize, scheme: i32, semver: bool, v: usize, vl: i32, first: u32, n: u32, ik: usize, ikl: i32): i32 {
  const et = word(r, H_EVENT_TABLE)
  let affected = false
  let limits = false
  let star = false
  for (let j: u32 = 0; j < n; j++) {
    const ev = et + (first + j) * EVENT_WORDS
    const f = word(r, ev)
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
    const c = compareBound(r, scheme, semver, v, vl, ev, ik, ikl)
    if (c == INVALID_A || c == INVALID_B) return -1
    if (kind == 0) {
      if (c >= 0) affected = true
    } else if (kind == 1) {
      if (c >= 0) affected = false
    } else if (c > 0) affected = false
  }
  if (affected && limits && !star) {
    let below = false
    for (let j: u32 = 0; j < n; j++) {
      const ev = et + (first + j) * EVENT_WORDS
      if ((word(r, ev) & 3) != 3) continue
      const c = compareBound(r, scheme, semver, v, vl, ev, ik, ikl)
      if (c == INVALID_A || c == INVALID_B) return -1
      if (c < 0) below = true
    }
    affected = below
  }
  return affected ? 1 : 0
}

// One entry, as evaluate.ts's evaluateEntry for entries without native expressions.
// Returns a result code, or 0 for "not affected".
function evaluate(r: usize, scheme: i32, e: u32, v: usize, vl: i32): u32 {
  const so = word(r, H_STRING_OFFSETS)
  const sb = r + <usize>word(r, H_STRING_BYTES)
  const lt = word(r, H_LISTED_TABLE)
  const firstListed = word(r, e + 4)
  const listed = word(r, e + 5)
  for (let k: u32 = 0; k < listed; k++) {
    const si = word(r, lt + firstListed + k)
    const s0 = word(r, so + si)
    if (bytesEqual(sb + <usize>s0, <i32>(word(r, so + si + 1) - s0), v, vl)) return AFFECTED_LISTED
  }
  let evaluated = listed > 0
  let rangeInvalid = false
  // Keys for ECOSYSTEM ranges only when the shard built them in the query's scheme.
  const ecoKeys = !ecoStale && <i32>word(r, e + 7) == scheme
  const rt = word(r, H_RANGE_TABLE)
  const firstRange = word(r, e + 2)
  const ranges = word(r, e + 3)
  for (let k: u32 = 0; k < ranges; k++) {
    const rg = rt + (firstRange + k) * RANGE_WORDS
    const semver = (word(r, rg) & RANGE_SEMVER) != 0
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
    const hit = inRange(r, s, semver, p, l, word(r, rg + 2), word(r, rg + 3), ik, ikl)
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
  emit(0, 0, 0)
  oLen = 0
  const data = queries.ptr + (<usize>count * QUERY_WORDS << 2)
  for (let q = 0; q < count; q++) {
    const t = queries.ptr + (<usize>q * QUERY_WORDS << 2)
    const r = <usize>load<u32>(t)
    const flags = load<u32>(t, 4)
    const scheme = <i32>(flags & 0xff)
    ecoStale = (flags & STALE_KEYS) != 0
    semStale = (flags & STALE_SEMVER_KEYS) != 0
    const name = data + <usize>load<u32>(t, 8)
    const nl = <i32>load<u32>(t, 12)
    const v = data + <usize>load<u32>(t, 16)
    const vl = <i32>load<u32>(t, 20)
    const p = findPackage(r, name, nl)
    if (p < 0) continue
    // Scratch for the installed version's two keys, computed on first use.
    const bound = keyBound(vl)
    const kPtr = keyScratch.reserve(2 * bound)
    ecoKey = kPtr
    semKey = kPtr + <usize>bound
    ecoKeyLen = -2
    semKeyLen = -2
    ecoValid = -1
    semValid = -1
    const pw = word(r, H_PACKAGE_TABLE) + <u32>p * PACKAGE_WORDS
    const first = word(r, pw + 1)
    const n = word(r, pw + 2)
    const et = word(r, H_ENTRY_TABLE)
    for (let i: u32 = 0; i < n; i++) {
      const e = et + (first + i) * ENTRY_WORDS
      const flags = word(r, e + 6)
      if (flags & ENTRY_DUPLICATE) continue
      const code = flags & ENTRY_NATIVE ? NATIVE : evaluate(r, scheme, e, v, vl)
      if (code != 0) emit(<u32>q, first + i, code)
    }
  }
  store<u32>(oPtr, <u32>oLen)
  return oPtr
}
