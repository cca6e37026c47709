import { StowawayError } from '@stowaway/core'
import { normalizeComposerVersion, phpTrim } from '../reference/composer.ts'
import type { Comparator, Operator } from './comparator.ts'
import { testComparator } from './comparator.ts'
import type { BoundCompare, VersionRange } from './version-range.ts'

// composer/semver 3.4 VersionParser::parseConstraints, regex for regex. PCRE's \s is
// ASCII-only and its possessive quantifiers are spelled here without nested
// ambiguity (same language, no catastrophic backtracking).
const WS = '\\t\\n\\v\\f\\r '
const MODIFIER = '[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\\d+(?:[.-]\\d+)*)?)?)?([.-]?dev)?'
const VERSION = `v?(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:\\.(\\d+))?(?:${MODIFIER}|\\.([xX*][.-]?dev))(?:\\+[^${WS}]+)?`
const AND_SPLIT = /(?<!^|as|[=>< ,]) *(?<!-)[, ](?!-) *(?!,|as|$)/
const ALIAS = new RegExp(`^([^,${WS}]+) +as +([^,${WS}]+)$`)
const FLAG = new RegExp(`^([^,${WS}]*?)@(stable|RC|beta|alpha|dev)$`, 'i')
const REF = new RegExp(`^(dev-[^,${WS}@]+?|[^,${WS}@]+?\\.x-dev)#.+$`, 'i')
const ANY = /^(v)?[xX*](\.[xX*])*$/i
const TILDE = new RegExp(`^~>?${VERSION}$`, 'i')
const CARET = new RegExp(`^\\^${VERSION}($)`, 'i')
const X_RANGE = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.[xX*])+$/
const HYPHEN = new RegExp(`^(${VERSION}) +- +(${VERSION})($)`, 'i')
const BASIC = new RegExp(`^(<>|!=|>=?|<=?|==?)?[${WS}]*([^\\n]*)`)
const LOWER_MODIFIER = new RegExp(`-${MODIFIER}$`)
const BRANCH_NAME = /^[0-9a-zA-Z-./]+$/

const OPS: Record<string, Operator> = { '<>': '!=', '!=': '!=', '>': '>', '>=': '>=', '<': '<', '<=': '<=', '=': '=', '==': '=' }

const fail = (range: string, why: string): never => {
  throw new StowawayError('INVALID_RANGE', `Cannot parse range "${range}": ${why}`)
}

/** PHP empty() on a regex capture: undefined, '' and '0' are empty. */
const empty = (s: string | undefined) => s === undefined || s === '' || s === '0'

function normalizeOrFail(range: string, v: string): string {
  const n = normalizeComposerVersion(v)
  if (n === undefined) fail(range, `invalid version "${v}"`)
  return n!
}

// VersionParser::manipulateVersionString with a non-negative increment.
function manipulate(parts: (string | undefined)[], position: number, increment = 0): string {
  const m = [...parts]
  for (let i = 4; i > 0; i--) {
    if (i > position) m[i] = '0'
    else if (i === position && increment) m[i] = (BigInt(m[i] || '0') + BigInt(increment)).toString()
  }
  return `${m[1]}.${m[2]}.${m[3]}.${m[4]}`
}

// VersionParser::parseStability on a normalized version
function stability(version: string): string {
  const v = version.replace(/#[^]+$/, '')
  if (v.startsWith('dev-') || v.endsWith('-dev')) return 'dev'
  const m = new RegExp(`${MODIFIER}(?:\\+[^]*)?$`, 'i').exec(v.toLowerCase())
  if (!m) return 'stable'
  if (m[3]) return 'dev'
  if (m[1] === 'beta' || m[1] === 'b') return 'beta'
  if (m[1] === 'alpha' || m[1] === 'a') return 'alpha'
  if (m[1] === 'rc') return 'RC'
  return 'stable'
}

function parseOne(range: string, input: string): Comparator[] {
  let c = input
  const alias = ALIAS.exec(c)
  if (alias) c = alias[1]!
  let stabilityModifier: string | undefined
  const flag = FLAG.exec(c)
  if (flag) {
    c = flag[1] !== '' ? flag[1]! : '*'
    if (flag[2] !== 'stable') stabilityModifier = flag[2]
  }
  const ref = REF.exec(c)
  if (ref) c = ref[1]!
  const any = ANY.exec(c)
  if (any) return any[1] || any[2] ? [{ op: '>=', version: '0.0.0.0-dev' }] : []

  let m = TILDE.exec(c)
  if (m) {
    if (c.startsWith('~>')) fail(range, 'invalid operator "~>", Composer\'s tilde is "~"')
    let position = m[4] ? 4 : m[3] ? 3 : m[2] ? 2 : 1
    if (!empty(m[8])) position++
    const suffix = empty(m[5]) && empty(m[7]) && empty(m[8]) ? '-dev' : ''
    const low = normalizeOrFail(range, (c + suffix).slice(1))
    const high = `${manipulate(m, Math.max(1, position - 1), 1)}-dev`
    return [{ op: '>=', version: low }, { op: '<', version: high }]
  }
  m = CARET.exec(c)
  if (m) {
    const position = m[1] !== '0' || !m[2] ? 1 : m[2] !== '0' || !m[3] ? 2 : 3
    const suffix = empty(m[5]) && empty(m[7]) && empty(m[8]) ? '-dev' : ''
    const low = normalizeOrFail(range, (c + suffix).slice(1))
    return [{ op: '>=', version: low }, { op: '<', version: `${manipulate(m, position, 1)}-dev` }]
  }
  m = X_RANGE.exec(c)
  if (m) {
    const position = m[3] ? 3 : m[2] ? 2 : 1
    const low = `${manipulate(m, position)}-dev`
    const high = `${manipulate(m, position, 1)}-dev`
    return low === '0.0.0.0-dev' ? [{ op: '<', version: high }] : [{ op: '>=', version: low }, { op: '<', version: high }]
  }
  m = HYPHEN.exec(c)
  if (m) {
    const lowSuffix = empty(m[6]) && empty(m[8]) && empty(m[9]) ? '-dev' : ''
    const low = normalizeOrFail(range, m[1]!)
    const emptyKeepZero = (x: string | undefined) => (x === '0' ? false : empty(x))
    const lower: Comparator = { op: '>=', version: low + lowSuffix }
    if ((!emptyKeepZero(m[12]) && !emptyKeepZero(m[13])) || !empty(m[15]) || !empty(m[17]) || !empty(m[18])) {
      return [lower, { op: '<=', version: normalizeOrFail(range, m[10]!) }]
    }
    normalizeOrFail(range, m[10]!)
    const high = manipulate(['', m[11], m[12], m[13], m[14]], emptyKeepZero(m[12]) ? 1 : 2, 1)
    return [lower, { op: '<', version: `${high}-dev` }]
  }
  const basic = BASIC.exec(c)!
  const opText = basic[1] ?? ''
  const text = basic[2]!
  let version = normalizeComposerVersion(text)
  if (version === undefined) {
    // "foobar-dev" is read as the branch dev-foobar
    if (text.endsWith('-dev') && BRANCH_NAME.test(text)) version = normalizeComposerVersion(`dev-${text.slice(0, -4)}`)
    if (version === undefined) fail(range, `invalid constraint "${input}"`)
  }
  const op = opText || '='
  let bound = version!
  if (op !== '==' && op !== '=' && stabilityModifier && stability(bound) === 'stable') bound += `-${stabilityModifier}`
  else if ((op === '<' || op === '>=') && !LOWER_MODIFIER.test(text.toLowerCase()) && !text.startsWith('dev-')) bound += '-dev'
  return [{ op: OPS[op]!, version: bound }]
}

// Only these spellings normalize to dev-<branch>; the cheap test skips normalizing the rest.
const MAYBE_BRANCH = /dev-|master|trunk|default/i
const isBranch = (v: string) => MAYBE_BRANCH.test(v) && normalizeComposerVersion(v)?.startsWith('dev-') === true

// Constraint::matchSpecific against an `== version` provider: a dev-<branch> only
// meets == and != (by name), never an ordering.
function testOne(c: BoundComparator, version: string, versionIsBranch: boolean, cmp: BoundCompare): boolean {
  if (versionIsBranch || c.branch) {
    const r = cmp(version, c.version)
    if (r === 2 || r === 3) return false
    if (c.op === '=') return r === 0
    if (c.op === '!=') return r !== 0
    return false
  }
  return testComparator(c, version, cmp)
}

/**
 * Parse a Composer constraint the way composer/semver's `VersionParser::parseConstraints`
 * does: `||` (or a single `|`) between alternatives; `,` or a space between constraints
 * that must all hold; `^1.2`, `~1.2`, `1.2.*` / `1.2.x`, hyphen ranges `1.0 - 2.0`,
 * operators `<`, `<=`, `>`, `>=`, `=`, `==`, `!=`, `<>`, `*`, aliases `1.0 as 2.0`,
 * `#ref` suffixes on dev versions. Bounds get Composer's implicit `-dev` suffixes
 * (`>=1.2` means `>= 1.2.0.0-dev`). Stability flags (`@dev`, `@beta`) are parsed and
 * shift bounds exactly as Composer does, but minimum-stability filtering is not applied:
 * membership is by version order alone. A `dev-<branch>` version meets only `==` and
 * `!=` constraints, by name.
 *
 * @param range the constraint string
 * @returns the parsed range
 * @throws {StowawayError} `INVALID_RANGE` where Composer throws `UnexpectedValueException`
 * @example
 * ```ts
 * import { satisfies } from '@stowaway/version'
 * satisfies('Packagist', '1.3.0', '^1.2') // true
 * satisfies('Packagist', '2.0.0', '>=1.0,<2.0 || >=3.0') // false
 * ```
 */
export function parseComposerRange(range: string): VersionRange {
  const hit = CACHE.get(range)
  if (hit) return hit
  const anyOf: BoundComparator[][] = []
  for (const alt of splitOr(phpTrim(range))) {
    const parts = alt.split(AND_SPLIT)
    const all: BoundComparator[] = []
    for (const p of parts) for (const c of parseOne(range, p)) all.push({ ...c, branch: isBranch(c.version) })
    anyOf.push(all)
  }
  const parsed: VersionRange = {
    source: range,
    test: (v, cmp) => {
      const branch = isBranch(v)
      return anyOf.some((all) => all.every((c) => testOne(c, v, branch, cmp)))
    },
  }
  // satisfies() parses on every call and advisories repeat a few constraints many
  // times; a parsed range is immutable, so a small cache is safe
  if (CACHE.size >= CACHE_SIZE) CACHE.clear()
  CACHE.set(range, parsed)
  return parsed
}

interface BoundComparator extends Comparator {
  /** Whether the bound is a dev-<branch>, decided once at parse time. */
  branch: boolean
}

const CACHE_SIZE = 512
const CACHE = new Map<string, VersionRange>()

const isPcreSpace = (c: number) => c === 32 || (c >= 9 && c <= 13)

/**
 * `preg_split('{\s*\|\|?\s*}', …)` written out: a regex with a leading `\s*` scans a
 * long run of blanks once per position (quadratic), this does one pass.
 */
function splitOr(s: string): string[] {
  const out: string[] = []
  let start = 0
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) !== 124) continue
    let end = i
    while (end > start && isPcreSpace(s.charCodeAt(end - 1))) end--
    out.push(s.slice(start, end))
    if (s.charCodeAt(i + 1) === 124) i++
    start = i + 1
    while (start < s.length && isPcreSpace(s.charCodeAt(start))) start++
    i = start - 1
  }
  out.push(s.slice(start))
  return out
}

