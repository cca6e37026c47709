import type { CompareCode } from '../result.ts'
import type { SchemeImpl } from './scheme-impl.ts'

// Items of Maven's ComparableVersion. A list is a plain array; scalars are tagged.
interface NumItem {
  t: 'num'
  /** Decimal digits without leading zeros ('0' for zero). */
  d: string
}
export interface StrItem {
  t: 'str'
  /** Lower-cased qualifier after the `cr` → `rc` alias and a/b/m expansion. */
  v: string
}
interface CombItem {
  t: 'comb'
  s: StrItem
  d: NumItem
}
type Item = NumItem | StrItem | CombItem | Item[]

/** Maven throws `IllegalArgumentException` for longer strings (MAX_VERSION_LENGTH). */
const MAVEN_MAX_LENGTH = 256

const isDigit = (c: number) => c >= 48 && c <= 57

// Rank of the well-known qualifiers; unknown ones rank 7 and then sort lexically.
const RANKS = new Map<string, number>([
  ['alpha', 0], ['beta', 1], ['milestone', 2], ['rc', 3], ['snapshot', 4],
  ['', 5], ['ga', 5], ['final', 5], ['release', 5], ['sp', 6],
])
/** Rank of `''`, ga, final and release: what a missing item compares like. */
export const RELEASE_RANK = 5
/** Rank of a qualifier Maven does not know; such qualifiers then sort lexically. */
export const UNKNOWN_RANK = 7

/**
 * Rank of a lower-cased qualifier after {@link makeStr}'s aliasing.
 *
 * @param q the qualifier
 * @returns 0 (alpha) … 6 (sp), or UNKNOWN_RANK
 * @example
 * ```ts
 * rank('rc') // 3
 * ```
 */
export function rank(q: string): number {
  return RANKS.get(q) ?? UNKNOWN_RANK
}

const sign = (n: number): -1 | 0 | 1 => (n < 0 ? -1 : n > 0 ? 1 : 0)

function stripZeros(s: string): string {
  let i = 0
  while (i < s.length && s.charCodeAt(i) === 48) i++
  return i === s.length ? '0' : s.slice(i)
}

/**
 * ComparableVersion's StringItem: `a`/`b`/`m` right before a digit expand, `cr` is `rc`.
 *
 * @param value the lower-cased qualifier
 * @param followedByDigit whether a digit follows it in the version
 * @returns the item
 * @example
 * ```ts
 * makeStr('b', true).v // 'beta'
 * ```
 */
export function makeStr(value: string, followedByDigit: boolean): StrItem {
  if (followedByDigit && value.length === 1) {
    if (value === 'a') value = 'alpha'
    else if (value === 'b') value = 'beta'
    else if (value === 'm') value = 'milestone'
  }
  return { t: 'str', v: value === 'cr' ? 'rc' : value }
}

function makeComb(value: string): CombItem {
  let index = 0
  for (let i = 0; i < value.length; i++) {
    if (isDigit(value.charCodeAt(i))) {
      index = i
      break
    }
  }
  return { t: 'comb', s: makeStr(value.slice(0, index), true), d: { t: 'num', d: stripZeros(value.slice(index)) } }
}

function parseItem(isComb: boolean, isDig: boolean, buf: string): Item {
  if (isComb) return makeComb(buf.replaceAll('-', ''))
  if (isDig) return { t: 'num', d: stripZeros(buf) }
  return makeStr(buf, false)
}

function isNull(it: Item): boolean {
  if (Array.isArray(it)) return it.length === 0
  if (it.t === 'num') return it.d === '0'
  if (it.t === 'str') return it.v === ''
  return false
}

function normalize(list: Item[]): void {
  for (let i = list.length - 1; i >= 0; i--) {
    if (!isNull(list[i]!)) continue
    const next = list[i + 1]
    if (next === undefined || (!Array.isArray(next) && next.t === 'str')) list.splice(i, 1)
    else if (Array.isArray(next)) {
      const first = next[0]
      if (first !== undefined && !Array.isArray(first) && first.t !== 'num') list.splice(i, 1)
    }
  }
  if (list.length === 1 && Array.isArray(list[0])) {
    const inner = list[0]
    list.length = 0
    list.push(...inner)
  }
}

/**
 * Whether a string is one Stowaway accepts as a Maven version: ComparableVersion
 * takes any string up to 256 UTF-16 units, but Maven never produces an empty version
 * or one with whitespace or control characters, so those are invalid here.
 */
function acceptable(v: string): boolean {
  if (v.length === 0 || v.length > MAVEN_MAX_LENGTH) return false
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i)
    if (c <= 32 || c === 127) return false
  }
  return true
}

/** ComparableVersion.parseVersion, or undefined where Maven would throw. */
function parse(input: string): Item[] | undefined {
  if (!acceptable(input)) return undefined
  // Σ is lowered to σ without the final-sigma rule (ς) that Java and JS apply: the WASM
  // core's case tables have no context rules, and both backends must agree
  const v = input.replaceAll('Σ', 'σ').toLowerCase()
  const root: Item[] = []
  let list = root
  const stack: Item[][] = [root]
  let isDig = false
  let isComb = false
  let start = 0
  const push = () => {
    const l: Item[] = []
    list.push(l)
    list = l
    stack.push(l)
  }
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < v.length) {
      // Maven reads a surrogate pair as one code point but then slices at the low
      // half: right after a digit run that slice feeds a surrogate to
      // Integer.parseInt, which throws.
      if (isDig) return undefined
      i++
      continue
    }
    if (c === 46) {
      list.push(i === start ? { t: 'num', d: '0' } : parseItem(isComb, isDig, v.slice(start, i)))
      isComb = false
      start = i + 1
    } else if (c === 45) {
      if (i === start) list.push({ t: 'num', d: '0' })
      else {
        // "X-1" is read as "X1"
        if (!isDig && i !== v.length - 1 && isDigit(v.charCodeAt(i + 1))) {
          isComb = true
          continue
        }
        list.push(parseItem(isComb, isDig, v.slice(start, i)))
      }
      start = i + 1
      if (list.length > 0) push()
      isComb = false
    } else if (isDigit(c)) {
      if (!isDig && i > start) {
        isComb = true
        if (list.length > 0) push()
      }
      isDig = true
    } else {
      if (isDig && i > start) {
        list.push(parseItem(isComb, true, v.slice(start, i)))
        start = i
        push()
        isComb = false
      }
      isDig = false
    }
  }
  if (v.length > start) {
    // a trailing ".X" qualifier is treated as "-X"
    if (!isDig && list.length > 0) push()
    list.push(parseItem(isComb, isDig, v.slice(start)))
  }
  while (stack.length > 0) normalize(stack.pop()!)
  return root
}

function cmpNum(a: NumItem, b: NumItem): number {
  if (a.d.length !== b.d.length) return a.d.length < b.d.length ? -1 : 1
  return a.d < b.d ? -1 : a.d > b.d ? 1 : 0
}

// Java String.compareTo order (UTF-16 code units), which JS comparison shares.
function cmpQual(a: string, b: string): number {
  const ra = rank(a)
  const rb = rank(b)
  if (ra !== rb) return ra < rb ? -1 : 1
  if (ra !== UNKNOWN_RANK) return 0
  return a < b ? -1 : a > b ? 1 : 0
}

/** `item.compareTo(other)` of ComparableVersion; `null` is a missing item. */
function cmp(a: Item, b: Item | null): number {
  if (Array.isArray(a)) {
    if (b === null) {
      for (const it of a) {
        const r = cmp(it, null)
        if (r !== 0) return r
      }
      return 0
    }
    if (Array.isArray(b)) {
      for (let i = 0; i < a.length || i < b.length; i++) {
        const l = a[i]
        const r = b[i]
        const res = l === undefined ? (r === undefined ? 0 : -cmp(r, null)) : cmp(l, r ?? null)
        if (res !== 0) return res
      }
      return 0
    }
    if (b.t === 'num') return -1
    let res = a.length === 0 ? -cmp(b, null) : cmp(a[0]!, b)
    for (let i = 1; res === 0 && i < a.length; i++) res = cmp(a[i]!, null)
    return res
  }
  switch (a.t) {
    case 'num':
      if (b === null) return a.d === '0' ? 0 : 1
      if (Array.isArray(b) || b.t !== 'num') return 1
      return cmpNum(a, b)
    case 'str':
      if (b === null) return sign(rank(a.v) - RELEASE_RANK)
      if (Array.isArray(b)) return -cmp(b, a)
      if (b.t === 'num') return -1
      if (b.t === 'str') return cmpQual(a.v, b.v)
      {
        const r = cmpQual(a.v, b.s.v)
        if (r !== 0) return r
        return cmp(a, null) === 0 ? -cmp(b.d, null) : -1
      }
    case 'comb':
      if (b === null) {
        const r = cmp(a.s, null)
        return r !== 0 ? r : cmp(a.d, null)
      }
      if (Array.isArray(b)) return -cmp(b, a)
      if (b.t === 'num') return -1
      if (b.t === 'str') {
        const r = cmpQual(a.s.v, b.v)
        if (r !== 0) return r
        return cmp(a.s, null) === 0 ? cmp(a.d, null) : 1
      }
      {
        const r = cmpQual(a.s.v, b.s.v)
        return r !== 0 ? r : cmpNum(a.d, b.d)
      }
  }
}

/**
 * Maven versions, ordered as Maven's `ComparableVersion` (Maven 3.9 / 4) does: items
 * split at `.`, `-` and digit/letter transitions, nested lists after `-`, well-known
 * qualifiers (alpha < beta < milestone < rc = cr < snapshot < "" = ga = final = release
 * < sp) before unknown ones, which sort lexically; case-insensitive; trailing zero and
 * empty items dropped. ComparableVersion itself accepts any string; Stowaway treats
 * the empty string, strings over 256 characters, strings with whitespace or control
 * characters, and the few strings that make Maven throw as invalid.
 */
export const maven: SchemeImpl = {
  compare(a, b) {
    const pa = parse(a)
    if (!pa) return 2
    const pb = parse(b)
    if (!pb) return 3
    return sign(cmp(pa, pb)) as CompareCode
  },
  valid(v) {
    return parse(v) !== undefined
  },
}
