import type { CompareCode } from '../result.ts'
import type { SchemeImpl } from './scheme-impl.ts'

// PCRE without the u flag: \s and \d are ASCII-only, '.' stops only at '\n'.
const WS = '\\t\\n\\v\\f\\r '
// Composer writes the numbers as the possessive ((?:[.-]?\d+)*+); JS has no possessive
// quantifiers, so the same language is spelled without nested ambiguity (no ReDoS).
const MODIFIER = '[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\\d+(?:[.-]\\d+)*)?)?)?([.-]?dev)?'
const ALIAS = new RegExp(`^([^,${WS}]+) +as +([^,${WS}]+)$`)
const STABILITY_FLAG = /@(?:stable|RC|beta|alpha|dev)$/i
const BUILD = new RegExp(`^([^,${WS}+]+)\\+[^${WS}]+$`)
/**
 * Composer's classical version pattern: groups 1–4 the numbers (2–4 with their `.`), then
 * the modifier's stability word, its number and `dev`. Exported for the sort-key encoder.
 *
 * @example
 * ```ts
 * CLASSICAL.exec('1.0-beta2')?.[5] // 'beta'
 * ```
 */
export const CLASSICAL = new RegExp(`^v?(\\d{1,5})(\\.\\d+)?(\\.\\d+)?(\\.\\d+)?${MODIFIER}$`, 'i')
const DATE = new RegExp(`^v?(\\d{4}(?:[.:-]?\\d{2}){1,6}(?:[.:-]?\\d{1,3}){0,2})${MODIFIER}$`, 'i')
const BRANCH = /^v?(\d+)(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?$/i

/**
 * PHP trim(): strips " \t\n\r\0\x0B" at both ends, as a loop (a `/[…]+$/` regex
 * rescans long blank runs).
 *
 * @param s the string
 * @returns `s` without those characters at either end
 * @example
 * ```ts
 * import { phpTrim } from './composer.ts'
 * phpTrim(' 1.0\n') // '1.0'
 * ```
 */
export function phpTrim(s: string): string {
  const strip = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 0 || c === 11
  let a = 0
  let b = s.length
  while (a < b && strip(s.charCodeAt(a))) a++
  while (b > a && strip(s.charCodeAt(b - 1))) b--
  return s.slice(a, b)
}

/**
 * A stability word as Composer writes it back: a/b/p/pl expanded, rc upper-cased, the rest lower-cased.
 *
 * @param s the word the modifier matched
 * @returns alpha, beta, patch, RC or stable
 * @example
 * ```ts
 * expandStability('pl') // 'patch'
 * ```
 */
export function expandStability(s: string): string {
  const l = s.toLowerCase()
  if (l === 'a') return 'alpha'
  if (l === 'b') return 'beta'
  if (l === 'p' || l === 'pl') return 'patch'
  if (l === 'rc') return 'RC'
  return l
}

function normalizeBranch(raw: string): string {
  const name = phpTrim(raw)
  const m = BRANCH.exec(name)
  if (!m) return `dev-${name}`
  let v = ''
  for (let i = 1; i < 5; i++) v += m[i] !== undefined ? m[i]!.replace(/[*X]/g, 'x') : '.x'
  return `${v.replace(/x/g, '9999999')}-dev`
}

/**
 * Whether a version is a `dev-<branch>` name (case-insensitive prefix).
 *
 * @param s the version
 * @returns true for `dev-…`
 * @example
 * ```ts
 * startsWithDevDash('DEV-main') // true
 * ```
 */
export const startsWithDevDash = (s: string): boolean => /^dev-/i.test(s)

/**
 * The capture of Composer's unanchored `{(.*?)[.-]?dev$}i` — the text before a final
 * `dev` (and one `.`/`-` before it), from just after the last newline — computed
 * directly: the regex itself backtracks quadratically on long inputs.
 */
function devSuffixName(v: string): string | undefined {
  const e = v.length
  if (e < 3 || v.slice(e - 3).toLowerCase() !== 'dev') return undefined
  const start = v.lastIndexOf('\n', e - 4) + 1
  let stop = e - 3
  if (stop - 1 >= start && (v[stop - 1] === '.' || v[stop - 1] === '-')) stop--
  return v.slice(start, stop)
}

/**
 * composer/semver 3.4 `VersionParser::normalize`: `1.2` → `1.2.0.0`, `v2.0b3` →
 * `2.0.0.0-beta3`, `2010-01-02` → `2010.01.02`, `1.x-dev` → `1.9999999.9999999.9999999-dev`,
 * `dev-main` kept as a branch.
 *
 * @param version a Packagist version string
 * @returns the normalized form, or undefined where Composer throws
 * @example
 * ```ts
 * import { normalizeComposerVersion } from './composer.ts'
 * normalizeComposerVersion('1.0-RC1') // '1.0.0.0-RC1'
 * normalizeComposerVersion('foo') // undefined
 * ```
 */
export function normalizeComposerVersion(version: string): string | undefined {
  let v = phpTrim(version)
  const alias = ALIAS.exec(v)
  if (alias) v = alias[1]!
  const flag = STABILITY_FLAG.exec(v)
  if (flag) v = v.slice(0, v.length - flag[0].length)
  if (v === 'master' || v === 'trunk' || v === 'default') v = `dev-${v}`
  if (startsWithDevDash(v)) return `dev-${v.slice(4)}`
  const build = BUILD.exec(v)
  if (build) v = build[1]!
  let m = CLASSICAL.exec(v)
  let index: number
  if (m) {
    v = m[1]! + (m[2] || '.0') + (m[3] || '.0') + (m[4] || '.0')
    index = 5
  } else {
    m = DATE.exec(v)
    if (!m) {
      const name = devSuffixName(v)
      if (name !== undefined) {
        const n = normalizeBranch(name)
        if (!n.includes('dev-')) return n
      }
      return undefined
    }
    v = m[1]!.replace(/\D/g, '.')
    index = 2
  }
  const stability = m[index]
  if (stability) {
    if (stability === 'stable') return v
    v += `-${expandStability(stability)}${m[index + 1] ? m[index + 1]!.replace(/^[.-]+/, '') : ''}`
  }
  if (m[index + 2]) v += '-dev'
  return v
}

const isDigit = (c: number) => c >= 48 && c <= 57
const isAlnum = (c: number) => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)

/** php_canonicalize_version: `-`, `_`, `+` and other symbols → `.`, a `.` at every digit/letter switch. */
function canonicalize(v: string): string {
  if (v.length === 0) return v
  let out = v[0]!
  let lp = v.charCodeAt(0)
  for (let i = 1; i < v.length; i++) {
    const c = v.charCodeAt(i)
    const lastDot = out.charCodeAt(out.length - 1) === 46
    const lpDigit = isDigit(lp)
    const lpNonDigit = !lpDigit && lp !== 46
    if (c === 45 || c === 95 || c === 43) {
      if (!lastDot) out += '.'
    } else if ((lpNonDigit && isDigit(c)) || (lpDigit && !isDigit(c) && c !== 46)) {
      if (!lastDot) out += '.'
      out += v[i]
    } else if (!isAlnum(c)) {
      if (!lastDot) out += '.'
    } else {
      out += v[i]
    }
    lp = c
  }
  return out
}

// version_compare's special forms, in list order (first prefix match wins).
const FORMS: readonly [string, number][] = [
  ['dev', 0], ['alpha', 1], ['a', 1], ['beta', 2], ['b', 2], ['RC', 3], ['rc', 3], ['#', 4], ['pl', 5], ['p', 5],
]

function formOrder(part: string): number {
  for (const [name, order] of FORMS) if (part.startsWith(name)) return order
  return -1
}

const LONG_MAX = '9223372036854775807'

/** strtol on a digit run, saturating at LONG_MAX like 64-bit PHP builds. */
function strtolDigits(part: string): string {
  let i = 0
  while (i < part.length && part.charCodeAt(i) === 48) i++
  let j = i
  while (j < part.length && isDigit(part.charCodeAt(j))) j++
  const d = part.slice(i, j)
  if (d.length > LONG_MAX.length || (d.length === LONG_MAX.length && d > LONG_MAX)) return LONG_MAX
  return d
}

function cmpLong(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1
  return a < b ? -1 : a > b ? 1 : 0
}

const sign = (n: number): -1 | 0 | 1 => (n < 0 ? -1 : n > 0 ? 1 : 0)

/**
 * PHP's two-argument `version_compare($a, $b)` (php-src `php_version_compare`).
 *
 * @param a first version, used as given (Composer passes normalized versions)
 * @param b second version
 * @returns -1, 0 or 1
 * @example
 * ```ts
 * import { phpVersionCompare } from './composer.ts'
 * phpVersionCompare('1.0.0.0-RC1', '1.0.0.0-patch1') // -1
 * ```
 */
export function phpVersionCompare(a: string, b: string): -1 | 0 | 1 {
  if (a.length === 0 || b.length === 0) return a.length === 0 && b.length === 0 ? 0 : a.length > 0 ? 1 : -1
  const v1 = a[0] === '#' ? a : canonicalize(a)
  const v2 = b[0] === '#' ? b : canonicalize(b)
  let p1 = 0
  let p2 = 0
  let n1 = 0
  let n2 = 0
  let compare = 0
  while (p1 < v1.length && p2 < v2.length && n1 >= 0 && n2 >= 0) {
    n1 = v1.indexOf('.', p1)
    n2 = v2.indexOf('.', p2)
    const s1 = v1.slice(p1, n1 < 0 ? v1.length : n1)
    const s2 = v2.slice(p2, n2 < 0 ? v2.length : n2)
    const d1 = isDigit(s1.charCodeAt(0))
    const d2 = isDigit(s2.charCodeAt(0))
    if (d1 && d2) compare = cmpLong(strtolDigits(s1), strtolDigits(s2))
    else if (!d1 && !d2) compare = sign(formOrder(s1) - formOrder(s2))
    else compare = d1 ? sign(formOrder('#N#') - formOrder(s2)) : sign(formOrder(s1) - formOrder('#N#'))
    if (compare !== 0) break
    if (n1 >= 0) p1 = n1 + 1
    if (n2 >= 0) p2 = n2 + 1
  }
  if (compare === 0) {
    if (n1 >= 0) compare = isDigit(v1.charCodeAt(p1)) ? 1 : tailVsNumber(v1.slice(p1))
    else if (n2 >= 0) compare = isDigit(v2.charCodeAt(p2)) ? -1 : -tailVsNumber(v2.slice(p2))
  }
  return sign(compare)
}

/**
 * `php_version_compare(rest, "#N#")`, whose recursion on each further part is
 * unrolled into a loop (the C code recurses once per part).
 */
function tailVsNumber(rest: string): number {
  for (;;) {
    if (rest.length === 0) return -1
    const x = rest[0] === '#' ? rest : canonicalize(rest)
    const dot = x.indexOf('.')
    const part = dot < 0 ? x : x.slice(0, dot)
    const c = isDigit(part.charCodeAt(0)) ? 0 : sign(formOrder(part) - formOrder('#N#'))
    if (c !== 0) return c
    if (dot < 0) return 0
    if (isDigit(x.charCodeAt(dot + 1))) return 1
    rest = x.slice(dot + 1)
  }
}

// Code point order, which is also UTF-8 byte order.
function cmpCodePoints(a: string, b: string): -1 | 0 | 1 {
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    const x = a.codePointAt(i)!
    const y = b.codePointAt(j)!
    if (x !== y) return x < y ? -1 : 1
    i += x > 0xffff ? 2 : 1
    j += y > 0xffff ? 2 : 1
  }
  return i < a.length ? 1 : j < b.length ? -1 : 0
}

/**
 * Packagist versions as Composer orders them: both sides normalized by
 * `VersionParser::normalize` (a version it rejects is invalid), then compared with
 * PHP's `version_compare` (dev < alpha = a < beta = b < RC = rc < number < pl = p =
 * patch). `dev-<branch>` versions sort below every numbered version; two different
 * branches, which Composer never orders, sort by name.
 */
export const composer: SchemeImpl = {
  compare(a, b) {
    const na = normalizeComposerVersion(a)
    if (na === undefined) return 2
    const nb = normalizeComposerVersion(b)
    if (nb === undefined) return 3
    if (na.startsWith('dev-') && nb.startsWith('dev-')) return cmpCodePoints(na, nb) as CompareCode
    return phpVersionCompare(na, nb)
  },
  valid(v) {
    return normalizeComposerVersion(v) !== undefined
  },
}
