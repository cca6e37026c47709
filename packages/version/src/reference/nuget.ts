import type { CompareCode } from '../result.ts'
import type { SchemeImpl } from './scheme-impl.ts'

const isDigit = (c: number) => c >= 48 && c <= 57
const isIdent = (c: number) => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45
// .NET's Char.IsWhiteSpace, used by String.Trim().
const isDotnetSpace = (c: number) =>
  c === 32 || (c >= 9 && c <= 13) || c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000

/**
 * .NET's `String.Trim()`: removes `Char.IsWhiteSpace` characters at both ends.
 *
 * @param s the string
 * @returns the trimmed string
 * @example
 * ```ts
 * dotnetTrim('\u0085 1.0 ') // '1.0'
 * ```
 */
export function dotnetTrim(s: string): string {
  let i = 0
  let e = s.length
  while (i < e && isDotnetSpace(s.charCodeAt(i))) i++
  while (e > i && isDotnetSpace(s.charCodeAt(e - 1))) e--
  return s.slice(i, e)
}

const INT32_MAX = 2147483647

/** A parsed NuGet version: four numbers and the prerelease labels (metadata is dropped). */
export interface NuGetParts {
  nums: [number, number, number, number]
  labels: string[] | undefined
}

/**
 * NuGet's `TryGetNormalizedVersion`: up to four dot-separated sections of ASCII digits
 * (an empty section reads 0, a missing one -1), nothing after the fourth. Numbers are
 * accumulated in wrapping int32 arithmetic, as NuGet does; a negative major makes
 * `new Version()` throw (invalid here), negative others are clamped to 0.
 */
function versionNumbers(v: string): [number, number, number, number] | undefined {
  const out: [number, number, number, number] = [0, 0, 0, 0]
  let end = -1
  for (let k = 0; k < 4; k++) {
    const start = end + 1
    if (start >= v.length) {
      out[k] = -1
      end = v.length
      continue
    }
    end = v.indexOf('.', start)
    if (end < 0) end = v.length
    let n = 0
    for (let i = start; i < end; i++) {
      const c = v.charCodeAt(i)
      if (!isDigit(c)) return undefined
      n = (Math.imul(n, 10) + (c - 48)) | 0
    }
    out[k] = n
  }
  if (end !== v.length || out[0] < 0) return undefined
  for (let k = 1; k < 4; k++) if (out[k]! < 0) out[k] = 0
  return out
}

function validPart(p: string, allowLeadingZeros: boolean): boolean {
  if (p.length === 0) return false
  let digits = true
  for (let i = 0; i < p.length; i++) {
    const c = p.charCodeAt(i)
    if (!isIdent(c)) return false
    if (!isDigit(c)) digits = false
  }
  return allowLeadingZeros || !(digits && p.length > 1 && p.charCodeAt(0) === 48)
}

/**
 * Parse like `NuGetVersion.TryParse` (NuGet 6): trim, split at the first `-` or `+` into
 * a version part (1–4 dot-separated digit sections, see `versionNumbers`) and
 * prerelease labels / metadata of `[0-9A-Za-z-]`, labels without leading zeros.
 *
 * @param input the version string
 * @returns the parts, or undefined where NuGet refuses the version
 * @example
 * ```ts
 * parseNuGet('1.0.0.1-beta+sha')?.labels // ['beta']
 * ```
 */
export function parseNuGet(input: string): NuGetParts | undefined {
  const s = dotnetTrim(input)
  if (s.length === 0) return undefined
  let sep = -1
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c === 45 || c === 43) {
      sep = i
      break
    }
  }
  // A separator as the very last character stays in the version part, which then fails.
  if (sep === s.length - 1) return undefined
  const versionPart = sep < 0 ? s : s.slice(0, sep)
  let labels: string[] | undefined
  let metadata: string | undefined
  if (sep >= 0 && s.charCodeAt(sep) === 43) metadata = s.slice(sep + 1)
  else if (sep >= 0) {
    const plus = s.indexOf('+', sep + 1)
    if (plus < 0 || plus === s.length - 1) labels = s.slice(sep + 1).split('.')
    else {
      labels = s.slice(sep + 1, plus).split('.')
      metadata = s.slice(plus + 1)
    }
  }
  if (versionPart.length === 0) return undefined
  const nums = versionNumbers(versionPart)
  if (!nums) return undefined
  if (labels && !labels.every((l) => validPart(l, false))) return undefined
  if (metadata !== undefined && !metadata.split('.').every((m) => validPart(m, true))) return undefined
  return { nums, labels }
}

// int.TryParse on a label: `-?[0-9]+` within int32 (labels hold no other sign or space).
function labelNumber(l: string): number | undefined {
  const neg = l.charCodeAt(0) === 45
  const start = neg ? 1 : 0
  if (start === l.length) return undefined
  let n = 0
  for (let i = start; i < l.length; i++) {
    const c = l.charCodeAt(i)
    if (!isDigit(c)) return undefined
    n = n * 10 + (c - 48)
    if (n > INT32_MAX + 1) return undefined
  }
  if (!neg && n > INT32_MAX) return undefined
  return neg ? -n : n
}

const upper = (c: number) => (c >= 97 && c <= 122 ? c - 32 : c)

/** NuGet's `CompareRelease`: numbers below strings, strings by ordinal ignoring case. */
function compareLabel(a: string, b: string): number {
  const x = labelNumber(a)
  const y = labelNumber(b)
  if (x !== undefined && y !== undefined) return x === y ? 0 : x < y ? -1 : 1
  if (x !== undefined) return -1
  if (y !== undefined) return 1
  for (let i = 0; i < a.length && i < b.length; i++) {
    const d = upper(a.charCodeAt(i)) - upper(b.charCodeAt(i))
    if (d !== 0) return d < 0 ? -1 : 1
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1
}

/**
 * Compare two parsed versions as `VersionComparer.Default`.
 *
 * @param x parsed left version
 * @param y parsed right version
 * @returns -1, 0 or 1
 * @example
 * ```ts
 * compareNuGetParts(parseNuGet('1.0')!, parseNuGet('1.0.0.0')!) // 0
 * ```
 */
export function compareNuGetParts(x: NuGetParts, y: NuGetParts): -1 | 0 | 1 {
  for (let i = 0; i < 4; i++) if (x.nums[i] !== y.nums[i]) return x.nums[i]! < y.nums[i]! ? -1 : 1
  if (!x.labels) return y.labels ? 1 : 0
  if (!y.labels) return -1
  const n = Math.max(x.labels.length, y.labels.length)
  for (let i = 0; i < n; i++) {
    if (i >= x.labels.length) return -1
    if (i >= y.labels.length) return 1
    const r = compareLabel(x.labels[i]!, y.labels[i]!)
    if (r !== 0) return r < 0 ? -1 : 1
  }
  return 0
}

/**
 * NuGet versions as NuGet.Versioning's `NuGetVersion.TryParse` reads them and
 * `VersionComparer.Default` orders them: up to four numbers (missing or empty ones are
 * 0, leading zeros allowed, int32 wrap-around as in NuGet), prerelease labels compared numerically when they parse as int32 and
 * case-insensitively otherwise, metadata ignored. Invalid: whatever `TryParse` refuses.
 */
export const nuget: SchemeImpl = {
  compare(a, b): CompareCode {
    const x = parseNuGet(a)
    if (!x) return 2
    const y = parseNuGet(b)
    if (!y) return 3
    return compareNuGetParts(x, y)
  },
  valid(v) {
    return parseNuGet(v) !== undefined
  },
}
