import { byteAt, isDigit } from '../schemes/bytes'
import { put, putBytes, putNumber } from './writer'

// Mirrors packages/version/src/keys/prerelease.ts: SemVer prerelease precedence.
export function putPrerelease(p: usize, from: i32, to: i32): bool {
  if (from < 0) {
    put(0x02)
    return true
  }
  put(0x01)
  let i = from
  while (i <= to) {
    let e = i
    let digits = true
    while (e < to && byteAt(p, e) != 46) {
      if (!isDigit(byteAt(p, e))) digits = false
      e++
    }
    if (digits) {
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
