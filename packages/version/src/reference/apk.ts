import type { CompareCode } from '../result.ts'
import type { SchemeImpl } from './scheme-impl.ts'

// Token kinds in apk-tools' order: a version that ends or breaks earlier in this list
// than the other sorts after it (see `decide`).
const INITIAL_DIGIT = 0
/** Token kind: `.number` (or a number right after the first). */
export const DIGIT = 1
/** Token kind: one lower-case letter. */
export const LETTER = 2
/** Token kind: `_suffix` (rank in `Tok.suffix`). */
export const SUFFIX = 3
/** Token kind: the number after a suffix. */
export const SUFFIX_NO = 4
/** Token kind: `~hash`. */
export const COMMIT_HASH = 5
/** Token kind: `-rN`. */
export const REVISION_NO = 6
/** Token kind: the end of a valid version. */
export const END = 7
/** Token kind: apk rejects the rest of the string. */
export const INVALID = 8

// Suffix ranks; below NONE are pre-releases (sort before the bare version).
const SUFFIX_INVALID = 0
/** Suffix rank of "no suffix": lower ranks are pre-releases. */
export const SUFFIX_NONE = 5
const SUFFIXES = new Map<string, number>([
  ['alpha', 1], ['beta', 2], ['pre', 3], ['rc', 4], ['cvs', 6], ['svn', 7], ['git', 8], ['hg', 9], ['p', 10],
])

const isDigit = (c: number) => c >= 48 && c <= 57
const isLower = (c: number) => c >= 97 && c <= 122
const isHex = (c: number) => isDigit(c) || (c >= 97 && c <= 102)

const CHUNK = 10n ** 15n

// The decimal digits s[from, to) modulo 2^64, in linear time (15 digits at a time).
function wrapU64(s: string, from: number, to: number): bigint {
  let v = 0n
  let i = from
  const head = (to - from) % 15 || 15
  v = BigInt(s.slice(i, i + head))
  for (i += head; i < to; i += 15) v = BigInt.asUintN(64, v * CHUNK + BigInt(s.slice(i, i + 15)))
  return BigInt.asUintN(64, v)
}

/**
 * Tokenizer state over one version string; `value` is `[vs, ve)`. Exported for the
 * sort-key encoder (keys/apk.ts).
 *
 * @example
 * ```ts
 * const t = new Tok('1.2_rc3')
 * for (t.first(); t.token < END; t.next()) console.log(t.token, t.vs, t.ve)
 * ```
 */
export class Tok {
  token = INITIAL_DIGIT
  suffix = SUFFIX_INVALID
  num: number | bigint = 0
  vs = 0
  ve = 0
  pos = 0
  constructor(readonly s: string) {}

  // apk parses digit runs into a uint64 that wraps on overflow.
  private digits(): void {
    const s = this.s
    const start = this.pos
    while (this.pos < s.length && isDigit(s.charCodeAt(this.pos))) this.pos++
    this.vs = start
    this.ve = this.pos
    const n = this.pos - start
    this.num = n <= 15 ? Number(s.slice(start, this.pos) || '0') : wrapU64(s, start, this.pos)
    if (n === 0) this.token = INVALID
  }

  first(): void {
    this.token = INITIAL_DIGIT
    this.pos = 0
    this.digits()
  }

  next(): void {
    const s = this.s
    if (this.pos >= s.length) {
      this.token = END
      return
    }
    const c = s.charCodeAt(this.pos)
    const t = this.token
    if (isLower(c)) {
      if (t > DIGIT) return this.invalid()
      this.vs = this.pos
      this.ve = ++this.pos
      this.token = LETTER
    } else if (c === 46 || isDigit(c)) {
      if (c === 46) {
        if (t > DIGIT) return this.invalid()
        this.pos++
      }
      if (t === INITIAL_DIGIT || t === DIGIT) this.token = DIGIT
      else if (t === SUFFIX) this.token = SUFFIX_NO
      else return this.invalid()
      this.digits()
    } else if (c === 95) {
      if (t > SUFFIX_NO) return this.invalid()
      const start = ++this.pos
      while (this.pos < s.length && isLower(s.charCodeAt(this.pos))) this.pos++
      this.vs = start
      this.ve = this.pos
      this.suffix = SUFFIXES.get(s.slice(start, this.pos)) ?? SUFFIX_INVALID
      if (this.suffix === SUFFIX_INVALID) return this.invalid()
      this.token = SUFFIX
    } else if (c === 126) {
      if (t >= COMMIT_HASH) return this.invalid()
      const start = ++this.pos
      while (this.pos < s.length && isHex(s.charCodeAt(this.pos))) this.pos++
      this.vs = start
      this.ve = this.pos
      if (this.ve === this.vs) return this.invalid()
      this.token = COMMIT_HASH
    } else if (c === 45) {
      if (t >= REVISION_NO) return this.invalid()
      if (this.pos + 1 >= s.length || s.charCodeAt(this.pos + 1) !== 114) return this.invalid()
      this.pos += 2
      this.token = REVISION_NO
      this.digits()
    } else {
      this.invalid()
    }
  }

  private invalid(): void {
    this.token = INVALID
  }
}

// apk_blob_sort: bytes, then length.
function blobSort(a: Tok, b: Tok): number {
  const la = a.ve - a.vs
  const lb = b.ve - b.vs
  const n = Math.min(la, lb)
  for (let k = 0; k < n; k++) {
    const d = a.s.charCodeAt(a.vs + k) - b.s.charCodeAt(b.vs + k)
    if (d !== 0) return d < 0 ? -1 : 1
  }
  return la === lb ? 0 : la < lb ? -1 : 1
}

function tokenCmp(a: Tok, b: Tok): number {
  let x: number | bigint
  let y: number | bigint
  switch (a.token) {
    case DIGIT:
      // A leading zero in either makes apk compare the digits as strings (Gentoo rule).
      if (a.s.charCodeAt(a.vs) === 48 || b.s.charCodeAt(b.vs) === 48) return blobSort(a, b)
      x = a.num
      y = b.num
      break
    case INITIAL_DIGIT:
    case SUFFIX_NO:
    case REVISION_NO:
      x = a.num
      y = b.num
      break
    case LETTER:
      x = a.s.charCodeAt(a.vs)
      y = b.s.charCodeAt(b.vs)
      break
    case SUFFIX:
      x = a.suffix
      y = b.suffix
      break
    default:
      return blobSort(a, b)
  }
  return x < y ? -1 : x > y ? 1 : 0
}

/**
 * apk-tools `apk_version_compare`, except where apk's answer rests on an invalid token
 * (it would call `1.0bc` and `1.0bd` equal): then the invalid side is reported.
 */
function compareApk(a: string, b: string): CompareCode {
  const ta = new Tok(a)
  const tb = new Tok(b)
  ta.first()
  tb.first()
  while (ta.token === tb.token && ta.token < END) {
    const r = tokenCmp(ta, tb)
    if (r !== 0) return r < 0 ? -1 : 1
    ta.next()
    tb.next()
  }
  if (ta.token === INVALID) return 2
  if (tb.token === INVALID) return 3
  if (ta.token === tb.token) return 0
  if (ta.token === SUFFIX && ta.suffix < SUFFIX_NONE) return -1
  if (tb.token === SUFFIX && tb.suffix < SUFFIX_NONE) return 1
  if (ta.token > tb.token) return -1
  if (tb.token > ta.token) return 1
  return 0
}

/**
 * End offsets of the tokens of an apk version (number, `.number`, letter, `_suffix`,
 * suffix number, `~hash`, `-rN`), up to the first invalid token. Used for apk's fuzzy
 * `~` matching, which compares a version's leading tokens with the bound.
 *
 * @param v an apk version
 * @returns the end offset of each valid leading token
 * @example
 * ```ts
 * apkTokenEnds('3.6.9_p1') // [1, 3, 5, 7, 8]
 * ```
 */
export function apkTokenEnds(v: string): number[] {
  const t = new Tok(v)
  const ends: number[] = []
  for (t.first(); t.token < END; t.next()) ends.push(t.pos)
  return ends
}

/**
 * Alpine/Wolfi/Chainguard package versions as apk-tools orders them:
 * `digit{.digit}…{letter}{_suffix{number}}…{~hash}{-rN}`. Digit parts compare
 * numerically (as strings when either has a leading zero), `_alpha _beta _pre _rc` sort
 * before the bare version and `_cvs _svn _git _hg _p` after it, `~hash` by string, then
 * the `-rN` revision. `valid` is apk's `apk_version_validate`; see docs/versions.md for
 * how a comparison that runs into an invalid part is reported.
 */
export const apk: SchemeImpl = {
  compare: compareApk,
  valid(v) {
    const t = new Tok(v)
    t.first()
    while (t.token < END) t.next()
    return t.token === END
  },
}
