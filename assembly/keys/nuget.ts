import { byteAt } from '../schemes/bytes'
import { Nv, parse, labelNumber, labelValue, upper } from '../schemes/nuget'
import { begin, put, finish } from './writer'

// Mirrors packages/version/src/keys/nuget.ts (ASCII only), encoding what the scheme's
// own parser reads.

const KV = new Nv()

function putU32(n: u32): void {
  put(<i32>(n >>> 24))
  put(<i32>((n >>> 16) & 0xff))
  put(<i32>((n >>> 8) & 0xff))
  put(<i32>(n & 0xff))
}

export function nugetKey(p: usize, len: i32, out: usize, cap: i32): i32 {
  begin(out, cap)
  for (let k = 0; k < len; k++) if (byteAt(p, k) > 0x7f) return -1
  const v = KV
  if (!parse(p, len, v)) return -1
  // The parser has clamped missing and negative sections to 0.
  putU32(<u32>v.n0)
  putU32(<u32>v.n1)
  putU32(<u32>v.n2)
  putU32(<u32>v.n3)
  if (v.labStart < 0) {
    put(0x02)
    return finish(true)
  }
  put(0x01)
  let a = v.labStart
  while (a < v.labEnd) {
    let b = a
    while (b < v.labEnd && byteAt(p, b) != 46) b++
    if (labelNumber(p, a, b)) {
      put(0x01)
      putU32(<u32>(labelValue + 2147483648))
    } else {
      put(0x02)
      for (let k = a; k < b; k++) put(upper(byteAt(p, k)))
      put(0)
    }
    a = b + 1
  }
  put(0x00)
  return finish(true)
}
