import type { CompareCode } from '../result.ts'
import type { SchemeImpl } from './scheme-impl.ts'

// Python refuses to convert a digit string longer than this to int (CPython's
// default int_max_str_digits), so packaging fails on such a version with ValueError.
const MAX_DIGITS = 4300

/** Pre-release kinds in their sort order; 0 = none. */
const PRE_A = 1
const PRE_B = 2
const PRE_RC = 3

/**
 * Where each part of a PEP 440 version sits in the input string. Numbers are kept
 * as digit ranges `[start, end)` so arbitrarily long numbers compare exactly; an
 * empty range means an implicit 0.
 */
interface Spans {
  s: string
  epS: number
  epE: number
  relS: number
  relE: number
  pre: number
  preS: number
  preE: number
  post: boolean
  postS: number
  postE: number
  dev: boolean
  devS: number
  devE: number
  /** Start of the local label after `+`, or -1. */
  locS: number
  locE: number
}

const isDigit = (c: number) => c >= 48 && c <= 57
const lower = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c)
const isAlnum = (c: number) => isDigit(c) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90)
const isSep = (c: number) => c === 46 || c === 95 || c === 45
// Python's `\s` on str: what str.isspace() accepts (ASCII blanks, \x1c-\x1f, NEL,
// NBSP and the Unicode space separators).
const isSpace = (c: number) =>
  c === 32 || (c >= 9 && c <= 13) || (c >= 28 && c <= 31) || c === 0x85 || c === 0xa0 || c === 0x1680 ||
  (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000

/** Case-insensitive match of an ASCII lower-case word at `i`. */
function word(s: string, i: number, end: number, w: string): boolean {
  if (end - i < w.length) return false
  for (let k = 0; k < w.length; k++) if (lower(s.charCodeAt(i + k)) !== w.charCodeAt(k)) return false
  return true
}

function digitsEnd(s: string, i: number, end: number): number {
  while (i < end && isDigit(s.charCodeAt(i))) i++
  return i
}

/**
 * Parse like packaging's `Version` (its regex with possessive groups, Python ≥ 3.11):
 * returns the spans, or undefined where packaging raises InvalidVersion (or
 * ValueError for a number Python will not convert).
 */
function scan(s: string): Spans | undefined {
  let i = 0
  let end = s.length
  while (i < end && isSpace(s.charCodeAt(i))) i++
  while (end > i && isSpace(s.charCodeAt(end - 1))) end--
  if (i < end && lower(s.charCodeAt(i)) === 118) i++ // v
  const sp: Spans = {
    s, epS: i, epE: i, relS: i, relE: i, pre: 0, preS: 0, preE: 0,
    post: false, postS: 0, postE: 0, dev: false, devS: 0, devE: 0, locS: -1, locE: -1,
  }
  let d = digitsEnd(s, i, end)
  if (d === i) return undefined
  if (d < end && s.charCodeAt(d) === 33) {
    if (d - i > MAX_DIGITS) return undefined
    sp.epE = d
    i = d + 1
    d = digitsEnd(s, i, end)
    if (d === i) return undefined
  }
  sp.relS = i
  for (;;) {
    if (d - i > MAX_DIGITS) return undefined
    i = d
    if (i + 1 < end && s.charCodeAt(i) === 46 && isDigit(s.charCodeAt(i + 1))) {
      i++
      d = digitsEnd(s, i, end)
    } else break
  }
  sp.relE = i
  // pre-release: [._-]? label [._-]? digits?
  {
    let j = i
    if (j < end && isSep(s.charCodeAt(j))) j++
    let kind = 0
    let len = 0
    if (word(s, j, end, 'alpha')) (kind = PRE_A), (len = 5)
    else if (word(s, j, end, 'a')) (kind = PRE_A), (len = 1)
    else if (word(s, j, end, 'beta')) (kind = PRE_B), (len = 4)
    else if (word(s, j, end, 'b')) (kind = PRE_B), (len = 1)
    else if (word(s, j, end, 'preview')) (kind = PRE_RC), (len = 7)
    else if (word(s, j, end, 'pre')) (kind = PRE_RC), (len = 3)
    else if (word(s, j, end, 'c')) (kind = PRE_RC), (len = 1)
    else if (word(s, j, end, 'rc')) (kind = PRE_RC), (len = 2)
    if (kind !== 0) {
      j += len
      if (j < end && isSep(s.charCodeAt(j))) j++
      const e = digitsEnd(s, j, end)
      if (e - j > MAX_DIGITS) return undefined
      sp.pre = kind
      sp.preS = j
      sp.preE = e
      i = e
    }
  }
  // post-release: -digits | [._-]? (post|rev|r) [._-]? digits?
  if (i + 1 < end && s.charCodeAt(i) === 45 && isDigit(s.charCodeAt(i + 1))) {
    const e = digitsEnd(s, i + 1, end)
    if (e - i - 1 > MAX_DIGITS) return undefined
    sp.post = true
    sp.postS = i + 1
    sp.postE = e
    i = e
  } else {
    let j = i
    if (j < end && isSep(s.charCodeAt(j))) j++
    let len = 0
    if (word(s, j, end, 'post')) len = 4
    else if (word(s, j, end, 'rev')) len = 3
    else if (word(s, j, end, 'r')) len = 1
    if (len > 0) {
      j += len
      if (j < end && isSep(s.charCodeAt(j))) j++
      const e = digitsEnd(s, j, end)
      if (e - j > MAX_DIGITS) return undefined
      sp.post = true
      sp.postS = j
      sp.postE = e
      i = e
    }
  }
  // dev-release: [._-]? dev [._-]? digits?
  {
    let j = i
    if (j < end && isSep(s.charCodeAt(j))) j++
    if (word(s, j, end, 'dev')) {
      j += 3
      if (j < end && isSep(s.charCodeAt(j))) j++
      const e = digitsEnd(s, j, end)
      if (e - j > MAX_DIGITS) return undefined
      sp.dev = true
      sp.devS = j
      sp.devE = e
      i = e
    }
  }
  // local: + alnum+ ([._-] alnum+)*
  if (i < end && s.charCodeAt(i) === 43) {
    i++
    sp.locS = i
    for (;;) {
      const st = i
      while (i < end && isAlnum(s.charCodeAt(i))) i++
      if (i === st) return undefined
      if (i - st > MAX_DIGITS && digitsEnd(s, st, i) === i) return undefined
      if (i + 1 < end && isSep(s.charCodeAt(i)) && isAlnum(s.charCodeAt(i + 1))) i++
      else break
    }
    sp.locE = i
  }
  return i === end ? sp : undefined
}

/** Compare two digit runs numerically (empty = 0). */
function cmpNum(a: string, as: number, ae: number, b: string, bs: number, be: number): number {
  while (as < ae && a.charCodeAt(as) === 48) as++
  while (bs < be && b.charCodeAt(bs) === 48) bs++
  const al = ae - as
  const bl = be - bs
  if (al !== bl) return al < bl ? -1 : 1
  for (let k = 0; k < al; k++) {
    const x = a.charCodeAt(as + k)
    const y = b.charCodeAt(bs + k)
    if (x !== y) return x < y ? -1 : 1
  }
  return 0
}

/** Release segments compared as if both were padded with zeros. */
function cmpRelease(x: Spans, y: Spans): number {
  const a = x.s
  const b = y.s
  let i = x.relS
  let j = y.relS
  while (i < x.relE || j < y.relE) {
    const ie = i < x.relE ? digitsEnd(a, i, x.relE) : i
    const je = j < y.relE ? digitsEnd(b, j, y.relE) : j
    const c = cmpNum(a, i, ie, b, j, je)
    if (c !== 0) return c
    i = ie < x.relE ? ie + 1 : ie
    j = je < y.relE ? je + 1 : je
  }
  return 0
}

/** Local labels: segments split on [._-]; numbers beat words, words compare lower-cased. */
function cmpLocal(x: Spans, y: Spans): number {
  if (x.locS < 0 || y.locS < 0) return x.locS < 0 ? (y.locS < 0 ? 0 : -1) : 1
  const a = x.s
  const b = y.s
  let i = x.locS
  let j = y.locS
  for (;;) {
    if (i >= x.locE || j >= y.locE) return i >= x.locE ? (j >= y.locE ? 0 : -1) : 1
    let ie = i
    while (ie < x.locE && !isSep(a.charCodeAt(ie))) ie++
    let je = j
    while (je < y.locE && !isSep(b.charCodeAt(je))) je++
    const an = digitsEnd(a, i, ie) === ie
    const bn = digitsEnd(b, j, je) === je
    let c = 0
    if (an && bn) c = cmpNum(a, i, ie, b, j, je)
    else if (an !== bn) c = an ? 1 : -1
    else {
      const n = Math.min(ie - i, je - j)
      for (let k = 0; k < n && c === 0; k++) {
        const p = lower(a.charCodeAt(i + k))
        const q = lower(b.charCodeAt(j + k))
        if (p !== q) c = p < q ? -1 : 1
      }
      if (c === 0 && ie - i !== je - j) c = ie - i < je - j ? -1 : 1
    }
    if (c !== 0) return c
    i = ie + 1
    j = je + 1
  }
}

// Rank of the pre-release slot in packaging's sort key: a bare dev release sorts
// before every pre-release, no pre-release after all of them.
const preRank = (v: Spans) => (v.pre !== 0 ? v.pre : !v.post && v.dev ? 0 : 4)

function cmpSpans(x: Spans, y: Spans): number {
  let c = cmpNum(x.s, x.epS, x.epE, y.s, y.epS, y.epE)
  if (c !== 0) return c
  c = cmpRelease(x, y)
  if (c !== 0) return c
  const rx = preRank(x)
  const ry = preRank(y)
  if (rx !== ry) return rx < ry ? -1 : 1
  if (x.pre !== 0) {
    c = cmpNum(x.s, x.preS, x.preE, y.s, y.preS, y.preE)
    if (c !== 0) return c
  }
  if (x.post !== y.post) return x.post ? 1 : -1
  if (x.post) {
    c = cmpNum(x.s, x.postS, x.postE, y.s, y.postS, y.postE)
    if (c !== 0) return c
  }
  if (x.dev !== y.dev) return x.dev ? -1 : 1
  if (x.dev) {
    c = cmpNum(x.s, x.devS, x.devE, y.s, y.devS, y.devE)
    if (c !== 0) return c
  }
  return cmpLocal(x, y)
}

/** A parsed, normalised PEP 440 version; numbers are decimal strings without leading zeros. */
export interface Pep440Version {
  epoch: string
  release: string[]
  /** `['a' | 'b' | 'rc', n]` or undefined. */
  pre?: readonly ['a' | 'b' | 'rc', string]
  post?: string
  dev?: string
  /** Normalised local label (lower case, `.` separators, numbers without leading zeros). */
  local?: string
}

const num = (s: string, a: number, b: number) => {
  while (a < b && s.charCodeAt(a) === 48) a++
  return a === b ? '0' : s.slice(a, b)
}

/**
 * Parse a PEP 440 version the way pypa/packaging's `Version` does (normalising
 * spelling, case, separators and implicit numbers).
 *
 * @param v version string
 * @returns the parts, or undefined when packaging rejects the version
 * @example
 * ```ts
 * parsePep440('1.0-Alpha-1')?.pre // ['a', '1']
 * ```
 */
export function parsePep440(v: string): Pep440Version | undefined {
  const sp = scan(v)
  if (!sp) return undefined
  const s = sp.s
  const out: Pep440Version = {
    epoch: num(s, sp.epS, sp.epE),
    release: s.slice(sp.relS, sp.relE).split('.').map((x) => num(x, 0, x.length)),
  }
  if (sp.pre) out.pre = [sp.pre === PRE_A ? 'a' : sp.pre === PRE_B ? 'b' : 'rc', num(s, sp.preS, sp.preE)]
  if (sp.post) out.post = num(s, sp.postS, sp.postE)
  if (sp.dev) out.dev = num(s, sp.devS, sp.devE)
  if (sp.locS >= 0) {
    out.local = s
      .slice(sp.locS, sp.locE)
      .toLowerCase()
      .split(/[._-]/)
      .map((p) => (/^[0-9]+$/.test(p) ? num(p, 0, p.length) : p))
      .join('.')
  }
  return out
}

/**
 * The canonical string of a parsed version, as packaging's `str(Version)` prints it.
 *
 * @param v parsed version
 * @returns normalised version string (epoch omitted when 0)
 * @example
 * ```ts
 * formatPep440(parsePep440('v1.0-r5')!) // '1.0.post5'
 * ```
 */
export function formatPep440(v: Pep440Version): string {
  let out = v.epoch !== '0' ? `${v.epoch}!` : ''
  out += v.release.join('.')
  if (v.pre) out += v.pre[0] + v.pre[1]
  if (v.post !== undefined) out += `.post${v.post}`
  if (v.dev !== undefined) out += `.dev${v.dev}`
  if (v.local !== undefined) out += `+${v.local}`
  return out
}

/**
 * Whether a parsed version is a pre-release in packaging's sense (has a pre or dev part).
 *
 * @param v parsed version
 * @returns true for `1.0a1`, `1.0.dev1`, `1.0.post1.dev0`
 * @example
 * ```ts
 * isPep440Prerelease(parsePep440('1.0rc1')!) // true
 * ```
 */
export function isPep440Prerelease(v: Pep440Version): boolean {
  return v.pre !== undefined || v.dev !== undefined
}

/**
 * PEP 440 versions as pypa/packaging orders them: epoch, release (trailing zeros
 * insignificant), then dev < pre-release (a < b < rc) < final < post, with a local
 * label sorting after the same public version. Spelling variants normalise
 * (`1.0-ALPHA.1` = `1.0a1`, `1.0-5` = `1.0.post5`). Anything packaging's `Version`
 * rejects — legacy versions, stray characters, non-ASCII letters or digits, numbers
 * over 4300 digits — is invalid.
 */
export const pep440: SchemeImpl = {
  compare(a, b) {
    const x = scan(a)
    if (!x) return 2
    const y = scan(b)
    if (!y) return 3
    return cmpSpans(x, y) as CompareCode
  },
  valid(v) {
    return scan(v) !== undefined
  },
}
