import { Parts, parse } from '../schemes/go'
import { begin, putNumber, finish } from './writer'
import { putPrerelease } from './prerelease'

// Mirrors packages/version/src/keys/go.ts, encoding the parts the scheme's own parser
// finds (a missing minor or patch reads as the string "0": the key of 0).

const KP = new Parts()

export function goKey(p: usize, len: i32, out: usize, cap: i32): i32 {
  begin(out, cap)
  const v = KP
  if (!parse(p, len, v)) return -1
  if (!putNumber(v.maj, 0, v.majLen, 0, 255)) return -1
  if (!putNumber(v.min, 0, v.minLen, 0, 255)) return -1
  if (!putNumber(v.pat, 0, v.patLen, 0, 255)) return -1
  // The prerelease span includes its leading `-`.
  return finish(putPrerelease(v.pre, v.preLen > 0 ? 1 : -1, v.preLen))
}
