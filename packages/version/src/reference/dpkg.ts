import type { CompareCode } from '../result.ts'
import type { SchemeImpl } from './scheme-impl.ts'

/** A parsed Debian version: epoch, upstream version and Debian revision ('' when absent). */
export interface Evr {
  epoch: number
  upstream: string
  revision: string
}

const isDigit = (c: number) => c >= 48 && c <= 57
const isAlpha = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
const isBlank = (c: number) => c === 32 || c === 9
const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13)

/**
 * Parse like dpkg's `parseversion()`. Returns the EVR and whether a warning-class
 * problem was found, or `undefined` for an error-class problem (which makes
 * `dpkg --compare-versions` abort). Exported for the sort-key encoder (keys/dpkg.ts).
 *
 * @param input the version
 * @returns the EVR and the warning flag, or undefined
 * @example
 * ```ts
 * parseDpkg('1:2.30-1') // { evr: { epoch: 1, upstream: '2.30', revision: '1' }, warn: false }
 * ```
 */
export function parseDpkg(input: string): { evr: Evr; warn: boolean } | undefined {
  let start = 0
  let end = input.length
  while (start < end && isBlank(input.charCodeAt(start))) start++
  while (end > start && isBlank(input.charCodeAt(end - 1))) end--
  if (start === end) return undefined
  for (let i = start; i < end; i++) if (isSpace(input.charCodeAt(i))) return undefined
  let s = input.slice(start, end)
  let epoch = 0
  const colon = s.indexOf(':')
  if (colon >= 0) {
    const ep = s.slice(0, colon)
    if (ep.length === 0) return undefined
    if (!/^[+-]?[0-9]+$/.test(ep)) return undefined
    const n = Number(ep)
    if (n < 0 || (n === 0 && ep.startsWith('-'))) return undefined
    if (n > 2147483647) return undefined
    epoch = n
    s = s.slice(colon + 1)
    if (s.length === 0) return undefined
  }
  let upstream = s
  let revision = ''
  const hyphen = s.lastIndexOf('-')
  if (hyphen >= 0) {
    upstream = s.slice(0, hyphen)
    revision = s.slice(hyphen + 1)
    if (revision.length === 0) return undefined
  }
  if (upstream.length === 0) return undefined
  let warn = !isDigit(upstream.charCodeAt(0))
  for (let i = 0; i < upstream.length && !warn; i++) {
    const c = upstream.charCodeAt(i)
    if (!(isDigit(c) || isAlpha(c) || c === 46 || c === 45 || c === 43 || c === 126 || c === 58)) warn = true
  }
  for (let i = 0; i < revision.length && !warn; i++) {
    const c = revision.charCodeAt(i)
    if (!(isDigit(c) || isAlpha(c) || c === 46 || c === 43 || c === 126)) warn = true
  }
  return { evr: { epoch, upstream, revision }, warn }
}

function order(s: string, i: number): number {
  if (i >= s.length) return 0
  const c = s.charCodeAt(i)
  if (isDigit(c)) return 0
  if (isAlpha(c)) return c
  if (c === 126) return -1
  return c + 256
}

/** dpkg's `verrevcmp`: alternating non-digit and digit runs. */
function verrevcmp(a: string, b: string): number {
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    let firstDiff = 0
    while ((i < a.length && !isDigit(a.charCodeAt(i))) || (j < b.length && !isDigit(b.charCodeAt(j)))) {
      const ac = order(a, i)
      const bc = order(b, j)
      if (ac !== bc) return ac - bc
      i++
      j++
    }
    while (i < a.length && a.charCodeAt(i) === 48) i++
    while (j < b.length && b.charCodeAt(j) === 48) j++
    while (i < a.length && j < b.length && isDigit(a.charCodeAt(i)) && isDigit(b.charCodeAt(j))) {
      if (firstDiff === 0) firstDiff = a.charCodeAt(i) - b.charCodeAt(j)
      i++
      j++
    }
    if (i < a.length && isDigit(a.charCodeAt(i))) return 1
    if (j < b.length && isDigit(b.charCodeAt(j))) return -1
    if (firstDiff !== 0) return firstDiff
  }
  return 0
}

const sign = (n: number): CompareCode => (n < 0 ? -1 : n > 0 ? 1 : 0)

/**
 * Debian package versions, as `dpkg --compare-versions` orders them: epoch, then
 * upstream and revision with `~` sorting before everything, letters before other
 * symbols. Error-class syntax problems (empty parts, embedded spaces, a bad epoch)
 * make a version invalid; warning-class ones (a leading letter, odd characters)
 * are compared anyway, as dpkg does.
 */
export const dpkg: SchemeImpl = {
  compare(a, b) {
    const pa = parseDpkg(a)
    if (!pa) return 2
    const pb = parseDpkg(b)
    if (!pb) return 3
    if (pa.evr.epoch !== pb.evr.epoch) return pa.evr.epoch < pb.evr.epoch ? -1 : 1
    const u = verrevcmp(pa.evr.upstream, pb.evr.upstream)
    if (u !== 0) return sign(u)
    return sign(verrevcmp(pa.evr.revision, pb.evr.revision))
  },
  valid(v) {
    const p = parseDpkg(v)
    return p !== undefined && !p.warn
  },
}
