import { byteAt } from '../schemes/bytes'
import { Sv, parse } from '../schemes/semver'
import { begin, putNumber, finish } from './writer'
import { putPrerelease } from './prerelease'

// Mirrors packages/version/src/keys/semver.ts (ASCII only), encoding the offsets the
// scheme's own parser finds.

const KV = new Sv()

export function semverKey(p: usize, len: i32, out: usize, cap: i32): i32 {
  begin(out, cap)
  for (let i = 0; i < len; i++) if (byteAt(p, i) > 0x7f) return -1
  const v = KV
  if (!parse(p, len, v)) return -1
  // Offsets are relative to v.p, the version after trimming.
  putNumber(v.p, v.major, v.majorEnd, 0, 255)
  putNumber(v.p, v.minor, v.minorEnd, 0, 255)
  putNumber(v.p, v.patch, v.patchEnd, 0, 255)
  return finish(putPrerelease(v.p, v.preStart, v.preEnd))
}
