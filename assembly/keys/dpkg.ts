import { byteAt, isDigit, isAlpha } from '../schemes/bytes'
import { Evr, parse } from '../schemes/dpkg'
import { begin, put, putNumber, lastByte, dropLast, finish, kLen } from './writer'

// Mirrors packages/version/src/keys/dpkg.ts byte for byte (docs/versions.md, "Sort keys").

// @ts-ignore: decorator
@inline const TILDE: i32 = 0x01
// @ts-ignore: decorator
@inline const NUM0: i32 = 0x02
// @ts-ignore: decorator
@inline const MAX_NUM: i32 = 0x40
// @ts-ignore: decorator
@inline const OTHER: i32 = 0x80

function part(p: usize, from: i32, to: i32): bool {
  const start = kLen
  let i = from
  while (i < to) {
    while (i < to && !isDigit(byteAt(p, i))) {
      const c = byteAt(p, i++)
      put(c == 126 ? TILDE : isAlpha(c) ? c : OTHER + c)
    }
    const d = i
    while (i < to && isDigit(byteAt(p, i))) i++
    if (!putNumber(p, d, i, NUM0, MAX_NUM)) return false
  }
  if (kLen > start && lastByte() == NUM0) dropLast()
  put(NUM0)
  put(NUM0)
  return true
}

const KE = new Evr()

export function dpkgKey(p: usize, len: i32, out: usize, cap: i32): i32 {
  begin(out, cap)
  for (let i = 0; i < len; i++) if (byteAt(p, i) > 0x7f) return -1
  // Warning-class versions get a key too: dpkg still compares them.
  const v = KE
  if (!parse(p, len, v)) return -1
  const e = <u32>v.epoch
  put(<i32>(e >>> 24))
  put(<i32>((e >>> 16) & 0xff))
  put(<i32>((e >>> 8) & 0xff))
  put(<i32>(e & 0xff))
  if (!part(v.up, 0, v.upLen)) return -1
  return finish(part(v.rev, 0, v.revLen))
}
