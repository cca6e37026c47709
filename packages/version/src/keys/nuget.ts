import { parseNuGet } from '../reference/nuget.ts'
import { KeyBuilder } from './key-builder.ts'

// Four numbers as big-endian u32 (NuGet clamps them to 0 … 2^31 - 1), then the labels:
// a prerelease below the release; labels that parse as int32 (biased by 2^31 so
// negatives order) below the others, which compare case-insensitively (upper-cased
// here); fewer labels first.
const WITH_LABELS = 0x01
const RELEASE = 0x02
const LABELS_END = 0x00
const NUMERIC = 0x01
const TEXT = 0x02
const INT32_MAX = 2147483647

const kb = new KeyBuilder()

function pushU32(n: number): void {
  kb.push((n >>> 24) & 0xff)
  kb.push((n >>> 16) & 0xff)
  kb.push((n >>> 8) & 0xff)
  kb.push(n & 0xff)
}

// NuGet's int.TryParse on a label, as in the reference.
function labelNumber(l: string): number | undefined {
  if (!/^-?[0-9]+$/.test(l)) return undefined
  let n = 0
  for (let i = l.charCodeAt(0) === 45 ? 1 : 0; i < l.length; i++) {
    n = n * 10 + (l.charCodeAt(i) - 48)
    if (n > INT32_MAX + 1) return undefined
  }
  if (l.charCodeAt(0) === 45) return -n
  return n > INT32_MAX ? undefined : n
}

/**
 * Sort key of a NuGet version (`VersionComparer.Default` order): the four numbers, then
 * the prerelease labels; metadata is left out. Undefined for what `NuGetVersion.TryParse`
 * refuses and for non-ASCII input.
 *
 * @param v the version
 * @returns the key, or undefined
 */
export function nugetKey(v: string): Uint8Array | undefined {
  if (/[^\x00-\x7f]/.test(v)) return undefined
  const p = parseNuGet(v)
  if (!p) return undefined
  kb.reset()
  for (const n of p.nums) pushU32(n)
  if (!p.labels) {
    kb.push(RELEASE)
    return kb.take()
  }
  kb.push(WITH_LABELS)
  for (const l of p.labels) {
    const n = labelNumber(l)
    if (n !== undefined) {
      kb.push(NUMERIC)
      pushU32((n + 2147483648) >>> 0)
    } else {
      kb.push(TEXT)
      kb.pushChars(l.toUpperCase(), 0, l.length)
      kb.push(0)
    }
  }
  kb.push(LABELS_END)
  return kb.take()
}
