import { byteAt, isDigit, isAlpha, isAlnum } from './bytes'
import { INVALID_A, INVALID_B } from './ids'

// RPM EVR, mirroring packages/version/src/reference/rpm.ts (see docs/versions.md).

// @ts-ignore: decorator
@inline const TILDE: i32 = 126
// @ts-ignore: decorator
@inline const CARET: i32 = 94

// The string "0", standing in for a missing epoch.
const ZERO: usize = memory.data<u8>([48])

// Byte offsets of the parts of one EVR, so nothing is copied. Exported with split()
// for the sort-key encoder (assembly/keys/rpm.ts).
export class Evr {
  e: usize = 0
  eLen: i32 = 0
  v: usize = 0
  vLen: i32 = 0
  r: usize = 0
  rLen: i32 = 0
  hasRelease: bool = false
}

const EA = new Evr()
const EB = new Evr()

// @ts-ignore: decorator
@inline function at(p: usize, i: i32, len: i32): i32 {
  return i < len ? byteAt(p, i) : 0
}

function vercmp(a: usize, al: i32, b: usize, bl: i32): i32 {
  if (al == bl && memory.compare(a, b, <usize>al) == 0) return 0
  let i = 0
  let j = 0
  while (i < al || j < bl) {
    while (i < al) {
      const c = byteAt(a, i)
      if (isAlnum(c) || c == TILDE || c == CARET) break
      i++
    }
    while (j < bl) {
      const c = byteAt(b, j)
      if (isAlnum(c) || c == TILDE || c == CARET) break
      j++
    }
    const ca = at(a, i, al)
    const cb = at(b, j, bl)
    if (ca == TILDE || cb == TILDE) {
      if (ca != TILDE) return 1
      if (cb != TILDE) return -1
      i++
      j++
      continue
    }
    if (ca == CARET || cb == CARET) {
      if (i >= al) return -1
      if (j >= bl) return 1
      if (ca != CARET) return 1
      if (cb != CARET) return -1
      i++
      j++
      continue
    }
    if (i >= al || j >= bl) break
    let si = i
    let sj = j
    const num = isDigit(ca)
    if (num) {
      while (i < al && isDigit(byteAt(a, i))) i++
      while (j < bl && isDigit(byteAt(b, j))) j++
    } else {
      while (i < al && isAlpha(byteAt(a, i))) i++
      while (j < bl && isAlpha(byteAt(b, j))) j++
    }
    if (sj == j) return num ? 1 : -1
    if (num) {
      while (si < i && byteAt(a, si) == 48) si++
      while (sj < j && byteAt(b, sj) == 48) sj++
      if (i - si != j - sj) return i - si > j - sj ? 1 : -1
    }
    const la = i - si
    const lb = j - sj
    const n = la < lb ? la : lb
    for (let k = 0; k < n; k++) {
      const d = byteAt(a, si + k) - byteAt(b, sj + k)
      if (d != 0) return d < 0 ? -1 : 1
    }
    if (la != lb) return la > lb ? 1 : -1
  }
  if (i >= al && j >= bl) return 0
  return i >= al ? -1 : 1
}

// rpm's parseEVR. Returns false for what rpm cannot take: empty, or a NUL inside.
export function split(p: usize, len: i32, out: Evr): bool {
  if (len == 0) return false
  let k = 0
  let dash = -1
  for (let i = 0; i < len; i++) {
    const c = byteAt(p, i)
    if (c == 0) return false
    if (c == 45) dash = i
  }
  while (k < len && isDigit(byteAt(p, k))) k++
  let v0 = 0
  if (k < len && byteAt(p, k) == 58) {
    out.e = k > 0 ? p : ZERO
    out.eLen = k > 0 ? k : 1
    v0 = k + 1
  } else {
    out.e = ZERO
    out.eLen = 1
  }
  out.v = p + <usize>v0
  if (dash >= 0) {
    out.vLen = dash - v0
    out.r = p + <usize>(dash + 1)
    out.rLen = len - dash - 1
    out.hasRelease = true
  } else {
    out.vLen = len - v0
    out.r = p
    out.rLen = 0
    out.hasRelease = false
  }
  return true
}

export function compareRpm(a: usize, al: i32, b: usize, bl: i32): i32 {
  if (!split(a, al, EA)) return INVALID_A
  if (!split(b, bl, EB)) return INVALID_B
  const e = vercmp(EA.e, EA.eLen, EB.e, EB.eLen)
  if (e != 0) return e
  const v = vercmp(EA.v, EA.vLen, EB.v, EB.vLen)
  if (v != 0) return v
  if (EA.hasRelease && EB.hasRelease) return vercmp(EA.r, EA.rLen, EB.r, EB.rLen)
  if (EA.hasRelease) return 1
  if (EB.hasRelease) return -1
  return 0
}

function wellFormedPart(p: usize, len: i32): bool {
  if (len <= 0) return false
  for (let i = 0; i < len; i++) {
    const c = byteAt(p, i)
    if (!(isAlnum(c) || c == 46 || c == 95 || c == 43 || c == TILDE || c == CARET)) return false
    if (c == 46 && i + 1 < len && byteAt(p, i + 1) == 46) return false
  }
  return true
}

export function validRpm(p: usize, len: i32): bool {
  if (!split(p, len, EA)) return false
  if (EA.e != ZERO || EA.v != p) {
    // An epoch was written: it must be 1-10 digits below 2^32.
    if (EA.e == ZERO || EA.eLen > 10) return false
    let n: u64 = 0
    for (let i = 0; i < EA.eLen; i++) n = n * 10 + <u64>(byteAt(p, i) - 48)
    if (n > 4294967295) return false
  }
  if (!wellFormedPart(EA.v, EA.vLen)) return false
  return !EA.hasRelease || wellFormedPart(EA.r, EA.rLen)
}
