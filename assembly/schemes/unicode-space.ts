// Whitespace trimming over UTF-8 bytes, for schemes whose native tool trims with its
// runtime's Unicode-aware trim: JavaScript's String.prototype.trim (node-semver) or
// .NET's String.Trim (NuGet). The two sets differ only in U+0085 (.NET) and U+FEFF (JS).
import { byteAt } from './bytes'

// Byte length of the whitespace character starting at i (0 if none).
export function spaceAt(p: usize, i: i32, end: i32, dotnet: bool): i32 {
  const c = byteAt(p, i)
  if (c == 32 || (c >= 9 && c <= 13)) return 1
  if (c < 0xc2) return 0
  const n = end - i
  if (c == 0xc2) {
    if (n < 2) return 0
    const d = byteAt(p, i + 1)
    return d == 0xa0 || (dotnet && d == 0x85) ? 2 : 0
  }
  if (n < 3) return 0
  const d = byteAt(p, i + 1)
  const e = byteAt(p, i + 2)
  if (c == 0xe1) return d == 0x9a && e == 0x80 ? 3 : 0
  if (c == 0xe2) {
    if (d == 0x80) return (e >= 0x80 && e <= 0x8a) || e == 0xa8 || e == 0xa9 || e == 0xaf ? 3 : 0
    return d == 0x81 && e == 0x9f ? 3 : 0
  }
  if (c == 0xe3) return d == 0x80 && e == 0x80 ? 3 : 0
  if (c == 0xef) return !dotnet && d == 0xbb && e == 0xbf ? 3 : 0
  return 0
}

// Byte length of the whitespace character ending just before `end` (0 if none).
export function spaceBefore(p: usize, start: i32, end: i32, dotnet: bool): i32 {
  const n = end - start
  if (n >= 1) {
    const c = byteAt(p, end - 1)
    if (c == 32 || (c >= 9 && c <= 13)) return 1
    if (c < 0x80) return 0
  }
  if (n >= 2 && spaceAt(p, end - 2, end, dotnet) == 2) return 2
  if (n >= 3 && spaceAt(p, end - 3, end, dotnet) == 3) return 3
  return 0
}

// UTF-16 length of a UTF-8 string (what JavaScript's `length` would report).
export function utf16Length(p: usize, len: i32): i32 {
  let n = 0
  for (let i = 0; i < len; i++) {
    const c = byteAt(p, i)
    if ((c & 0xc0) != 0x80) n++
    if (c >= 0xf0) n++
  }
  return n
}
