// Output order of a match: packages by name, then version, as JavaScript orders strings
// (UTF-16 code units), ties kept in inventory order. Sorting thousands of short strings
// through a JS comparator costs a call per comparison; here it is a merge sort over
// code units already in memory (see packages/match/src/package-order.ts).
import { Scratch } from './scratch'

const input = new Scratch(4096)
const work = new Scratch(4096)

/** Bit set on an output index whose name and version equal the previous entry's. */
const SAME_AS_PREVIOUS: u32 = 0x80000000

/**
 * Input area for {@link orderRun}: `count` × 4 u32 (name offset, name length, version
 * offset, version length — in UTF-16 code units, from the start of the text that follows
 * the table), then the text as u16 code units.
 */
export function orderInput(size: i32): usize {
  return input.reserve(size)
}

// Three-way compare of two UTF-16 strings, code unit by code unit (JS `<` on strings).
function compareUnits(a: usize, al: u32, b: usize, bl: u32): i32 {
  const n = al < bl ? al : bl
  let i: u32 = 0
  // Four code units at a time while they are equal.
  while (i + 4 <= n && load<u64>(a + (<usize>i << 1)) == load<u64>(b + (<usize>i << 1))) i += 4
  for (; i < n; i++) {
    const x = load<u16>(a + (<usize>i << 1))
    const y = load<u16>(b + (<usize>i << 1))
    if (x != y) return x < y ? -1 : 1
  }
  return al == bl ? 0 : al < bl ? -1 : 1
}

// Each entry's first four name code units packed big-endian (missing ones as 0): when
// two entries' prefixes differ, they order as their names do, with one compare.
let prefixes: usize = 0

// Entries i and j by (name, version).
function compareEntries(table: usize, text: usize, i: u32, j: u32): i32 {
  const pi = load<u64>(prefixes + (<usize>i << 3))
  const pj = load<u64>(prefixes + (<usize>j << 3))
  if (pi != pj) return pi < pj ? -1 : 1
  const ti = table + (<usize>i << 4)
  const tj = table + (<usize>j << 4)
  const c = compareUnits(text + (<usize>load<u32>(ti) << 1), load<u32>(ti, 4), text + (<usize>load<u32>(tj) << 1), load<u32>(tj, 4))
  if (c != 0) return c
  return compareUnits(text + (<usize>load<u32>(ti, 8) << 1), load<u32>(ti, 12), text + (<usize>load<u32>(tj, 8) << 1), load<u32>(tj, 12))
}

/**
 * Sort the `count` entries laid out at {@link orderInput}. Returns a pointer to `count`
 * u32: entry indices in (name, version) order, equal entries in input order (a stable
 * merge sort), with bit 31 set on an index whose name and version equal the previous
 * one's.
 */
export function orderRun(count: i32): usize {
  const n = <u32>count
  const table = input.ptr
  const text = table + (<usize>n << 4)
  const base = work.reserve(<i32>(n << 4))
  let src = base
  let dst = base + (<usize>n << 2)
  prefixes = base + (<usize>n << 3)
  for (let i: u32 = 0; i < n; i++) {
    store<u32>(src + (<usize>i << 2), i)
    const t = table + (<usize>i << 4)
    const name = text + (<usize>load<u32>(t) << 1)
    const len = load<u32>(t, 4)
    let p: u64 = 0
    for (let k: u32 = 0; k < 4; k++) p = (p << 16) | (k < len ? <u64>load<u16>(name + (<usize>k << 1)) : 0)
    store<u64>(prefixes + (<usize>i << 3), p)
  }
  // Runs of 8 by insertion sort, then bottom-up merges.
  const RUN: u32 = 8
  for (let lo: u32 = 0; lo < n; lo += RUN) {
    const hi = lo + RUN < n ? lo + RUN : n
    for (let i = lo + 1; i < hi; i++) {
      const x = load<u32>(src + (<usize>i << 2))
      let j = i
      while (j > lo && compareEntries(table, text, load<u32>(src + (<usize>(j - 1) << 2)), x) > 0) {
        store<u32>(src + (<usize>j << 2), load<u32>(src + (<usize>(j - 1) << 2)))
        j--
      }
      store<u32>(src + (<usize>j << 2), x)
    }
  }
  for (let width = RUN; width < n; width <<= 1) {
    for (let lo: u32 = 0; lo < n; lo += width << 1) {
      const mid = lo + width < n ? lo + width : n
      const hi = lo + (width << 1) < n ? lo + (width << 1) : n
      let a = lo
      let b = mid
      let o = lo
      // Already in order across the seam: copy.
      if (mid < hi && compareEntries(table, text, load<u32>(src + (<usize>(mid - 1) << 2)), load<u32>(src + (<usize>mid << 2))) <= 0) {
        memory.copy(dst + (<usize>lo << 2), src + (<usize>lo << 2), <usize>(hi - lo) << 2)
        continue
      }
      while (a < mid && b < hi) {
        const x = load<u32>(src + (<usize>a << 2))
        const y = load<u32>(src + (<usize>b << 2))
        // Ties take the left run first: stable.
        if (compareEntries(table, text, x, y) <= 0) {
          store<u32>(dst + (<usize>o << 2), x)
          a++
        } else {
          store<u32>(dst + (<usize>o << 2), y)
          b++
        }
        o++
      }
      if (a < mid) memory.copy(dst + (<usize>o << 2), src + (<usize>a << 2), <usize>(mid - a) << 2)
      else if (b < hi) memory.copy(dst + (<usize>o << 2), src + (<usize>b << 2), <usize>(hi - b) << 2)
    }
    const t = src
    src = dst
    dst = t
  }
  for (let i: u32 = 1; i < n; i++) {
    const p = src + (<usize>i << 2)
    if (compareEntries(table, text, load<u32>(p - 4) & ~SAME_AS_PREVIOUS, load<u32>(p)) == 0) store<u32>(p, load<u32>(p) | SAME_AS_PREVIOUS)
  }
  return src
}
