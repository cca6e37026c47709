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

const RANK_RELEASE: i32 = 5
const RANK_UNKNOWN: i32 = 7

class Side {
  base: usize = 0
  wide: bool = false
  len: i32 = 0
  str: String | null = null
  n: i32 = 0
  count: i32 = 0
  kind: StaticArray<i32> = new StaticArray<i32>(CAP)
  // NUM: digits; STR: qualifier text; COMB: string part
  s1: StaticArray<i32> = new StaticArray<i32>(CAP)
  l1: StaticArray<i32> = new StaticArray<i32>(CAP)
  rank: StaticArray<i32> = new StaticArray<i32>(CAP)
  // COMB: digit part
  s2: StaticArray<i32> = new StaticArray<i32>(CAP)
  l2: StaticArray<i32> = new StaticArray<i32>(CAP)
  dead: StaticArray<bool> = new StaticArray<bool>(CAP)
}

const SA = new Side()
const SB = new Side()

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
    s.str = null
    return true
  }
  const raw = String.UTF8.decodeUnsafe(p, <usize>len)
  if (raw.length > MAX_LEN) return false
  const low = raw.toLowerCase()
  s.str = low
  s.base = changetype<usize>(low)
  s.wide = true
  s.len = low.length
  return true
}

function add(s: Side, k: i32, s1: i32, l1: i32, r: i32, s2: i32, l2: i32): void {
  const n = s.n
  unchecked((s.kind[n] = k))
  unchecked((s.s1[n] = s1))
  unchecked((s.l1[n] = l1))
  unchecked((s.rank[n] = r))
  unchecked((s.s2[n] = s2))
  unchecked((s.l2[n] = l2))
  unchecked((s.dead[n] = false))
  s.n = n + 1
  s.count++
}

function pushList(s: Side): void {
  add(s, K_LIST, 0, 0, 0, 0, 0)
  s.count = 0
}

function eqWord(s: Side, st: i32, l: i32, w: string): bool {
  if (l != w.length) return false
  for (let i = 0; i < l; i++) if (unit(s, st + i) != <i32>w.charCodeAt(i)) return false
  return true
}

function qualRank(s: Side, st: i32, l: i32, followedByDigit: bool): i32 {
  if (l == 0) return RANK_RELEASE
  const c = unit(s, st)
  if (l == 1 && followedByDigit) {
    if (c == 97) return 0
    if (c == 98) return 1
    if (c == 109) return 2
  }
  switch (c) {
    case 97: return eqWord(s, st, l, 'alpha') ? 0 : RANK_UNKNOWN
    case 98: return eqWord(s, st, l, 'beta') ? 1 : RANK_UNKNOWN
    case 109: return eqWord(s, st, l, 'milestone') ? 2 : RANK_UNKNOWN
    case 114:
      if (eqWord(s, st, l, 'rc')) return 3
      return eqWord(s, st, l, 'release') ? RANK_RELEASE : RANK_UNKNOWN
    case 99: return eqWord(s, st, l, 'cr') ? 3 : RANK_UNKNOWN
    case 115:
      if (eqWord(s, st, l, 'snapshot')) return 4
      return eqWord(s, st, l, 'sp') ? 6 : RANK_UNKNOWN
    case 103: return eqWord(s, st, l, 'ga') ? RANK_RELEASE : RANK_UNKNOWN
    case 102: return eqWord(s, st, l, 'final') ? RANK_RELEASE : RANK_UNKNOWN
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
  let isDig = false
  let isComb = false
  let start = 0
  for (let i = 0; i < len; i++) {
    const c = unit(s, i)
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
  for (let i = from; i < s.n; i++) if (!unchecked(s.dead[i])) return i
  return -1
}

// ListItem.normalize for every list, innermost first, then drop the dead tokens.
function normalize(s: Side): void {
  // pos: the child LIST token of the list being normalized, or n for the innermost
  let pos = s.n
  while (true) {
    let start = pos
    while (start > 0 && unchecked(s.kind[start - 1]) != K_LIST) start--
    const listEnd = pos < s.n ? pos + 1 : pos
    let nextLive = -1
    for (let i = listEnd - 1; i >= start; i--) {
      if (unchecked(s.dead[i])) continue
      const k = unchecked(s.kind[i])
      let isNull = false
      if (k == K_NUM) isNull = unchecked(s.l1[i]) == 0
      else if (k == K_LIST) isNull = firstLive(s, i + 1) < 0
      let remove = false
      if (isNull) {
        if (nextLive < 0) remove = true
        else {
          const nk = unchecked(s.kind[nextLive])
          if (nk == K_STR) remove = true
          else if (nk == K_LIST) {
            const f = firstLive(s, nextLive + 1)
            if (f >= 0) {
              const fk = unchecked(s.kind[f])
              remove = fk == K_STR || fk == K_COMB
            }
          }
        }
      }
      if (remove) unchecked((s.dead[i] = true))
      else nextLive = i
    }
    // a list holding only its child list takes the child's items
    if (nextLive >= 0 && unchecked(s.kind[nextLive]) == K_LIST) {
      let live = 0
      for (let i = start; i < listEnd; i++) if (!unchecked(s.dead[i])) live++
      if (live == 1) unchecked((s.dead[nextLive] = true))
    }
    if (start == 0) break
    pos = start - 1
  }
  let w = 0
  for (let i = 0; i < s.n; i++) {
    if (unchecked(s.dead[i])) continue
    if (w != i) {
      unchecked((s.kind[w] = s.kind[i]))
      unchecked((s.s1[w] = s.s1[i]))
      unchecked((s.l1[w] = s.l1[i]))
      unchecked((s.rank[w] = s.rank[i]))
      unchecked((s.s2[w] = s.s2[i]))
      unchecked((s.l2[w] = s.l2[i]))
    }
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
  const k = unchecked(s.kind[i])
  if (k == K_NUM) return unchecked(s.l1[i]) == 0 ? 0 : 1
  const r = rankNull(unchecked(s.rank[i]))
  if (k == K_STR || r != 0) return r
  return unchecked(s.l2[i]) == 0 ? 0 : 1
}

// Remaining items (nested lists included) against a missing item.
function nullRest(s: Side, i: i32): i32 {
  for (; i < s.n; i++) {
    if (unchecked(s.kind[i]) == K_LIST) continue
    const r = scalarNull(s, i)
    if (r != 0) return r
  }
  return 0
}

function scalarCmp(a: Side, i: i32, b: Side, j: i32): i32 {
  const ka = unchecked(a.kind[i])
  const kb = unchecked(b.kind[j])
  if (ka == K_NUM) {
    if (kb != K_NUM) return 1
    return cmpDigits(a, unchecked(a.s1[i]), unchecked(a.l1[i]), b, unchecked(b.s1[j]), unchecked(b.l1[j]))
  }
  if (kb == K_NUM) return -1
  const ra = unchecked(a.rank[i])
  const rb = unchecked(b.rank[j])
  const q = cmpQual(a, ra, unchecked(a.s1[i]), unchecked(a.l1[i]), b, rb, unchecked(b.s1[j]), unchecked(b.l1[j]))
  if (ka == K_STR && kb == K_STR) return q
  if (q != 0) return q
  if (ka == K_STR) return rankNull(ra) == 0 ? -(unchecked(b.l2[j]) == 0 ? 0 : 1) : -1
  if (kb == K_STR) return rankNull(ra) == 0 ? (unchecked(a.l2[i]) == 0 ? 0 : 1) : 1
  return cmpDigits(a, unchecked(a.s2[i]), unchecked(a.l2[i]), b, unchecked(b.s2[j]), unchecked(b.l2[j]))
}

// ListItem(x from token i).compareTo(scalar y at token j).
function listVsScalar(x: Side, i: i32, y: Side, j: i32): i32 {
  if (unchecked(y.kind[j]) == K_NUM) return -1
  if (i >= x.n) return -scalarNull(y, j)
  let r = unchecked(x.kind[i]) == K_LIST ? listVsScalar(x, i + 1, y, j) : scalarCmp(x, i, y, j)
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
    const ka = unchecked(a.kind[i])
    const kb = unchecked(b.kind[j])
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

export function compareMaven(a: usize, al: i32, b: usize, bl: i32): i32 {
  if (!prepare(SA, a, al) || !parse(SA)) return INVALID_A
  if (!prepare(SB, b, bl) || !parse(SB)) return INVALID_B
  return sign(compareParsed(SA, SB))
}

export function validMaven(p: usize, len: i32): bool {
  return prepare(SA, p, len) && parse(SA)
}
