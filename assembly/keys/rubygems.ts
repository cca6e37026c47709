import { Walker, bounds, S_LO, S_HI, NUM, PRE, END } from '../schemes/rubygems'
import { put, putBytes, putNumber, begin, finish } from './writer'

// Mirrors packages/version/src/keys/rubygems.ts, walking the raw segments with the
// scheme's own Walker (`-` reads as the string "pre").

// @ts-ignore: decorator
@inline const MAX_ZEROS: i32 = 255

const PRE_TEXT: usize = memory.data<u8>([112, 114, 101])

const KW = new Walker()

export function rubygemsKey(p: usize, len: i32, out: usize, cap: i32): i32 {
  begin(out, cap)
  if (!bounds(p, len)) return -1
  const s = S_LO
  const e = S_HI
  const w = KW
  // Where the significant segments of each part end: the release part runs to the first
  // string segment, and trailing zeros of either part are dropped.
  let firstStr = e
  let lastRel = s
  let lastPre = -1
  w.reset(p, s, e)
  for (let k = w.raw(); k != END; k = w.raw()) {
    const at = k == PRE ? w.i - 1 : w.a
    if (k != NUM && firstStr == e) firstStr = at
    if (k != NUM || !w.isZero()) {
      if (firstStr == e) lastRel = w.i
      else lastPre = w.i
    }
  }
  let zeros = 0
  w.reset(p, s, e)
  for (let k = w.raw(); k != END; k = w.raw()) {
    const at = k == PRE ? w.i - 1 : w.a
    if (at < firstStr ? w.i > lastRel : w.i > lastPre) continue
    if (k == NUM && w.isZero()) {
      zeros++
      continue
    }
    if (zeros > MAX_ZEROS) return -1
    if (k == NUM) {
      put(0x03)
      put(MAX_ZEROS - zeros)
      if (!putNumber(p, w.a, w.b, 0, 255)) return -1
    } else {
      put(0x01)
      put(zeros)
      if (k == PRE) putBytes(PRE_TEXT, 0, 3)
      else putBytes(p, w.a, w.b)
      put(0)
    }
    zeros = 0
  }
  put(0x02)
  return finish(true)
}
