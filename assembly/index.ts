// The Stowaway version core. JS writes many version strings into the input buffer,
// makes one call, and reads integer results from the output buffer (see
// docs/architecture.md, "WASM ABI").
import { INVALID_A } from './schemes/ids'
import { Scratch } from './scratch'
import { compareDpkg, validDpkg } from './schemes/dpkg'
import { compareRpm, validRpm } from './schemes/rpm'
import { compareApk, validApk } from './schemes/apk'
import { compareSemver, validSemver } from './schemes/semver'
import { compareGo, validGo } from './schemes/go'
import { comparePep440, validPep440 } from './schemes/pep440'
import { compareMaven, validMaven } from './schemes/maven'
import { compareRubyGems, validRubyGems } from './schemes/rubygems'
import { compareNuGet, validNuGet } from './schemes/nuget'
import { compareComposer, validComposer } from './schemes/composer'
import { compareCran, validCran } from './schemes/cran'
import { compareHackage, validHackage } from './schemes/hackage'
import { comparePub, validPub } from './schemes/pub'

const input = new Scratch(4096)
const output = new Scratch(4096)

/** Returns a pointer to an input area of at least `size` bytes (contents not kept). */
export function inputBuffer(size: i32): usize {
  return input.reserve(size)
}

function outputBuffer(size: i32): usize {
  return output.reserve(size)
}

export function compare(scheme: i32, a: usize, al: i32, b: usize, bl: i32): i32 {
  switch (scheme) {
    case 0: return compareDpkg(a, al, b, bl)
    case 1: return compareRpm(a, al, b, bl)
    case 2: return compareApk(a, al, b, bl)
    case 3: return compareSemver(a, al, b, bl)
    case 4: return compareGo(a, al, b, bl)
    case 5: return comparePep440(a, al, b, bl)
    case 6: return compareMaven(a, al, b, bl)
    case 7: return compareRubyGems(a, al, b, bl)
    case 8: return compareNuGet(a, al, b, bl)
    case 9: return compareComposer(a, al, b, bl)
    case 10: return compareCran(a, al, b, bl)
    case 11: return compareHackage(a, al, b, bl)
    case 12: return comparePub(a, al, b, bl)
    default: return INVALID_A
  }
}

export function valid(scheme: i32, p: usize, len: i32): bool {
  switch (scheme) {
    case 0: return validDpkg(p, len)
    case 1: return validRpm(p, len)
    case 2: return validApk(p, len)
    case 3: return validSemver(p, len)
    case 4: return validGo(p, len)
    case 5: return validPep440(p, len)
    case 6: return validMaven(p, len)
    case 7: return validRubyGems(p, len)
    case 8: return validNuGet(p, len)
    case 9: return validComposer(p, len)
    case 10: return validCran(p, len)
    case 11: return validHackage(p, len)
    case 12: return validPub(p, len)
    default: return false
  }
}

/** Compare the two strings laid out back to back at the input buffer. */
export function compareOne(scheme: i32, al: i32, bl: i32): i32 {
  return compare(scheme, input.ptr, al, input.ptr + <usize>al, bl)
}

/**
 * Compare `count` pairs. The input buffer holds an offset table of `2 * count + 1`
 * u32 values (string i spans `[off[i], off[i + 1])`, strings ordered A0 B0 A1 B1 …)
 * followed by the UTF-8 bytes the offsets index. Writes one i8 result per pair and
 * returns the output pointer.
 */
export function compareBatch(scheme: i32, count: i32): usize {
  const out = outputBuffer(count)
  const table = input.ptr
  const data = input.ptr + (<usize>(2 * count + 1) << 2)
  for (let k = 0; k < count; k++) {
    const t = table + (<usize>(2 * k) << 2)
    const a0 = load<u32>(t)
    const b0 = load<u32>(t, 4)
    const b1 = load<u32>(t, 8)
    store<i8>(out + <usize>k, <i8>compare(scheme, data + <usize>a0, <i32>(b0 - a0), data + <usize>b0, <i32>(b1 - b0)))
  }
  return out
}

/** Validate `count` strings laid out as for {@link compareBatch} (`count + 1` offsets); one u8 (0/1) each. */
export function validBatch(scheme: i32, count: i32): usize {
  const out = outputBuffer(count)
  const table = input.ptr
  const data = input.ptr + (<usize>(count + 1) << 2)
  for (let k = 0; k < count; k++) {
    const t = table + (<usize>k << 2)
    const s0 = load<u32>(t)
    const s1 = load<u32>(t, 4)
    store<u8>(out + <usize>k, valid(scheme, data + <usize>s0, <i32>(s1 - s0)) ? 1 : 0)
  }
  return out
}

// Pre-parsed version sort keys (docs/versions.md, "Sort keys").
export { sortKey, compareKeys, sortKeyBatch } from './keys/sort-key'

// Bulk matcher over shard match regions (packages/match, helper M2).
export { matchAlloc, matchFree, matchInput, matchRun } from './match'

export { orderInput, orderRun } from './package-order'
