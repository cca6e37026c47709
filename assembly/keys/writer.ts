import { byteAt } from '../schemes/bytes'

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

export function dropLast(): void {
  kLen--
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
