import type { CompareCode } from '../result.ts'
import type { SchemeImpl } from './scheme-impl.ts'

const isDigit = (c: number) => c >= 48 && c <= 57
const isAlpha = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
const isAlnum = (c: number) => isDigit(c) || isAlpha(c)
// Ruby's `\s`: space, \t \n \v \f \r.
const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13)

/**
 * The stripped bounds of a version Gem::Version accepts, or undefined.
 * `ANCHORED_VERSION_PATTERN`: `\A\s*([0-9]+(?>\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?)?\s*\z`.
 */
function bounds(s: string): [number, number] | undefined {
  let i = 0
  let end = s.length
  while (i < end && isSpace(s.charCodeAt(i))) i++
  while (end > i && isSpace(s.charCodeAt(end - 1))) end--
  if (i === end) return [i, end]
  const start = i
  if (!isDigit(s.charCodeAt(i))) return undefined
  while (i < end && isDigit(s.charCodeAt(i))) i++
  while (i < end && s.charCodeAt(i) === 46) {
    const st = ++i
    while (i < end && isAlnum(s.charCodeAt(i))) i++
    if (i === st) return undefined
  }
  if (i < end && s.charCodeAt(i) === 45) {
    // -[0-9A-Za-z-]+ (\.[0-9A-Za-z-]+)*
    for (;;) {
      const st = ++i
      while (i < end && (isAlnum(s.charCodeAt(i)) || s.charCodeAt(i) === 45)) i++
      if (i === st) return undefined
      if (i < end && s.charCodeAt(i) === 46) continue
      break
    }
  }
  return i === end ? [start, end] : undefined
}

/**
 * Segment iterator over a stripped version: runs of digits or letters, with each
 * `-` read as `.pre.` (what Gem::Version does before splitting). Kind 1 = number,
 * 2 = string, 0 = end.
 */
class Segments {
  s = ''
  i = 0
  end = 0
  kind = 0
  a = 0
  b = 0

  reset(s: string, i: number, end: number): void {
    this.s = s
    this.i = i
    this.end = end
  }

  next(): number {
    const s = this.s
    while (this.i < this.end && !isAlnum(s.charCodeAt(this.i))) {
      if (s.charCodeAt(this.i) === 45) {
        this.i++
        this.kind = 2
        this.a = -1 // the literal "pre"
        this.b = -1
        return 2
      }
      this.i++
    }
    if (this.i >= this.end) return (this.kind = 0)
    const st = this.i
    const digit = isDigit(s.charCodeAt(st))
    while (this.i < this.end && isAlnum(s.charCodeAt(this.i)) && isDigit(s.charCodeAt(this.i)) === digit) this.i++
    this.a = st
    this.b = this.i
    return (this.kind = digit ? 1 : 2)
  }
}

/**
 * Canonical segments of a Gem::Version: the numeric prefix (up to the first string
 * segment) and the rest, each with trailing zeros dropped, then concatenated.
 */
interface Seg {
  num: boolean
  /** Digits without leading zeros ('' = 0) or the string itself. */
  text: string
}

function canonical(s: string, lo: number, hi: number): Seg[] {
  const it = new Segments()
  it.reset(s, lo, hi)
  const all: Seg[] = []
  while (it.next() !== 0) {
    if (it.kind === 1) {
      let a = it.a
      while (a < it.b && s.charCodeAt(a) === 48) a++
      all.push({ num: true, text: s.slice(a, it.b) })
    } else all.push({ num: false, text: it.a < 0 ? 'pre' : s.slice(it.a, it.b) })
  }
  let firstStr = all.findIndex((x) => !x.num)
  if (firstStr < 0) firstStr = all.length
  const trim = (xs: Seg[]) => {
    let n = xs.length
    while (n > 0 && xs[n - 1]!.num && xs[n - 1]!.text === '') n--
    return xs.slice(0, n)
  }
  return [...trim(all.slice(0, firstStr)), ...trim(all.slice(firstStr))]
}

function cmpSeg(x: Seg | undefined, y: Seg | undefined): number {
  const a = x ?? { num: true, text: '' }
  const b = y ?? { num: true, text: '' }
  if (a.num && b.num) {
    if (a.text.length !== b.text.length) return a.text.length < b.text.length ? -1 : 1
    return a.text < b.text ? -1 : a.text > b.text ? 1 : 0
  }
  if (a.num !== b.num) return a.num ? 1 : -1
  return a.text < b.text ? -1 : a.text > b.text ? 1 : 0
}

/**
 * The segments of a RubyGems version as `Gem::Version#segments` returns them
 * (numbers as decimal strings without leading zeros), or undefined when invalid.
 *
 * @param v version string
 * @returns segments, e.g. `['1', '0', 'pre', 'rc', '1']` for `1.0-rc1`
 * @example
 * ```ts
 * rubyGemsSegments('1.0.b1') // ['1', '0', 'b', '1']
 * ```
 */
export function rubyGemsSegments(v: string): string[] | undefined {
  const b = bounds(v)
  if (!b) return undefined
  if (b[0] === b[1]) return ['0']
  const it = new Segments()
  it.reset(v, b[0], b[1])
  const out: string[] = []
  while (it.next() !== 0) {
    if (it.kind === 1) {
      let a = it.a
      while (a < it.b - 1 && v.charCodeAt(a) === 48) a++
      out.push(v.slice(a, it.b))
    } else out.push(it.a < 0 ? 'pre' : v.slice(it.a, it.b))
  }
  return out
}

/**
 * RubyGems versions as `Gem::Version#<=>` orders them: segments split on `.` and at
 * digit/letter boundaries, `-` read as `.pre.`, numbers compared numerically, a
 * string segment sorting before any number (so `1.0.a` < `1.0`), strings compared
 * byte-wise, trailing zero segments of the numeric and of the pre-release part
 * insignificant. Invalid: anything `Gem::Version.correct?` rejects (must start with
 * a digit; `.`-separated alphanumerics; an optional `-` suffix). A blank string is
 * valid and means `0`.
 */
export const rubygems: SchemeImpl = {
  compare(a, b) {
    const ba = bounds(a)
    if (!ba) return 2
    const bb = bounds(b)
    if (!bb) return 3
    const x = canonical(a, ba[0], ba[1])
    const y = canonical(b, bb[0], bb[1])
    const n = Math.max(x.length, y.length)
    for (let i = 0; i < n; i++) {
      const c = cmpSeg(x[i], y[i])
      if (c !== 0) return c as CompareCode
    }
    return 0
  },
  valid(v) {
    return bounds(v) !== undefined
  },
}
