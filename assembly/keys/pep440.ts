import { byteAt, isAlnum, toLower } from '../schemes/bytes'
import { Spans, scan, digitsEnd } from '../schemes/pep440'
import { begin, put, putNumber, finish } from './writer'

// Mirrors packages/version/src/keys/pep440.ts, encoding the spans the scheme's own
// scanner finds. Only ASCII versions reach the scanner (non-ASCII input gets no key).

const KS = new Spans()

// @ts-ignore: decorator
@inline function num(p: usize, from: i32, to: i32): bool {
  return putNumber(p, from, to, 1, 255)
}

export function pep440Key(p: usize, len: i32, out: usize, cap: i32): i32 {
  begin(out, cap)
  for (let k = 0; k < len; k++) if (byteAt(p, k) > 0x7f) return -1
  const sp = KS
  if (!scan(p, len, sp)) return -1
  // An absent epoch is an empty span: the same byte as 0.
  if (!num(p, sp.epS, sp.epE)) return -1
  // Release without trailing zero parts: find where the last non-zero part ends.
  let lastNonZero = sp.relS
  let k = sp.relS
  while (k < sp.relE) {
    const e = digitsEnd(p, k, sp.relE)
    let z = k
    while (z < e && byteAt(p, z) == 48) z++
    if (z < e) lastNonZero = e
    k = e + 1
  }
  k = sp.relS
  while (k < lastNonZero) {
    const e = digitsEnd(p, k, sp.relE)
    if (!num(p, k, e)) return -1
    k = e + 1
  }
  put(0)
  if (sp.pre != 0) {
    put(sp.pre)
    if (!num(p, sp.preS, sp.preE)) return -1
  } else {
    put(sp.dev && !sp.post ? 0 : 4)
  }
  put(sp.post ? 1 : 0)
  if (sp.post && !num(p, sp.postS, sp.postE)) return -1
  put(sp.dev ? 0 : 1)
  if (sp.dev && !num(p, sp.devS, sp.devE)) return -1
  // Local label: segments split on [._-], words lower-cased.
  if (sp.locS >= 0) {
    put(1)
    let i = sp.locS
    const end = sp.locE
    while (i < end) {
      let e = i
      while (e < end && isAlnum(byteAt(p, e))) e++
      if (digitsEnd(p, i, e) == e) {
        put(2)
        if (!num(p, i, e)) return -1
      } else {
        put(1)
        for (let c = i; c < e; c++) put(toLower(byteAt(p, c)))
        put(0)
      }
      i = e + 1
    }
  }
  put(0)
  return finish(true)
}
