import { byteAt, isDigit } from '../schemes/bytes'
import { validGo } from '../schemes/go'
import { begin, putNumber, finish } from './writer'
import { putPrerelease } from './prerelease'

// Mirrors packages/version/src/keys/go.ts.
export function goKey(p: usize, len: i32, out: usize, cap: i32): i32 {
  begin(out, cap)
  if (!validGo(p, len)) return -1
  let i = byteAt(p, 0) == 118 ? 1 : 0
  for (let part = 0; part < 3; part++) {
    const d = i
    while (i < len && isDigit(byteAt(p, i))) i++
    if (!putNumber(p, d, i, 0, 255)) return -1
    if (i < len && byteAt(p, i) == 46) i++
  }
  let end = i
  while (end < len && byteAt(p, end) != 43) end++
  const pre = i < end && byteAt(p, i) == 45 ? i + 1 : -1
  return finish(putPrerelease(p, pre, end))
}
