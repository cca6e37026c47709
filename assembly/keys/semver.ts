import { byteAt, isDigit } from '../schemes/bytes'
import { validSemver } from '../schemes/semver'
import { begin, putNumber, finish } from './writer'
import { putPrerelease } from './prerelease'

// Mirrors packages/version/src/keys/semver.ts (ASCII only; the scheme validates).
export function semverKey(p: usize, len: i32, out: usize, cap: i32): i32 {
  begin(out, cap)
  for (let i = 0; i < len; i++) if (byteAt(p, i) > 0x7f) return -1
  if (!validSemver(p, len)) return -1
  let s = 0
  let e = len
  while (s < e && (byteAt(p, s) == 32 || (byteAt(p, s) >= 9 && byteAt(p, s) <= 13))) s++
  while (e > s && (byteAt(p, e - 1) == 32 || (byteAt(p, e - 1) >= 9 && byteAt(p, e - 1) <= 13))) e--
  let i = s
  if (byteAt(p, i) == 118) i++
  for (let part = 0; part < 3; part++) {
    const d = i
    while (i < e && isDigit(byteAt(p, i))) i++
    putNumber(p, d, i, 0, 255)
    if (i < e && byteAt(p, i) == 46) i++
  }
  let pre = -1
  let end = i
  if (i < e && byteAt(p, i) == 45) {
    pre = i + 1
    end = pre
    while (end < e && byteAt(p, end) != 43) end++
  }
  return finish(putPrerelease(p, pre, end))
}
