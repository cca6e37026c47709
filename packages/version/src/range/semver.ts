import { StowawayError } from '@stowaway/core'
import { parseSemver } from '../reference/semver.ts'
import type { BoundCompare, RangeParser, VersionRange } from './version-range.ts'

/** npm range options, as node-semver's `{ loose, includePrerelease }`. */
export interface SemverRangeOptions {
  /** Accept loose versions (`1.2.3beta`, `=1.2.3`, leading zeros) in ranges and under test. */
  loose?: boolean
  /** Let prerelease versions satisfy ranges without a prerelease on the same tuple. */
  includePrerelease?: boolean
}

// The grammar of node-semver's ranges, built per mode. node-semver bounds its greedy
// repetitions (`\s*` → `\s{0,1}`, `\d+` → `\d{1,256}` …) and collapses whitespace first;
// the same bounds are applied here so odd spacing is read identically.
function bounded(src: string): string {
  return src
    .split('\\s*').join('\\s{0,1}')
    .split('\\s+').join('\\s{1,1}')
    .split('\\d*').join('\\d{0,256}')
    .split('\\d+').join('\\d{1,256}')
    .split('[a-zA-Z0-9-]*').join('[a-zA-Z0-9-]{0,250}')
    .split('[a-zA-Z0-9-]+').join('[a-zA-Z0-9-]{1,250}')
}

interface Grammar {
  full: RegExp
  comparator: RegExp
  comparatorLoose: RegExp
  hyphen: RegExp
  comparatorTrim: RegExp
  tildeTrim: RegExp
  caretTrim: RegExp
  tilde: RegExp
  caret: RegExp
  xrange: RegExp
  star: RegExp
  gte0: RegExp
  gte0pre: RegExp
  build: RegExp
  buildAll: RegExp
}

function grammar(loose: boolean): Grammar {
  const num = '0|[1-9]\\d*'
  const numLoose = '\\d+'
  const nonNum = '\\d*[a-zA-Z-][a-zA-Z0-9-]*'
  const main = `(${num})\\.(${num})\\.(${num})`
  const mainLoose = `(${numLoose})\\.(${numLoose})\\.(${numLoose})`
  const preId = `(?:${num}|${nonNum})`
  const preIdLoose = `(?:${numLoose}|${nonNum})`
  const pre = `(?:-(${preId}(?:\\.${preId})*))`
  const preLoose = `(?:-?(${preIdLoose}(?:\\.${preIdLoose})*))`
  const build = `(?:\\+([a-zA-Z0-9-]+(?:\\.[a-zA-Z0-9-]+)*))`
  const fullPlain = `v?${main}${pre}?${build}?`
  const loosePlain = `[v=\\s]*${mainLoose}${preLoose}?${build}?`
  const gtlt = '((?:<|>)?=?)'
  const xid = `${num}|x|X|\\*`
  const xidLoose = `${numLoose}|x|X|\\*`
  const xPlain = `[v=\\s]*(${xid})(?:\\.(${xid})(?:\\.(${xid})(?:${pre})?${build}?)?)?`
  const xPlainLoose = `[v=\\s]*(${xidLoose})(?:\\.(${xidLoose})(?:\\.(${xidLoose})(?:${preLoose})?${build}?)?)?`
  const xp = loose ? xPlainLoose : xPlain
  const re = (s: string, flags?: string) => new RegExp(bounded(s), flags)
  return {
    full: re(loose ? `^${loosePlain}$` : `^${fullPlain}$`),
    comparator: re(loose ? `^${gtlt}\\s*(${loosePlain})$|^$` : `^${gtlt}\\s*(${fullPlain})$|^$`),
    comparatorLoose: re(`^${gtlt}\\s*(${loosePlain})$|^$`),
    hyphen: re(`^\\s*(${xp})\\s+-\\s+(${xp})\\s*$`),
    // Unanchored and global: its `[v=\\s]*` prefixes are capped so that a long run of
    // `v`, `=` or spaces costs O(n·256) instead of O(n²) (node-semver swaps this regex
    // for a hand-written scan). Only prefixes longer than 256 characters read differently.
    comparatorTrim: re(`(\\s*)${gtlt}\\s*(${loosePlain}|${xPlain})`.split('[v=\\s]*').join('[v=\\s]{0,256}'), 'g'),
    tildeTrim: re('(\\s*)(?:~>?)\\s+', 'g'),
    caretTrim: re('(\\s*)(?:\\^)\\s+', 'g'),
    tilde: re(`^(?:~>?)${xp}$`),
    caret: re(`^(?:\\^)${xp}$`),
    xrange: re(`^${gtlt}\\s*${xp}$`),
    star: re('(<|>)?=?\\s*\\*'),
    gte0: re('^\\s*>=\\s*0\\.0\\.0\\s*$'),
    gte0pre: re('^\\s*>=\\s*0\\.0\\.0-0\\s*$'),
    build: re(build),
    // Unbounded on purpose: node-semver strips all build metadata before anything else.
    buildAll: new RegExp(build, 'g'),
  }
}

const GRAMMARS = { strict: grammar(false), loose: grammar(true) }

const MAX_SAFE = Number.MAX_SAFE_INTEGER

/** A version as node-semver's `SemVer` reads it, reduced to what ranges need. */
interface Parsed {
  /** Canonical strict form `M.m.p[-pre]` (build dropped, numbers normalised). */
  version: string
  major: string
  minor: string
  patch: string
  hasPre: boolean
}

function parseVersion(input: string, loose: boolean): Parsed | undefined {
  if (!loose) {
    // Strict mode: the hand-written reference parser reads the same grammar, faster.
    const p = parseSemver(input)
    if (!p) return undefined
    const major = p.s.slice(p.major, p.majorEnd)
    const minor = p.s.slice(p.minor, p.minorEnd)
    const patch = p.s.slice(p.patch, p.patchEnd)
    const pre = p.preStart >= 0 ? `-${p.s.slice(p.preStart, p.preEnd)}` : ''
    return { version: `${major}.${minor}.${patch}${pre}`, major, minor, patch, hasPre: p.preStart >= 0 }
  }
  if (input.length > 256) return undefined
  const m = (loose ? GRAMMARS.loose : GRAMMARS.strict).full.exec(input.trim())
  if (!m) return undefined
  const nums = [m[1]!, m[2]!, m[3]!].map(Number)
  if (nums.some((n) => n > MAX_SAFE)) return undefined
  const pre = m[4]
    ? m[4].split('.').map((id) => {
        if (/^[0-9]+$/.test(id)) {
          const n = Number(id)
          if (n >= 0 && n < MAX_SAFE) return String(n)
        }
        return id
      })
    : []
  const [major, minor, patch] = nums.map(String) as [string, string, string]
  return { version: `${major}.${minor}.${patch}${pre.length ? `-${pre.join('.')}` : ''}`, major, minor, patch, hasPre: pre.length > 0 }
}

/**
 * Read a version as node-semver does with the given options and return its canonical
 * strict spelling (`=v01.2.3beta` loose → `1.2.3-beta`), or undefined when node-semver
 * would reject it. Build metadata is dropped: it never affects ordering.
 *
 * @param version the version string
 * @param options `loose` to accept node-semver's loose syntax
 * @returns canonical `MAJOR.MINOR.PATCH[-PRERELEASE]` or undefined
 * @example
 * ```ts
 * import { normalizeSemver } from '@stowaway/version'
 * normalizeSemver(' = v1.2.3-beta', { loose: true }) // '1.2.3-beta'
 * ```
 */
export function normalizeSemver(version: string, options?: SemverRangeOptions): string | undefined {
  return parseVersion(version, options?.loose === true)?.version
}

const isX = (id: string | undefined) => !id || id.toLowerCase() === 'x' || id === '*'

type Op = '' | '<' | '<=' | '>' | '>='

interface Comp {
  op: Op
  /** Undefined = ANY (matches everything). */
  v?: Parsed
  value: string
}

function invalid(range: string, why: string): StowawayError {
  return new StowawayError('INVALID_RANGE', `Cannot parse range "${range}": ${why}`)
}

class NpmRangeReader {
  private readonly g: Grammar
  constructor(
    private readonly loose: boolean,
    private readonly incPr: boolean,
    private readonly source: string,
  ) {
    this.g = loose ? GRAMMARS.loose : GRAMMARS.strict
  }

  private hyphen(_: string, from: string, fM: string, fm: string, fp: string, fpr: string, _fb: string,
    to: string, tM: string, tm: string, tp: string, tpr: string): string {
    const z = this.incPr ? '-0' : ''
    if (isX(fM)) from = ''
    else if (isX(fm)) from = `>=${fM}.0.0${z}`
    else if (isX(fp)) from = `>=${fM}.${fm}.0${z}`
    else if (fpr) from = `>=${from}`
    else from = `>=${from}${z}`
    if (isX(tM)) to = ''
    else if (isX(tm)) to = `<${+tM + 1}.0.0-0`
    else if (isX(tp)) to = `<${tM}.${+tm + 1}.0-0`
    else if (tpr) to = `<=${tM}.${tm}.${tp}-${tpr}`
    else if (this.incPr) to = `<${tM}.${tm}.${+tp + 1}-0`
    else to = `<=${to}`
    return `${from} ${to}`.trim()
  }

  private tilde(comp: string): string {
    const z = this.incPr ? '-0' : ''
    return comp.replace(this.g.tilde, (_: string, M: string, m: string, p: string, pr: string) => {
      if (isX(M)) return ''
      if (isX(m)) return `>=${M}.0.0${z} <${+M + 1}.0.0-0`
      if (isX(p)) return `>=${M}.${m}.0${z} <${M}.${+m + 1}.0-0`
      if (pr) return `>=${M}.${m}.${p}-${pr} <${M}.${+m + 1}.0-0`
      return `>=${M}.${m}.${p} <${M}.${+m + 1}.0-0`
    })
  }

  private caret(comp: string): string {
    const z = this.incPr ? '-0' : ''
    return comp.replace(this.g.caret, (_: string, M: string, m: string, p: string, pr: string) => {
      if (isX(M)) return ''
      if (isX(m)) return `>=${M}.0.0${z} <${+M + 1}.0.0-0`
      if (isX(p)) return M === '0' ? `>=${M}.${m}.0${z} <${M}.${+m + 1}.0-0` : `>=${M}.${m}.0${z} <${+M + 1}.0.0-0`
      const lo = pr ? `>=${M}.${m}.${p}-${pr}` : `>=${M}.${m}.${p}`
      if (M === '0') return m === '0' ? `${lo} <${M}.${m}.${+p + 1}-0` : `${lo} <${M}.${+m + 1}.0-0`
      return `${lo} <${+M + 1}.0.0-0`
    })
  }

  private xrange(comp: string): string {
    comp = comp.trim()
    return comp.replace(this.g.xrange, (ret: string, gtlt: string, M: string, m: string | number, p: string | number) => {
      // A wildcard followed by a number (`1.x.5`, `x.1`) is left alone, so it fails later.
      if ((isX(M) && !isX(m as string)) || (isX(m as string) && p && !isX(p as string))) return comp
      const xM = isX(M)
      const xm = xM || isX(m as string)
      const xp = xm || isX(p as string)
      if (gtlt === '=' && xp) gtlt = ''
      let pr = this.incPr ? '-0' : ''
      if (xM) return gtlt === '>' || gtlt === '<' ? '<0.0.0-0' : '*'
      if (gtlt && xp) {
        let major: string | number = M
        if (xm) m = 0
        p = 0
        if (gtlt === '>') {
          gtlt = '>='
          if (xm) {
            major = +M + 1
            m = 0
          } else m = +m + 1
        } else if (gtlt === '<=') {
          gtlt = '<'
          if (xm) major = +M + 1
          else m = +m + 1
        }
        if (gtlt === '<') pr = '-0'
        return `${gtlt}${major}.${m}.${p}${pr}`
      }
      if (xm) return `>=${M}.0.0${pr} <${+M + 1}.0.0-0`
      if (xp) return `>=${M}.${m}.0${pr} <${M}.${+m + 1}.0-0`
      return ret
    })
  }

  private comparatorText(comp: string): string {
    comp = comp.replace(this.g.build, '')
    comp = comp.trim().split(/\s+/).map((c) => this.caret(c)).join(' ')
    comp = comp.trim().split(/\s+/).map((c) => this.tilde(c)).join(' ')
    comp = comp.split(/\s+/).map((c) => this.xrange(c)).join(' ')
    return comp.trim().replace(this.g.star, '')
  }

  private comparator(text: string): Comp {
    const c = text.trim().split(/\s+/).join(' ')
    const m = this.g.comparator.exec(c)
    if (!m) throw invalid(this.source, `invalid comparator "${c}"`)
    const op = (m[1] === '=' || m[1] === undefined ? '' : m[1]) as Op
    if (!m[2]) return { op, value: '' }
    const v = parseVersion(m[2], this.loose)
    if (!v) throw invalid(this.source, `invalid version in comparator "${c}"`)
    return { op, v, value: op + v.version }
  }

  alternative(range: string): Comp[] {
    range = range.replace(this.g.buildAll, '')
    range = range.replace(this.g.hyphen, this.hyphen.bind(this) as (...a: string[]) => string)
    range = range.replace(this.g.comparatorTrim, '$1$2$3')
    range = range.replace(this.g.tildeTrim, '$1~')
    range = range.replace(this.g.caretTrim, '$1^')
    let list = range
      .split(' ')
      .map((c) => this.comparatorText(c))
      .join(' ')
      .split(/\s+/)
      .map((c) => c.trim().replace(this.incPr ? this.g.gte0pre : this.g.gte0, ''))
    if (this.loose) list = list.filter((c) => this.g.comparatorLoose.test(c))
    const byValue = new Map<string, Comp>()
    // Every comparator is read (and may throw) before the null set short-cuts.
    for (const c of list.map((text) => this.comparator(text))) {
      if (c.value === '<0.0.0-0') return [c]
      byValue.set(c.value, c)
    }
    if (byValue.size > 1) byValue.delete('')
    return [...byValue.values()]
  }
}

function holds(c: Comp, v: string, cmp: BoundCompare): boolean {
  if (!c.v) return true
  const r = cmp(v, c.v.version)
  if (r === 2 || r === 3) return false
  switch (c.op) {
    case '':
      return r === 0
    case '<':
      return r < 0
    case '<=':
      return r <= 0
    case '>':
      return r > 0
    case '>=':
      return r >= 0
  }
}

const RANGE_CACHE_SIZE = 1000
// node-semver has no limit; real ranges are far shorter, and this bounds the worst case
// of the regex passes on hostile input to a few milliseconds.
const RANGE_MAX_LENGTH = 65536

/**
 * Make an npm range parser with node-semver's options. The parsed range's `test` reads
 * the version under test with the same options (loose versions are canonicalised before
 * they reach the backend) and asks the backend's compare for every ordering.
 *
 * @param options `loose` and `includePrerelease`, as in node-semver
 * @returns a range parser
 * @example
 * ```ts
 * import { createSemverRangeParser, referenceBackend, Scheme } from '@stowaway/version'
 * const r = createSemverRangeParser({ includePrerelease: true })('^1.0.0')
 * r.test('1.1.0-rc.1', (a, b) => referenceBackend.compare(Scheme.Semver, a, b)) // true
 * ```
 */
export function createSemverRangeParser(options?: SemverRangeOptions): RangeParser {
  const loose = options?.loose === true
  const incPr = options?.includePrerelease === true
  // Parsed ranges are immutable and advisories repeat the same few ranges: keep up to
  // RANGE_CACHE_SIZE of them, as node-semver does, and start over when full.
  const cache = new Map<string, VersionRange>()
  return (source: string): VersionRange => {
    const hit = cache.get(source)
    if (hit) return hit
    if (cache.size >= RANGE_CACHE_SIZE) cache.clear()
    const range = parse(source)
    cache.set(source, range)
    return range
  }
  function parse(source: string): VersionRange {
    if (source.length > RANGE_MAX_LENGTH) throw invalid(source.slice(0, 40), `longer than ${RANGE_MAX_LENGTH} characters`)
    const reader = new NpmRangeReader(loose, incPr, source)
    const raw = source.trim().replace(/\s+/g, ' ')
    let set = raw
      .split('||')
      .map((alt) => reader.alternative(alt.trim()))
      .filter((alt) => alt.length > 0)
    if (set.length === 0) throw invalid(source, 'no comparators')
    if (set.length > 1) {
      const first = set[0]!
      set = set.filter((alt) => alt[0]!.value !== '<0.0.0-0')
      if (set.length === 0) set = [first]
      else {
        const any = set.find((alt) => alt.length === 1 && alt[0]!.value === '')
        if (any) set = [any]
      }
    }
    return {
      source,
      test(version: string, cmp: BoundCompare): boolean {
        if (!version) return false
        const parsed = parseVersion(version, loose)
        if (!parsed) return false
        // Strict mode hands the version over as written; loose mode its canonical form.
        const v = loose ? parsed.version : version
        return set.some((alt) => {
          if (!alt.every((c) => holds(c, v, cmp))) return false
          if (!parsed.hasPre || incPr) return true
          // npm's prerelease rule: a prerelease only matches a comparator set naming a
          // prerelease of the same MAJOR.MINOR.PATCH.
          return alt.some((c) => c.v?.hasPre === true && c.v.major === parsed.major && c.v.minor === parsed.minor && c.v.patch === parsed.patch)
        })
      },
    }
  }
}

/**
 * Parse an npm range (`^1.2.3`, `~1.2`, `1.x || >=2.0.0 <3`, `1.0.0 - 2.0.0`, `*`) with
 * npm's defaults (strict, prereleases only where the range names one).
 *
 * @param range the range string
 * @returns the parsed range
 * @throws {StowawayError} `INVALID_RANGE` where node-semver's `validRange()` is null
 * @example
 * ```ts
 * import { parseSemverRange } from '@stowaway/version'
 * parseSemverRange('^1.2.3 || 2.x')
 * ```
 */
export const parseSemverRange: RangeParser = createSemverRangeParser()
