import { Pv, parse, partInt } from '../schemes/pub'
import { begin, put, putU64, finish } from './writer'
import { putParts } from './prerelease'

// Mirrors packages/version/src/keys/pub.ts, encoding what the scheme's own parser reads:
// an int64 part (partInt) is a number, any other a string.

const KV = new Pv()

export function pubKey(p: usize, len: i32, out: usize, cap: i32): i32 {
  begin(out, cap)
  const v = KV
  if (!parse(p, len, v)) return -1
  putU64(<u64>v.major)
  putU64(<u64>v.minor)
  putU64(<u64>v.patch)
  if (v.preStart >= 0) {
    put(0x01)
    putParts(p, v.preStart, v.preEnd, partInt)
  } else {
    put(0x02)
  }
  if (v.buildStart >= 0) {
    put(0x01)
    putParts(p, v.buildStart, v.buildEnd, partInt)
  } else {
    put(0x00)
  }
  return finish(true)
}
