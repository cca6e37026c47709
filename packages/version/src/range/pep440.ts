import { StowawayError } from '@stowaway/core'
import { formatPep440, isPep440Prerelease, parsePep440 } from '../reference/pep440.ts'
import type { Pep440Version } from '../reference/pep440.ts'
import type { BoundCompare, RangeParser, VersionRange } from './version-range.ts'

/** Options of {@link createPep440RangeParser}. */
export interface Pep440RangeOptions {
  /**
   * Which pre-releases (`1.0a1`, `1.0.dev0`, `1.0rc1.post1`) a specifier set may match.
   * - `true` (default): like any other version. This is what packaging's
   *   `SpecifierSet.contains(v)` answers for a single version (a pre-release is
   *   accepted when it is the only candidate) and what a vulnerability matcher needs:
   *   an installed `2.0rc1` inside `>=1.0,<2.1` is affected.
   * - `false`: never (`contains(v, prereleases=False)`).
   * - `'if-mentioned'`: only when one of the specifiers names a pre-release, PEP 440's
   *   rule for choosing among candidates (`>=1.0` skips `2.0b1`, `>=2.0b1` does not).
   */
  prereleases?: boolean | 'if-mentioned'
}

type Op = '~=' | '==' | '!=' | '<=' | '>=' | '<' | '>' | '==='

interface Spec {
  op: Op
  /** The version as written (for `===`). */
  raw: string
  /** Set for every operator but `===`. */
  v?: Pep440Version
  wildcard: boolean
  hasLocal: boolean
  /** Bounds precomputed as canonical version strings. */
  lo: string
  hi: string
  /** Whether this specifier makes `'if-mentioned'` admit pre-releases. */
  mentionsPre: boolean
}

const ITEM = /^(===|~=|==|!=|<=|>=|<|>)\s*(.*)$/s
const WILDCARD_BASE = /^[vV]?(?:[0-9]+!)?[0-9]+(?:\.[0-9]+)*$/

/** Decimal string + 1, any length. */
function inc(n: string): string {
  const d = n.split('')
  let i = d.length - 1
  while (i >= 0 && d[i] === '9') d[i--] = '0'
  if (i < 0) return '1' + d.join('')
  d[i] = String.fromCharCode(d[i]!.charCodeAt(0) + 1)
  return d.join('')
}

const fmt = (v: Pep440Version) => formatPep440(v)

function fail(range: string, why: string): never {
  throw new StowawayError('INVALID_RANGE', `Cannot parse range "${range}": ${why}`)
}

function parseItem(item: string, range: string): Spec {
  const m = ITEM.exec(item)
  if (!m) fail(range, `"${item}" has no PEP 440 operator`)
  const op = m[1] as Op
  const raw = m[2]!
  const spec: Spec = { op, raw, wildcard: false, hasLocal: false, lo: '', hi: '', mentionsPre: false }
  if (op === '===') {
    if (/[\s;)]/.test(raw)) fail(range, `"${item}" is not a valid arbitrary-equality specifier`)
    const pv = parsePep440(raw)
    spec.mentionsPre = pv !== undefined && isPep440Prerelease(pv)
    return spec
  }
  let text = raw
  if ((op === '==' || op === '!=') && text.endsWith('.*')) {
    text = text.slice(0, -2)
    if (!WILDCARD_BASE.test(text)) fail(range, `"${item}" may only put ".*" after a release number`)
    spec.wildcard = true
  }
  const v = parsePep440(text)
  if (!v || /\s/.test(text)) fail(range, `"${raw}" is not a valid PEP 440 version`)
  spec.v = v
  spec.hasLocal = v.local !== undefined
  if (spec.hasLocal && op !== '==' && op !== '!=') fail(range, `"${op}" does not allow a local version label`)
  if (op === '~=' && v.release.length < 2) fail(range, `"~=" needs at least two release numbers`)
  const { epoch, release } = v
  switch (op) {
    case '~=':
      spec.lo = fmt(v)
      spec.hi = fmt({ epoch, release: [...release.slice(0, -2), inc(release[release.length - 2]!)], dev: '0' })
      break
    case '==':
    case '!=':
      if (spec.wildcard) {
        spec.lo = fmt({ epoch, release, dev: '0' })
        spec.hi = fmt({ epoch, release: [...release.slice(0, -1), inc(release[release.length - 1]!)], dev: '0' })
      } else spec.lo = fmt(v)
      break
    case '<':
      // `<V` leaves out V's own pre-releases unless V is one: the bound becomes V.dev0.
      spec.lo = isPep440Prerelease(v) ? fmt(v) : fmt({ ...v, dev: '0' })
      break
    case '>':
      // `>V` leaves out V's post-releases (and V+local) unless V is itself a dev or
      // post release, whose successor is then the exact lower bound.
      if (v.dev !== undefined) spec.lo = fmt({ ...v, dev: inc(v.dev) })
      else if (v.post !== undefined) spec.lo = fmt({ ...v, post: inc(v.post), dev: '0' })
      else {
        spec.lo = fmt(v)
        spec.hi = fmt({ epoch, release, pre: v.pre })
      }
      break
    default:
      spec.lo = fmt(v)
  }
  spec.mentionsPre = op !== '!=' && !spec.wildcard && isPep440Prerelease(v)
  return spec
}

function testSpec(s: Spec, version: string, pv: Pep440Version | undefined, cmp: BoundCompare): boolean {
  if (s.op === '===') return version.toLowerCase() === s.raw.toLowerCase()
  if (!pv) return false
  const at = (bound: string) => cmp(version, bound)
  switch (s.op) {
    case '>=': {
      const r = at(s.lo)
      return r === 0 || r === 1
    }
    case '<':
      return at(s.lo) === -1
    case '<=': {
      const r = at(s.lo)
      return r === -1 || r === 0 || cmp(fmt({ ...pv, local: undefined }), s.lo) === 0
    }
    case '>': {
      const r = at(s.lo)
      if (s.hi === '') return r === 0 || r === 1
      if (r !== 1) return false
      // Inside V's post family (V.postN, V+local) → excluded.
      const samePre = cmp(fmt({ epoch: pv.epoch, release: pv.release, pre: pv.pre }), s.hi) === 0
      return !(samePre && (pv.post !== undefined || pv.dev === undefined))
    }
    case '~=': {
      const r = at(s.lo)
      return (r === 0 || r === 1) && at(s.hi) === -1
    }
    case '==':
    case '!=': {
      let eq: boolean
      if (s.wildcard) {
        const r = at(s.lo)
        eq = (r === 0 || r === 1) && at(s.hi) === -1
      } else if (s.hasLocal) eq = at(s.lo) === 0
      else eq = cmp(fmt({ ...pv, local: undefined }), s.lo) === 0
      return s.op === '==' ? eq : !eq
    }
  }
}

/**
 * Make a parser for PEP 440 version specifiers as pypa/packaging's `SpecifierSet`
 * reads them: comma-separated `~=`, `==` (with `.*` prefix matching; a specifier
 * without a local label matches any local label), `!=`, `<`, `<=`, `>`, `>=` (with
 * PEP 440's exclusive-comparison rules: `<2` excludes `2.0rc1`, `>2` excludes
 * `2.post1` and `2+local`) and `===` (case-insensitive string equality). Every
 * specifier must hold. Orderings come only from the compare function given to `test`.
 *
 * @param options pre-release policy (default: pre-releases match like any version)
 * @returns the parser
 * @throws {StowawayError} `INVALID_RANGE` (from the parser) on a specifier packaging
 *   rejects with InvalidSpecifier, and on a range with no specifier at all
 * @example
 * ```ts
 * import { createPep440RangeParser, referenceBackend, Scheme } from '@stowaway/version'
 * const strict = createPep440RangeParser({ prereleases: false })('>=1.0,<2')
 * strict.test('1.5rc1', (a, b) => referenceBackend.compare(Scheme.Pep440, a, b)) // false
 * ```
 */
export function createPep440RangeParser(options: Pep440RangeOptions = {}): RangeParser {
  const mode = options.prereleases ?? true
  return (range: string): VersionRange => {
    const specs = range
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '')
      .map((s) => parseItem(s, range))
    if (specs.length === 0) fail(range, 'no specifier')
    const admitPre = mode === true || (mode === 'if-mentioned' && specs.some((s) => s.mentionsPre))
    return {
      source: range,
      test(version, cmp) {
        const pv = parsePep440(version)
        if (!admitPre && pv && isPep440Prerelease(pv)) return false
        return specs.every((s) => testSpec(s, version, pv, cmp))
      },
    }
  }
}

/**
 * PEP 440 specifier sets with pre-releases matching like any version — the parser
 * `satisfies('PyPI', …)` uses. See {@link createPep440RangeParser}.
 *
 * @param range e.g. `>=1.0,!=1.3.*,<2`
 * @returns the parsed range
 * @throws {StowawayError} `INVALID_RANGE` on an invalid specifier
 * @example
 * ```ts
 * import { satisfies } from '@stowaway/version'
 * satisfies('PyPI', '2.0rc1', '>=1.0,<2.1') // true
 * ```
 */
export const parsePep440Range: RangeParser = createPep440RangeParser()
