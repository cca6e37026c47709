import { byteAt } from '../schemes/bytes'
import { Scratch } from '../scratch'

// The key being written: bytes go to [kOut, kOut + kCap); kLen counts every byte, so
// a key longer than the area shows as kLen > kCap and is reported as "no key".
let kOut: usize = 0
let kCap: i32 = 0
export let kLen: i32 = 0

export function begin(out: usize, cap: i32): void {
  kOut = out
  kCap = cap
  kLen = 0
}

// Inlined: key encoders call it once per key byte.
// @ts-ignore: decorator
@inline export function put(b: i32): void {
  if (kLen < kCap) store<u8>(kOut + <usize>kLen, <u8>b)
  kLen++
}

export function putBytes(p: usize, from: i32, to: i32): void {
  const n = to - from
  if (n > 0 && kLen + n <= kCap) {
    // Fits: copy without a bounds check per byte.
    const o = kOut + <usize>kLen
    for (let i = 0; i < n; i++) store<u8>(o + <usize>i, load<u8>(p + <usize>(from + i)))
    kLen += n
    return
  }
  for (let i = from; i < to; i++) put(byteAt(p, i))
}

// Last byte written, or -1.
export function lastByte(): i32 {
  return kLen > 0 && kLen <= kCap ? <i32>load<u8>(kOut + <usize>(kLen - 1)) : -1
}

// A digit run p[from, to) as a length byte (base + count without leading zeros) and the
// significant digits; false when base + count passes max (mirrors KeyBuilder.pushNumber).
export function putNumber(p: usize, from: i32, to: i32, base: i32, max: i32): bool {
  while (from < to && byteAt(p, from) == 48) from++
  if (base + (to - from) > max) return false
  put(base + (to - from))
  putBytes(p, from, to)
  return true
}

// A number already parsed to a u64, written as putNumber(base 0) writes its decimal
// digits: the digit count, then the digits (zero has none).
export function putU64(n: u64): void {
  let digits = 0
  for (let m = n; m != 0; m /= 10) digits++
  put(digits)
  if (digits == 0) return
  let div: u64 = 1
  for (let k = 1; k < digits; k++) div *= 10
  for (; div != 0; div /= 10) put(48 + <i32>((n / div) % 10))
}

// Result of an encoder: the key length, or -1 (no key, or it did not fit).
export function finish(ok: bool): i32 {
  return ok && kLen <= kCap ? kLen : -1
}

export function truncateTo(n: i32): void {
  kLen = n
}

// Unchecked writing, for the encoders whose keys have a small proven bound (rpm, dpkg,
// apk: at most 3 * len + 8 bytes, see each encoder). They write through a local pointer
// `w` with plain stores, no count or capacity check per byte, and return the end of what
// they wrote (0 = no key).

// Room an unchecked encoder is given for an input of `len` bytes.
// @ts-ignore: decorator
@inline export function fastBound(len: i32): i32 {
  return 3 * len + 16
}

// Where a caller's area is smaller than fastBound (keyBound always suffices, so only
// callers passing less), the key is written here and copied back when it fits.
const spill = new Scratch(256)

// Where to write a key of at most `bound` bytes: `out` itself when it has the room.
// @ts-ignore: decorator
@inline export function keyArea(out: usize, cap: i32, bound: i32): usize {
  return cap >= bound ? out : spill.reserve(bound)
}

// The encoder result for a key written at [area, w) (w = 0: no key): its length, after
// copying it to `out` if it went to the spill area; -1 when there is no key or it does
// not fit in `cap`.
// @ts-ignore: decorator
@inline export function settle(area: usize, w: usize, out: usize, cap: i32): i32 {
  if (w == 0) return -1
  const n = <i32>(w - area)
  if (area != out) {
    if (n > cap) return -1
    memory.copy(out, area, <usize>n)
  }
  return n
}

// End of the digit run starting at i (i itself when there is none).
// @ts-ignore: decorator
@inline export function digitEnd(i: usize, end: usize): usize {
  while (i < end && <u32>(<i32>load<u8>(i) - 48) < 10) i++
  return i
}

// putNumber at w without checks: the digit run [from, to) as base + its count without
// leading zeros, then those digits. Returns the new end, or 0 when base + count > max.
// @ts-ignore: decorator
@inline export function writeNumber(from: usize, to: usize, w: usize, base: i32, max: i32): usize {
  while (from < to && load<u8>(from) == 48) from++
  const n = <i32>(to - from)
  if (base + n > max) return 0
  store<u8>(w, <u8>(base + n))
  copyBytes(from, to, w + 1)
  return w + 1 + <usize>n
}

// The bytes [from, to) to w (version runs are a few bytes long).
// @ts-ignore: decorator
@inline export function copyBytes(from: usize, to: usize, w: usize): void {
  for (; from < to; from++, w++) store<u8>(w, load<u8>(from))
}

// One past the last byte c in [v, end), or v when there is none: eight bytes a load
// while eight are left (a release or revision is usually found in the first one or two),
// then a byte at a time.
// @ts-ignore: decorator
@inline export function afterLast(v: usize, end: usize, c: u8): usize {
  let r = end
  const pattern = <u64>c * 0x0101010101010101
  while (r - v >= 8) {
    const y = load<u64>(r - 8) ^ pattern
    // A lane's high bit set where y's byte is 0, i.e. a c (no borrow between lanes).
    const m = ~(((y | 0x8080808080808080) - 0x0101010101010101) | y) & 0x8080808080808080
    if (m != 0) return r - 8 + <usize>((63 - clz<u64>(m)) >> 3) + 1
    r -= 8
  }
  while (r > v && load<u8>(r - 1) != c) r--
  return r
}

// Byte classes for the unchecked encoders, as one unsigned compare each (the forms in
// schemes/bytes.ts take two; rpm keys 8-10 % faster with these).
// @ts-ignore: decorator
@inline export function isDigit(c: i32): bool {
  return <u32>(c - 48) < 10
}

// @ts-ignore: decorator
@inline export function isAlpha(c: i32): bool {
  return <u32>((c | 32) - 97) < 26
}

/** Digits {@link copyDigits} copied (read right after the call). */
export let digitsCopied: i32 = 0

/**
 * The digit run at `i` (maybe empty) in one pass: leading zeros skipped, the rest copied
 * to `o` as they are scanned. Returns where the run ends; the count is in
 * {@link digitsCopied}.
 */
// @ts-ignore: decorator
@inline export function copyDigits(i: usize, end: usize, o: usize): usize {
  while (i < end && load<u8>(i) == 48) i++
  let n = 0
  while (i < end) {
    const x = load<u8>(i)
    if (!isDigit(x)) break
    store<u8>(o + <usize>n, x)
    n++
    i++
  }
  digitsCopied = n
  return i
}
