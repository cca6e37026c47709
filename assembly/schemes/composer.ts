import { byteAt, isDigit, isAlnum, toLower } from './bytes'
import { INVALID_A, INVALID_B } from './ids'

// Composer: VersionParser::normalize (composer/semver 3.4) hand-matched without
// regexes, then PHP's version_compare on the normalized bytes. Normalized and
// canonical forms go to module-level scratch buffers that only grow.

@unmanaged
class Buf {
  ptr: usize = 0
  cap: i32 = 0
  len: i32 = 0
}

const NA = new Buf()
const NB = new Buf()
const CA = new Buf()
const CB = new Buf()
const T1 = new Buf()
const T2 = new Buf()

function reserve(b: Buf, size: i32): void {
  if (size <= b.cap) return
  const cap = size < 256 ? 256 : size * 2
  b.ptr = b.ptr == 0 ? heap.alloc(<usize>cap) : heap.realloc(b.ptr, <usize>cap)
  b.cap = cap
}

// @ts-ignore: decorator
@inline function put(b: Buf, c: i32): void {
  store<u8>(b.ptr + <usize>b.len, <u8>c)
  b.len++
}

function putRange(b: Buf, p: usize, s: i32, e: i32): void {
  for (let i = s; i < e; i++) put(b, byteAt(p, i))
}

// w, wl: a static string literal's UTF-16 data (changetype'd: no GC reference in the hot path)
function putStr(b: Buf, w: usize, wl: i32): void {
  for (let i = 0; i < wl; i++) put(b, <i32>load<u16>(w + (<usize>i << 1)))
}

// @ts-ignore: decorator
@inline function isTrim(c: i32): bool {
  return c == 32 || c == 9 || c == 10 || c == 13 || c == 0 || c == 11
}

// @ts-ignore: decorator
@inline function isWs(c: i32): bool {
  return c == 32 || (c >= 9 && c <= 13)
}

// @ts-ignore: decorator
@inline function isSep(c: i32): bool {
  return c == 46 || c == 45
}

function eqCi(p: usize, at: i32, e: i32, w: usize, l: i32): bool {
  if (at + l > e) return false
  for (let i = 0; i < l; i++) if (toLower(byteAt(p, at + i)) != <i32>load<u16>(w + (<usize>i << 1))) return false
  return true
}

// Result of matching the modifier regex. Exported with matchMod() and digitsAt() for
// the sort-key encoder (assembly/keys/composer.ts).
@unmanaged
export class Mod {
  stab: i32 = -1
  stabLen: i32 = 0
  nums: i32 = 0
  numsLen: i32 = 0
  dev: bool = false
}

export const MOD = new Mod()
// Alternation order of (stable|beta|b|RC|alpha|a|patch|pl|p), lower-cased.
const STAB_COUNT = 9
function stabWord(w: i32): usize {
  switch (w) {
    case 0: return changetype<usize>('stable')
    case 1: return changetype<usize>('beta')
    case 2: return changetype<usize>('b')
    case 3: return changetype<usize>('rc')
    case 4: return changetype<usize>('alpha')
    case 5: return changetype<usize>('a')
    case 6: return changetype<usize>('patch')
    case 7: return changetype<usize>('pl')
    default: return changetype<usize>('p')
  }
}
function stabLen(w: i32): i32 {
  switch (w) {
    case 0: return 6
    case 1: return 4
    case 3: return 2
    case 4: return 5
    case 6: return 5
    case 7: return 2
    default: return 1
  }
}

// ([.-]?dev)?$ at k
function devTail(p: usize, k: i32, e: i32): i32 {
  if (k == e) return 0
  if (isSep(byteAt(p, k)) && k + 4 == e && eqCi(p, k + 1, e, changetype<usize>('dev'), 3)) return 1
  if (k + 3 == e && eqCi(p, k, e, changetype<usize>('dev'), 3)) return 1
  return -1
}

// [._-]?(?:(stab)((?:[.-]?\d+)*+)?)?([.-]?dev)?$ from i, in PCRE's priority order.
export function matchMod(p: usize, i: i32, e: i32): bool {
  const c = i < e ? byteAt(p, i) : -1
  const hasSep = c == 46 || c == 95 || c == 45
  for (let pass = 0; pass < 2; pass++) {
    if (pass == 0 && !hasSep) continue
    const j = pass == 0 ? i + 1 : i
    for (let w = 0; w < STAB_COUNT; w++) {
      const word = stabWord(w)
      const wl = stabLen(w)
      if (!eqCi(p, j, e, word, wl)) continue
      let k = j + wl
      const ns = k
      while (k < e) {
        const d = byteAt(p, k)
        if (isSep(d) && k + 1 < e && isDigit(byteAt(p, k + 1))) k += 2
        else if (isDigit(d)) k++
        else break
        while (k < e && isDigit(byteAt(p, k))) k++
      }
      const dev = devTail(p, k, e)
      if (dev >= 0) {
        MOD.stab = j
        MOD.stabLen = wl
        MOD.nums = ns
        MOD.numsLen = k - ns
        MOD.dev = dev == 1
        return true
      }
    }
    const dev = devTail(p, j, e)
    if (dev >= 0) {
      MOD.stab = -1
      MOD.dev = dev == 1
      return true
    }
  }
  return false
}

// Appends the modifier; false when 'stable' (exact case) ends the version there.
function putMod(out: Buf, p: usize): void {
  if (MOD.stab >= 0) {
    const s = MOD.stab
    const l = MOD.stabLen
    if (l == 6 && byteAt(p, s) == 115 && eqCase(p, s, changetype<usize>('stable'), 6)) return
    put(out, 45)
    const c0 = toLower(byteAt(p, s))
    if (l == 1 && c0 == 97) putStr(out, changetype<usize>('alpha'), 5)
    else if (l == 1 && c0 == 98) putStr(out, changetype<usize>('beta'), 4)
    else if ((l == 1 && c0 == 112) || (l == 2 && c0 == 112)) putStr(out, changetype<usize>('patch'), 5)
    else if (l == 2 && c0 == 114) putStr(out, changetype<usize>('RC'), 2)
    else for (let i = 0; i < l; i++) put(out, toLower(byteAt(p, s + i)))
    let n = MOD.nums
    const ne = n + MOD.numsLen
    while (n < ne && isSep(byteAt(p, n))) n++
    putRange(out, p, n, ne)
  }
  if (MOD.dev) putStr(out, changetype<usize>('-dev'), 4)
}

function eqCase(p: usize, at: i32, w: usize, wl: i32): bool {
  for (let i = 0; i < wl; i++) if (byteAt(p, at + i) != <i32>load<u16>(w + (<usize>i << 1))) return false
  return true
}

export function digitsAt(p: usize, i: i32, e: i32): i32 {
  let k = i
  while (k < e && isDigit(byteAt(p, k))) k++
  return k - i
}

function classical(p: usize, s: i32, e: i32, out: Buf): bool {
  let i = s
  if (i < e && (byteAt(p, i) | 32) == 118) i++
  const d = digitsAt(p, i, e)
  if (d == 0 || d > 5) return false
  const majorEnd = i + d
  let k = majorEnd
  let groups = 0
  while (groups < 3 && k + 1 < e && byteAt(p, k) == 46 && isDigit(byteAt(p, k + 1))) {
    k += 1 + digitsAt(p, k + 1, e)
    groups++
  }
  if (!matchMod(p, k, e)) return false
  out.len = 0
  putRange(out, p, i, k)
  for (let g = groups; g < 3; g++) putStr(out, changetype<usize>('.0'), 2)
  putMod(out, p)
  return true
}

// One [.:-]?\d{2} step at q; returns the new position or -1.
function dateStep2(p: usize, q: i32, e: i32): i32 {
  if (q < e) {
    const c = byteAt(p, q)
    if (c == 46 || c == 58 || c == 45) q++
  }
  if (q + 2 <= e && isDigit(byteAt(p, q)) && isDigit(byteAt(p, q + 1))) return q + 2
  return -1
}

function dateOut(p: usize, i: i32, end: i32, out: Buf): void {
  out.len = 0
  for (let k = i; k < end; k++) {
    const c = byteAt(p, k)
    put(out, isDigit(c) ? c : 46)
  }
  putMod(out, p)
}

// (?:[.:-]?\d{1,3}){0,2} then the modifier, trying PCRE's order; returns the end or -1.
function dateTail(p: usize, q: i32, e: i32, left: i32): i32 {
  if (left > 0) {
    let r = q
    if (r < e) {
      const c = byteAt(p, r)
      if (c == 46 || c == 58 || c == 45) r++
    }
    const avail = digitsAt(p, r, e)
    for (let n = avail < 3 ? avail : 3; n >= 1; n--) {
      const got = dateTail(p, r + n, e, left - 1)
      if (got >= 0) return got
    }
  }
  return matchMod(p, q, e) ? q : -1
}

function date(p: usize, s: i32, e: i32, out: Buf): bool {
  let i = s
  if (i < e && (byteAt(p, i) | 32) == 118) i++
  if (digitsAt(p, i, e) < 4) return false
  // each \d{2} step can match only one way, so list the reachable ends
  let pos0 = i + 4
  let ends0: i32 = -1
  let ends1: i32 = -1
  let ends2: i32 = -1
  let ends3: i32 = -1
  let ends4: i32 = -1
  let ends5: i32 = -1
  let q = pos0
  let k = 0
  while (k < 6) {
    const nq = dateStep2(p, q, e)
    if (nq < 0) break
    q = nq
    if (k == 0) ends0 = q
    else if (k == 1) ends1 = q
    else if (k == 2) ends2 = q
    else if (k == 3) ends3 = q
    else if (k == 4) ends4 = q
    else ends5 = q
    k++
  }
  for (let n = k; n >= 1; n--) {
    const at = n == 1 ? ends0 : n == 2 ? ends1 : n == 3 ? ends2 : n == 4 ? ends3 : n == 5 ? ends4 : ends5
    const end = dateTail(p, at, e, 2)
    if (end >= 0) {
      dateOut(p, i, end, out)
      return true
    }
  }
  return false
}

// normalizeBranch for a numeric name ending in -dev; false when it would be dev-<name>.
function numericBranch(p: usize, s: i32, e: i32, out: Buf): bool {
  while (s < e && isTrim(byteAt(p, s))) s++
  while (e > s && isTrim(byteAt(p, e - 1))) e--
  let i = s
  if (i < e && (byteAt(p, i) | 32) == 118) i++
  const d = digitsAt(p, i, e)
  if (d == 0) return false
  out.len = 0
  putRange(out, p, i, i + d)
  let k = i + d
  let groups = 0
  while (groups < 3 && k < e && byteAt(p, k) == 46 && k + 1 < e) {
    const c = byteAt(p, k + 1)
    if (isDigit(c)) {
      const n = digitsAt(p, k + 1, e)
      putRange(out, p, k, k + 1 + n)
      k += 1 + n
    } else if (c == 120 || c == 88 || c == 42) {
      putStr(out, changetype<usize>('.9999999'), 8)
      k += 2
    } else break
    groups++
  }
  if (k != e) return false
  for (let g = groups; g < 3; g++) putStr(out, changetype<usize>('.9999999'), 8)
  putStr(out, changetype<usize>('-dev'), 4)
  return true
}

function normalize(p: usize, len: i32, out: Buf): bool {
  reserve(out, len * 8 + 32)
  let s = 0
  let e = len
  while (s < e && isTrim(byteAt(p, s))) s++
  while (e > s && isTrim(byteAt(p, e - 1))) e--
  // "<a> as <b>" aliases
  {
    let k = s
    while (k < e && byteAt(p, k) != 44 && !isWs(byteAt(p, k))) k++
    if (k > s && k < e && byteAt(p, k) == 32) {
      let m = k
      while (m < e && byteAt(p, m) == 32) m++
      if (m + 2 < e && byteAt(p, m) == 97 && byteAt(p, m + 1) == 115 && byteAt(p, m + 2) == 32) {
        let r = m + 2
        while (r < e && byteAt(p, r) == 32) r++
        let t = r
        while (t < e && byteAt(p, t) != 44 && !isWs(byteAt(p, t))) t++
        if (r < e && t == e) e = k
      }
    }
  }
  // @stability flag
  if (e - s >= 4 && byteAt(p, e - 4) == 64 && eqCi(p, e - 3, e, changetype<usize>('dev'), 3)) e -= 4
  else if (e - s >= 3 && byteAt(p, e - 3) == 64 && eqCi(p, e - 2, e, changetype<usize>('rc'), 2)) e -= 3
  else if (e - s >= 5 && byteAt(p, e - 5) == 64 && eqCi(p, e - 4, e, changetype<usize>('beta'), 4)) e -= 5
  else if (e - s >= 6 && byteAt(p, e - 6) == 64 && eqCi(p, e - 5, e, changetype<usize>('alpha'), 5)) e -= 6
  else if (e - s >= 7 && byteAt(p, e - 7) == 64 && eqCi(p, e - 6, e, changetype<usize>('stable'), 6)) e -= 7
  const l = e - s
  if ((l == 6 && eqCase(p, s, changetype<usize>('master'), 6)) || (l == 5 && eqCase(p, s, changetype<usize>('trunk'), 5)) || (l == 7 && eqCase(p, s, changetype<usize>('default'), 7))) {
    out.len = 0
    putStr(out, changetype<usize>('dev-'), 4)
    putRange(out, p, s, e)
    return true
  }
  if (eqCi(p, s, e, changetype<usize>('dev-'), 4)) {
    out.len = 0
    putStr(out, changetype<usize>('dev-'), 4)
    putRange(out, p, s + 4, e)
    return true
  }
  // build metadata
  {
    let k = s
    while (k < e) {
      const c = byteAt(p, k)
      if (c == 44 || c == 43 || isWs(c)) break
      k++
    }
    if (k > s && k < e && byteAt(p, k) == 43 && k + 1 < e) {
      let ok = true
      for (let m = k + 1; m < e; m++) {
        if (isWs(byteAt(p, m))) {
          ok = false
          break
        }
      }
      if (ok) e = k
    }
  }
  if (classical(p, s, e, out)) return true
  if (date(p, s, e, out)) return true
  // "<numeric branch>[.-]dev"
  if (e - s >= 3 && eqCi(p, e - 3, e, changetype<usize>('dev'), 3)) {
    let start = s
    for (let k = e - 4; k >= s; k--) {
      if (byteAt(p, k) == 10) {
        start = k + 1
        break
      }
    }
    let stop = e - 3
    if (stop - 1 >= start && isSep(byteAt(p, stop - 1))) stop--
    if (numericBranch(p, start, stop, out)) return true
  }
  return false
}

// php_canonicalize_version (output position kept in a local: this is the hot loop)
function canonicalize(p: usize, len: i32, out: Buf): void {
  reserve(out, len * 2 + 2)
  const o = out.ptr
  let n = 0
  if (len > 0) {
    let lp = byteAt(p, 0)
    store<u8>(o, <u8>lp)
    n = 1
    for (let i = 1; i < len; i++) {
      const c = byteAt(p, i)
      const lastDot = load<u8>(o + <usize>(n - 1)) == 46
      const lpDigit = isDigit(lp)
      if (c == 45 || c == 95 || c == 43) {
        if (!lastDot) store<u8>(o + <usize>(n++), 46)
      } else if ((!lpDigit && lp != 46 && isDigit(c)) || (lpDigit && !isDigit(c) && c != 46)) {
        if (!lastDot) store<u8>(o + <usize>(n++), 46)
        store<u8>(o + <usize>(n++), <u8>c)
      } else if (!isAlnum(c)) {
        if (!lastDot) store<u8>(o + <usize>(n++), 46)
      } else {
        store<u8>(o + <usize>(n++), <u8>c)
      }
      lp = c
    }
  }
  out.len = n
}

function startsWith(p: usize, s: i32, e: i32, w: usize, wl: i32): bool {
  if (e - s < wl) return false
  for (let i = 0; i < wl; i++) if (byteAt(p, s + i) != <i32>load<u16>(w + (<usize>i << 1))) return false
  return true
}

// Order of version_compare's special forms; first prefix match wins.
function formOrder(p: usize, s: i32, e: i32): i32 {
  if (startsWith(p, s, e, changetype<usize>('dev'), 3)) return 0
  if (startsWith(p, s, e, changetype<usize>('alpha'), 5)) return 1
  if (startsWith(p, s, e, changetype<usize>('a'), 1)) return 1
  if (startsWith(p, s, e, changetype<usize>('beta'), 4)) return 2
  if (startsWith(p, s, e, changetype<usize>('b'), 1)) return 2
  if (startsWith(p, s, e, changetype<usize>('RC'), 2)) return 3
  if (startsWith(p, s, e, changetype<usize>('rc'), 2)) return 3
  if (startsWith(p, s, e, changetype<usize>('#'), 1)) return 4
  if (startsWith(p, s, e, changetype<usize>('pl'), 2)) return 5
  if (startsWith(p, s, e, changetype<usize>('p'), 1)) return 5
  return -1
}

// @ts-ignore: decorator
@inline function sgn(n: i32): i32 {
  return n < 0 ? -1 : n > 0 ? 1 : 0
}

const LONG_MAX = '9223372036854775807'

// strtol on the digit run at [s, e), saturating at LONG_MAX; compared as digit strings.
function cmpLong(a: usize, as: i32, ae: i32, b: usize, bs: i32, be: i32): i32 {
  while (as < ae && byteAt(a, as) == 48) as++
  while (bs < be && byteAt(b, bs) == 48) bs++
  let ad = digitsAt(a, as, ae)
  let bd = digitsAt(b, bs, be)
  const aSat = ad > 19 || (ad == 19 && cmpLongMax(a, as) > 0)
  const bSat = bd > 19 || (bd == 19 && cmpLongMax(b, bs) > 0)
  if (aSat && bSat) return 0
  if (aSat) return bd == 19 ? -cmpLongMax(b, bs) : 1
  if (bSat) return ad == 19 ? cmpLongMax(a, as) : -1
  if (ad != bd) return ad < bd ? -1 : 1
  for (let i = 0; i < ad; i++) {
    const x = byteAt(a, as + i)
    const y = byteAt(b, bs + i)
    if (x != y) return x < y ? -1 : 1
  }
  return 0
}

// compare a 19-digit run with LONG_MAX
function cmpLongMax(p: usize, s: i32): i32 {
  for (let i = 0; i < 19; i++) {
    const x = byteAt(p, s + i)
    const y = <i32>load<u16>(changetype<usize>(LONG_MAX) + (<usize>i << 1))
    if (x != y) return x < y ? -1 : 1
  }
  return 0
}

function indexOfDot(p: usize, s: i32, e: i32): i32 {
  for (let i = s; i < e; i++) if (byteAt(p, i) == 46) return i
  return -1
}

// php_version_compare(rest, "#N#"), following the recursion as a loop.
function tailVsNumber(p: usize, len: i32): i32 {
  let src = p
  let srcLen = len
  let flip = false
  while (true) {
    if (srcLen == 0) return -1
    let x: usize
    let xl: i32
    if (byteAt(src, 0) == 35) {
      x = src
      xl = srcLen
    } else {
      const buf = flip ? T2 : T1
      canonicalize(src, srcLen, buf)
      flip = !flip
      x = buf.ptr
      xl = buf.len
    }
    const dot = indexOfDot(x, 0, xl)
    const pe = dot < 0 ? xl : dot
    const c = isDigit(byteAt(x, 0)) ? 0 : sgn(formOrder(x, 0, pe) - 4)
    if (c != 0) return c
    if (dot < 0) return 0
    if (dot + 1 < xl && isDigit(byteAt(x, dot + 1))) return 1
    src = x + <usize>(dot + 1)
    srcLen = xl - dot - 1
  }
  return 0
}

function phpCompare(a: usize, al: i32, b: usize, bl: i32): i32 {
  if (al == 0 || bl == 0) return al == 0 && bl == 0 ? 0 : al > 0 ? 1 : -1
  let v1 = a
  let l1 = al
  let v2 = b
  let l2 = bl
  if (byteAt(a, 0) != 35) {
    canonicalize(a, al, CA)
    v1 = CA.ptr
    l1 = CA.len
  }
  if (byteAt(b, 0) != 35) {
    canonicalize(b, bl, CB)
    v2 = CB.ptr
    l2 = CB.len
  }
  let p1 = 0
  let p2 = 0
  let n1 = 0
  let n2 = 0
  let compare = 0
  while (p1 < l1 && p2 < l2 && n1 >= 0 && n2 >= 0) {
    n1 = indexOfDot(v1, p1, l1)
    n2 = indexOfDot(v2, p2, l2)
    const e1 = n1 < 0 ? l1 : n1
    const e2 = n2 < 0 ? l2 : n2
    const d1 = p1 < e1 && isDigit(byteAt(v1, p1))
    const d2 = p2 < e2 && isDigit(byteAt(v2, p2))
    if (d1 && d2) compare = cmpLong(v1, p1, e1, v2, p2, e2)
    else if (!d1 && !d2) compare = sgn(formOrder(v1, p1, e1) - formOrder(v2, p2, e2))
    else compare = d1 ? sgn(4 - formOrder(v2, p2, e2)) : sgn(formOrder(v1, p1, e1) - 4)
    if (compare != 0) break
    if (n1 >= 0) p1 = n1 + 1
    if (n2 >= 0) p2 = n2 + 1
  }
  if (compare == 0) {
    if (n1 >= 0) compare = p1 < l1 && isDigit(byteAt(v1, p1)) ? 1 : tailVsNumber(v1 + <usize>p1, l1 - p1)
    else if (n2 >= 0) compare = p2 < l2 && isDigit(byteAt(v2, p2)) ? -1 : -tailVsNumber(v2 + <usize>p2, l2 - p2)
  }
  return sgn(compare)
}

function isBranch(b: Buf): bool {
  return b.len >= 4 && startsWith(b.ptr, 0, b.len, changetype<usize>('dev-'), 4)
}

// Plain `N[.N[.N[.N]]]` with a 1-5 digit major: normalize only pads it to four parts,
// and version_compare then compares the four numbers.
function plainNumeric(p: usize, len: i32): bool {
  const d = digitsAt(p, 0, len)
  if (d == 0 || d > 5) return false
  let k = d
  let parts = 1
  while (k < len) {
    if (parts == 4 || byteAt(p, k) != 46) return false
    const n = digitsAt(p, k + 1, len)
    if (n == 0) return false
    k += 1 + n
    parts++
  }
  return true
}

function comparePlain(a: usize, al: i32, b: usize, bl: i32): i32 {
  let i = 0
  let j = 0
  for (let part = 0; part < 4; part++) {
    const ie = i < al ? i + digitsAt(a, i, al) : i
    const je = j < bl ? j + digitsAt(b, j, bl) : j
    const r = cmpLong(a, i, ie, b, j, je)
    if (r != 0) return r
    i = ie < al ? ie + 1 : ie
    j = je < bl ? je + 1 : je
  }
  return 0
}

export function compareComposer(a: usize, al: i32, b: usize, bl: i32): i32 {
  if (plainNumeric(a, al) && plainNumeric(b, bl)) return comparePlain(a, al, b, bl)
  if (!normalize(a, al, NA)) return INVALID_A
  if (!normalize(b, bl, NB)) return INVALID_B
  if (isBranch(NA) && isBranch(NB)) {
    const m = NA.len < NB.len ? NA.len : NB.len
    for (let i = 0; i < m; i++) {
      const x = byteAt(NA.ptr, i)
      const y = byteAt(NB.ptr, i)
      if (x != y) return x < y ? -1 : 1
    }
    return NA.len == NB.len ? 0 : NA.len < NB.len ? -1 : 1
  }
  return phpCompare(NA.ptr, NA.len, NB.ptr, NB.len)
}

export function validComposer(p: usize, len: i32): bool {
  return normalize(p, len, NA)
}
