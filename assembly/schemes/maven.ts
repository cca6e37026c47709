import { isDigit, sign, toLower } from './bytes'
import { INVALID_A, INVALID_B } from './ids'

// Maven ComparableVersion. The item tree is a chain (a nested list is always the last
// item of its parent), so a version is kept as a flat token sequence where a LIST
// token opens the child list that runs to the end. ASCII input is read in place;
// anything else is decoded, lower-cased like Java's toLowerCase and read as UTF-16.

const MAX_LEN: i32 = 256
const CAP: i32 = 1200

const K_NUM: i32 = 0
const K_STR: i32 = 1
const K_COMB: i32 = 2
const K_LIST: i32 = 3

export const RANK_RELEASE: i32 = 5
export const RANK_UNKNOWN: i32 = 7

// Token fields, 7 i32 per token in unmanaged memory: no GC object reaches the hot path.
const F_KIND = 0
const F_S1 = 1 // NUM: digits; STR: qualifier text; COMB: string part
const F_L1 = 2
const F_RANK = 3
const F_S2 = 4 // COMB: digit part
const F_L2 = 5
const F_DEAD = 6
const STRIDE = 7

// Exported with qualRank() for the sort-key encoder (assembly/keys/maven.ts).
@unmanaged
export class Side {
  base: usize = 0
  wide: bool = false
  len: i32 = 0
  n: i32 = 0
  count: i32 = 0
  tok: usize = 0
}

function makeSide(): Side {
  const s = new Side()
  s.tok = heap.alloc(<usize>(CAP * STRIDE * 4))
  return s
}

const SA = makeSide()
const SB = makeSide()
// the lower-cased copy of a non-ASCII version, kept alive while it is read
let STR_A: String | null = null
let STR_B: String | null = null

// @ts-ignore: decorator
@inline function tg(s: Side, i: i32, f: i32): i32 {
  return load<i32>(s.tok + (<usize>(i * STRIDE + f) << 2))
}

// @ts-ignore: decorator
@inline function ts(s: Side, i: i32, f: i32, v: i32): void {
  store<i32>(s.tok + (<usize>(i * STRIDE + f) << 2), v)
}

// @ts-ignore: decorator
@inline function unit(s: Side, i: i32): i32 {
  return s.wide ? <i32>load<u16>(s.base + (<usize>i << 1)) : toLower(<i32>load<u8>(s.base + <usize>i))
}

function prepare(s: Side, p: usize, len: i32): bool {
  if (len == 0) return false
  let ascii = true
  for (let i = 0; i < len; i++) {
    const c = <i32>load<u8>(p + <usize>i)
    if (c <= 32 || c == 127) return false
    if (c >= 0x80) ascii = false
  }
  if (ascii) {
    if (len > MAX_LEN) return false
    s.base = p
    s.wide = false
    s.len = len
    return true
  }
  const raw = String.UTF8.decodeUnsafe(p, <usize>len)
  if (raw.length > MAX_LEN) return false
  // Σ → σ first, as the TS reference does: no final-sigma context rule on either side
  const low = raw.replaceAll('Σ', 'σ').toLowerCase()
  if (s == SA) STR_A = low
  else STR_B = low
  s.base = changetype<usize>(low)
  s.wide = true
  s.len = low.length
  return true
}

function add(s: Side, k: i32, s1: i32, l1: i32, r: i32, s2: i32, l2: i32): void {
  const n = s.n
  ts(s, n, F_KIND, k)
  ts(s, n, F_S1, s1)
  ts(s, n, F_L1, l1)
  ts(s, n, F_DEAD, 0)
  // rank is read for STR/COMB only, the digit part for COMB only
  if (k != K_NUM) ts(s, n, F_RANK, r)
  if (k == K_COMB) {
    ts(s, n, F_S2, s2)
    ts(s, n, F_L2, l2)
  }
  s.n = n + 1
  s.count++
}

function pushList(s: Side): void {
  add(s, K_LIST, 0, 0, 0, 0, 0)
  s.count = 0
}

// w: a static string literal's UTF-16 data (changetype'd, so no GC reference is held)
function eqWord(s: Side, st: i32, l: i32, w: usize, wl: i32): bool {
  if (l != wl) return false
  for (let i = 0; i < l; i++) if (unit(s, st + i) != <i32>load<u16>(w + (<usize>i << 1))) return false
  return true
}

export function qualRank(s: Side, st: i32, l: i32, followedByDigit: bool): i32 {
  if (l == 0) return RANK_RELEASE
  const c = unit(s, st)
  if (l == 1 && followedByDigit) {
    if (c == 97) return 0
    if (c == 98) return 1
    if (c == 109) return 2
  }
  switch (c) {
    case 97: return eqWord(s, st, l, changetype<usize>('alpha'), 5) ? 0 : RANK_UNKNOWN
    case 98: return eqWord(s, st, l, changetype<usize>('beta'), 4) ? 1 : RANK_UNKNOWN
    case 109: return eqWord(s, st, l, changetype<usize>('milestone'), 9) ? 2 : RANK_UNKNOWN
    case 114:
      if (eqWord(s, st, l, changetype<usize>('rc'), 2)) return 3
      return eqWord(s, st, l, changetype<usize>('release'), 7) ? RANK_RELEASE : RANK_UNKNOWN
    case 99: return eqWord(s, st, l, changetype<usize>('cr'), 2) ? 3 : RANK_UNKNOWN
    case 115:
      if (eqWord(s, st, l, changetype<usize>('snapshot'), 8)) return 4
      return eqWord(s, st, l, changetype<usize>('sp'), 2) ? 6 : RANK_UNKNOWN
    case 103: return eqWord(s, st, l, changetype<usize>('ga'), 2) ? RANK_RELEASE : RANK_UNKNOWN
    case 102: return eqWord(s, st, l, changetype<usize>('final'), 5) ? RANK_RELEASE : RANK_UNKNOWN
    default: return RANK_UNKNOWN
  }
}

function addNum(s: Side, st: i32, e: i32): void {
  while (st < e && unit(s, st) == 48) st++
  add(s, K_NUM, st, e - st, 0, 0, 0)
}

function addItem(s: Side, isComb: bool, isDig: bool, st: i32, e: i32): void {
  if (isComb) {
    let k = st
    while (k < e && !isDigit(unit(s, k))) k++
    // the only '-' a combination can hold sits right before its digits
    let sl = k - st
    if (sl > 0 && unit(s, k - 1) == 45) sl--
    let d = k
    while (d < e && unit(s, d) == 48) d++
    add(s, K_COMB, st, sl, qualRank(s, st, sl, true), d, e - d)
  } else if (isDig) {
    addNum(s, st, e)
  } else {
    add(s, K_STR, st, e - st, qualRank(s, st, e - st, false), 0, 0)
  }
}

// ComparableVersion.parseVersion; false where Maven throws.
function parse(s: Side): bool {
  s.n = 0
  s.count = 0
  const len = s.len
  // read once: add() stores to token memory, which the compiler cannot prove disjoint
  const wide = s.wide
  const base = s.base
  let isDig = false
  let isComb = false
  let start = 0
  for (let i = 0; i < len; i++) {
    const c = wide ? <i32>load<u16>(base + (<usize>i << 1)) : toLower(<i32>load<u8>(base + <usize>i))
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < len) {
      if (isDig) return false
      i++
      continue
    }
    if (c == 46) {
      if (i == start) add(s, K_NUM, i, 0, 0, 0, 0)
      else addItem(s, isComb, isDig, start, i)
      isComb = false
      start = i + 1
    } else if (c == 45) {
      if (i == start) add(s, K_NUM, i, 0, 0, 0, 0)
      else {
        if (!isDig && i != len - 1 && isDigit(unit(s, i + 1))) {
          isComb = true
          continue
        }
        addItem(s, isComb, isDig, start, i)
      }
      start = i + 1
      if (s.count > 0) pushList(s)
      isComb = false
    } else if (isDigit(c)) {
      if (!isDig && i > start) {
        isComb = true
        if (s.count > 0) pushList(s)
      }
      isDig = true
    } else {
      if (isDig && i > start) {
        addItem(s, isComb, true, start, i)
        start = i
        pushList(s)
        isComb = false
      }
      isDig = false
    }
  }
  if (len > start) {
    if (!isDig && s.count > 0) pushList(s)
    addItem(s, isComb, isDig, start, len)
  }
  normalize(s)
  return true
}

function firstLive(s: Side, from: i32): i32 {
  for (let i = from; i < s.n; i++) if (!(tg(s, i, F_DEAD) != 0)) return i
  return -1
}

// ListItem.normalize for every list, innermost first, then drop the dead tokens.
function normalize(s: Side): void {
  // pos: the child LIST token of the list being normalized, or n for the innermost
  let pos = s.n
  while (true) {
    let start = pos
    while (start > 0 && tg(s, start - 1, F_KIND) != K_LIST) start--
    const listEnd = pos < s.n ? pos + 1 : pos
    let nextLive = -1
    for (let i = listEnd - 1; i >= start; i--) {
      if ((tg(s, i, F_DEAD) != 0)) continue
      const k = tg(s, i, F_KIND)
      let isNull = false
      if (k == K_NUM) isNull = tg(s, i, F_L1) == 0
      else if (k == K_LIST) isNull = firstLive(s, i + 1) < 0
      let remove = false
      if (isNull) {
        if (nextLive < 0) remove = true
        else {
          const nk = tg(s, nextLive, F_KIND)
          if (nk == K_STR) remove = true
          else if (nk == K_LIST) {
            const f = firstLive(s, nextLive + 1)
            if (f >= 0) {
              const fk = tg(s, f, F_KIND)
              remove = fk == K_STR || fk == K_COMB
            }
          }
        }
      }
      if (remove) ts(s, i, F_DEAD, 1)
      else nextLive = i
    }
    // a list holding only its child list takes the child's items
    if (nextLive >= 0 && tg(s, nextLive, F_KIND) == K_LIST) {
      let live = 0
      for (let i = start; i < listEnd; i++) if (!(tg(s, i, F_DEAD) != 0)) live++
      if (live == 1) ts(s, nextLive, F_DEAD, 1)
    }
    if (start == 0) break
    pos = start - 1
  }
  let w = 0
  for (let i = 0; i < s.n; i++) {
    if ((tg(s, i, F_DEAD) != 0)) continue
    if (w != i) memory.copy(s.tok + (<usize>(w * STRIDE) << 2), s.tok + (<usize>(i * STRIDE) << 2), <usize>(STRIDE * 4))
    w++
  }
  s.n = w
}

function cmpDigits(a: Side, as: i32, al: i32, b: Side, bs: i32, bl: i32): i32 {
  if (al != bl) return al < bl ? -1 : 1
  for (let i = 0; i < al; i++) {
    const x = unit(a, as + i)
    const y = unit(b, bs + i)
    if (x != y) return x < y ? -1 : 1
  }
  return 0
}

function cmpQual(a: Side, ar: i32, as: i32, al: i32, b: Side, br: i32, bs: i32, bl: i32): i32 {
  if (ar != br) return ar < br ? -1 : 1
  if (ar != RANK_UNKNOWN) return 0
  const m = al < bl ? al : bl
  for (let i = 0; i < m; i++) {
    const x = unit(a, as + i)
    const y = unit(b, bs + i)
    if (x != y) return x < y ? -1 : 1
  }
  return al == bl ? 0 : al < bl ? -1 : 1
}

// @ts-ignore: decorator
@inline function rankNull(r: i32): i32 {
  return r < RANK_RELEASE ? -1 : r > RANK_RELEASE ? 1 : 0
}

function scalarNull(s: Side, i: i32): i32 {
  const k = tg(s, i, F_KIND)
  if (k == K_NUM) return tg(s, i, F_L1) == 0 ? 0 : 1
  const r = rankNull(tg(s, i, F_RANK))
  if (k == K_STR || r != 0) return r
  return tg(s, i, F_L2) == 0 ? 0 : 1
}

// Remaining items (nested lists included) against a missing item.
function nullRest(s: Side, i: i32): i32 {
  for (; i < s.n; i++) {
    if (tg(s, i, F_KIND) == K_LIST) continue
    const r = scalarNull(s, i)
    if (r != 0) return r
  }
  return 0
}

function scalarCmp(a: Side, i: i32, b: Side, j: i32): i32 {
  const ka = tg(a, i, F_KIND)
  const kb = tg(b, j, F_KIND)
  if (ka == K_NUM) {
    if (kb != K_NUM) return 1
    return cmpDigits(a, tg(a, i, F_S1), tg(a, i, F_L1), b, tg(b, j, F_S1), tg(b, j, F_L1))
  }
  if (kb == K_NUM) return -1
  const ra = tg(a, i, F_RANK)
  const rb = tg(b, j, F_RANK)
  const q = cmpQual(a, ra, tg(a, i, F_S1), tg(a, i, F_L1), b, rb, tg(b, j, F_S1), tg(b, j, F_L1))
  if (ka == K_STR && kb == K_STR) return q
  if (q != 0) return q
  if (ka == K_STR) return rankNull(ra) == 0 ? -(tg(b, j, F_L2) == 0 ? 0 : 1) : -1
  if (kb == K_STR) return rankNull(ra) == 0 ? (tg(a, i, F_L2) == 0 ? 0 : 1) : 1
  return cmpDigits(a, tg(a, i, F_S2), tg(a, i, F_L2), b, tg(b, j, F_S2), tg(b, j, F_L2))
}

// ListItem(x from token i).compareTo(scalar y at token j).
function listVsScalar(x: Side, i: i32, y: Side, j: i32): i32 {
  if (tg(y, j, F_KIND) == K_NUM) return -1
  if (i >= x.n) return -scalarNull(y, j)
  let r = tg(x, i, F_KIND) == K_LIST ? listVsScalar(x, i + 1, y, j) : scalarCmp(x, i, y, j)
  if (r == 0) r = nullRest(x, i + 1)
  return r
}

function compareParsed(a: Side, b: Side): i32 {
  let i = 0
  let j = 0
  while (true) {
    const aEnd = i >= a.n
    const bEnd = j >= b.n
    if (aEnd && bEnd) return 0
    if (aEnd) return -nullRest(b, j)
    if (bEnd) return nullRest(a, i)
    const ka = tg(a, i, F_KIND)
    const kb = tg(b, j, F_KIND)
    if (ka == K_LIST && kb == K_LIST) {
      i++
      j++
      continue
    }
    if (ka == K_LIST) {
      const r = listVsScalar(a, i + 1, b, j)
      if (r != 0) return r
      i = a.n
      j++
      continue
    }
    if (kb == K_LIST) {
      const r = -listVsScalar(b, j + 1, a, i)
      if (r != 0) return r
      j = b.n
      i++
      continue
    }
    const r = scalarCmp(a, i, b, j)
    if (r != 0) return r
    i++
    j++
  }
  return 0
}

// Only ASCII digits and dots (1 to 256 bytes): every item is a number, and after
// normalisation the comparison is number by number with missing items as zero.
function dottedNumeric(p: usize, len: i32): bool {
  if (len == 0 || len > MAX_LEN) return false
  for (let i = 0; i < len; i++) {
    const c = <i32>load<u8>(p + <usize>i)
    if (c != 46 && !isDigit(c)) return false
  }
  return true
}

function compareDotted(a: usize, al: i32, b: usize, bl: i32): i32 {
  let i = 0
  let j = 0
  while (i < al || j < bl) {
    // one item from each side; a missing or empty item is zero
    while (i < al && load<u8>(a + <usize>i) == 48) i++
    let ie = i
    while (ie < al && load<u8>(a + <usize>ie) != 46) ie++
    while (j < bl && load<u8>(b + <usize>j) == 48) j++
    let je = j
    while (je < bl && load<u8>(b + <usize>je) != 46) je++
    const la = ie - i
    const lb = je - j
    if (la != lb) return la < lb ? -1 : 1
    for (let k = 0; k < la; k++) {
      const x = load<u8>(a + <usize>(i + k))
      const y = load<u8>(b + <usize>(j + k))
      if (x != y) return x < y ? -1 : 1
    }
    i = ie + 1
    j = je + 1
  }
  return 0
}

export function compareMaven(a: usize, al: i32, b: usize, bl: i32): i32 {
  if (dottedNumeric(a, al) && dottedNumeric(b, bl)) return compareDotted(a, al, b, bl)
  if (!prepare(SA, a, al) || !parse(SA)) return INVALID_A
  if (!prepare(SB, b, bl) || !parse(SB)) return INVALID_B
  return sign(compareParsed(SA, SB))
}

export function validMaven(p: usize, len: i32): bool {
  return prepare(SA, p, len) && parse(SA)
}
