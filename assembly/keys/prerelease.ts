import { byteAt, isDigit } from '../schemes/bytes'
import { put, putBytes, putNumber } from './writer'

// Mirrors packages/version/src/keys/prerelease.ts: SemVer prerelease precedence.

// Dot-separated parts p[from, to): one `isNumber` accepts as 0x01 and the number, any
// other as 0x02, its bytes and 0x00; then 0x00 (so fewer parts sort first). False when
// a number is too long to key. Shared with pub's prerelease and build lists.
export function putParts(p: usize, from: i32, to: i32, isNumber: (p: usize, a: i32, b: i32) => bool): bool {
  let i = from
  while (i <= to) {
    let e = i
    while (e < to && byteAt(p, e) != 46) e++
    if (isNumber(p, i, e)) {
      put(0x01)
      if (!putNumber(p, i, e, 0, 255)) return false
    } else {
      put(0x02)
      putBytes(p, i, e)
      put(0)
    }
    i = e + 1
  }
  put(0x00)
  return true
}

function allDigits(p: usize, a: i32, b: i32): bool {
  for (let k = a; k < b; k++) if (!isDigit(byteAt(p, k))) return false
  return true
}

export function putPrerelease(p: usize, from: i32, to: i32): bool {
  if (from < 0) {
    put(0x02)
    return true
  }
  put(0x01)
  return putParts(p, from, to, allDigits)
}
