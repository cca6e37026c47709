import { Scratch } from '../scratch'
import { dpkgKey } from './dpkg'
import { rpmKey } from './rpm'
import { apkKey } from './apk'
import { semverKey } from './semver'
import { goKey } from './go'
import { pep440Key } from './pep440'
import { mavenKey } from './maven'
import { rubygemsKey } from './rubygems'
import { nugetKey } from './nuget'
import { pubKey } from './pub'
import { composerKey } from './composer'
import { cranKey, hackageKey } from './numeric-parts'

// Sort keys: the same bytes as packages/version/src/keys (docs/versions.md, "Sort keys").

// A key never needs more than this many bytes for an input of `len` bytes.
// @ts-ignore: decorator
@inline export function keyBound(len: i32): i32 {
  return 8 * len + 32
}

/**
 * Write the sort key of the version at p[0, len) for `scheme` to out[0, outCap).
 * Returns the key length, or -1 when there is no key (invalid version, a scheme or
 * feature without a faithful key, or outCap too small: keyBound(len) always suffices).
 */
export function sortKey(scheme: i32, p: usize, len: i32, out: usize, outCap: i32): i32 {
  switch (scheme) {
    case 0: return dpkgKey(p, len, out, outCap)
    case 1: return rpmKey(p, len, out, outCap)
    case 2: return apkKey(p, len, out, outCap)
    case 3: return semverKey(p, len, out, outCap)
    case 4: return goKey(p, len, out, outCap)
    case 5: return pep440Key(p, len, out, outCap)
    case 6: return mavenKey(p, len, out, outCap)
    case 7: return rubygemsKey(p, len, out, outCap)
    case 8: return nugetKey(p, len, out, outCap)
    case 9: return composerKey(p, len, out, outCap)
    case 10: return cranKey(p, len, out, outCap)
    case 11: return hackageKey(p, len, out, outCap)
    case 12: return pubKey(p, len, out, outCap)
    default: return -1
  }
}

/** memcmp order of two keys, a proper prefix first: -1, 0 or 1. */
export function compareKeys(a: usize, al: i32, b: usize, bl: i32): i32 {
  return keyOrder(a, al, b, bl)
}

/** {@link compareKeys}, inlined where keys are compared in a loop. */
// @ts-ignore: decorator
@inline export function keyOrder(a: usize, al: i32, b: usize, bl: i32): i32 {
  const n = al < bl ? al : bl
  // Eight bytes at a time; in a differing word (little-endian loads) the lowest set bit
  // of x ^ y falls in the first differing byte, which decides.
  let i = 0
  while (i + 8 <= n) {
    const x = load<u64>(a + <usize>i)
    const y = load<u64>(b + <usize>i)
    if (x != y) {
      const s = ctz<u64>(x ^ y) & ~(<u64>7)
      return ((x >> s) & 0xff) < ((y >> s) & 0xff) ? -1 : 1
    }
    i += 8
  }
  for (; i < n; i++) {
    const x = load<u8>(a + <usize>i)
    const y = load<u8>(b + <usize>i)
    if (x != y) return x < y ? -1 : 1
  }
  return al == bl ? 0 : al < bl ? -1 : 1
}

const batch = new Scratch(4096)

/**
 * Keys for `count` strings laid out at `input` as for validBatch (`count + 1` u32
 * offsets, then the bytes). The returned area holds `count` i32 key lengths (-1 = no
 * key) followed by the keys back to back.
 */
export function sortKeyBatch(scheme: i32, input: usize, count: i32): usize {
  const data = input + (<usize>(count + 1) << 2)
  const total = <i32>load<u32>(input + (<usize>count << 2))
  const need = count * 4 + keyBound(total) + 32 * count
  const batchPtr = batch.reserve(need)
  let w = batchPtr + (<usize>count << 2)
  const end = batchPtr + <usize>batch.cap
  for (let k = 0; k < count; k++) {
    const s0 = load<u32>(input + (<usize>k << 2))
    const s1 = load<u32>(input + (<usize>k << 2), 4)
    const n = sortKey(scheme, data + <usize>s0, <i32>(s1 - s0), w, <i32>(end - w))
    store<i32>(batchPtr + (<usize>k << 2), n)
    if (n > 0) w += <usize>n
  }
  return batchPtr
}
