import { byteAt, isDigit } from '../schemes/bytes'
import { validPub } from '../schemes/pub'
import { begin, put, putBytes, putNumber, finish } from './writer'

// Mirrors packages/version/src/keys/pub.ts.

const I64_MAX: usize = memory.data<u8>([57, 50, 50, 51, 51, 55, 50, 48, 51, 54, 56, 53, 52, 55, 55, 53, 56, 48, 55])

// Whether p[a, b) is all digits and fits an int64 (pub's number parts).
function isInt64(p: usize, a: i32, b: i32): bool {
  if (a == b) return false
  for (let k = a; k < b; k++) if (!isDigit(byteAt(p, k))) return false
  while (a < b - 1 && byteAt(p, a) == 48) a++
  if (b - a < 19) return true
  if (b - a > 19) return false
  return memory.compare(p + <usize>a, I64_MAX, 19) <= 0
}

function putList(p: usize, a: i32, e: i32): void {
  while (a < e) {
    let b = a
    while (b < e && byteAt(p, b) != 46) b++
    if (isInt64(p, a, b)) {
      put(0x01)
      putNumber(p, a, b, 0, 255)
    } else {
      put(0x02)
      putBytes(p, a, b)
      put(0)
    }
    a = b + 1
  }
  put(0x00)
}

export function pubKey(p: usize, len: i32, out: usize, cap: i32): i32 {
  begin(out, cap)
  if (!validPub(p, len)) return -1
  let i = 0
  for (let part = 0; part < 3; part++) {
    const d = i
    while (i < len && isDigit(byteAt(p, i))) i++
    putNumber(p, d, i, 0, 255)
    if (part < 2) i++
  }
  let plus = i
  while (plus < len && byteAt(p, plus) != 43) plus++
  if (i < len && byteAt(p, i) == 45) {
    put(0x01)
    putList(p, i + 1, plus)
  } else {
    put(0x02)
  }
  if (plus < len) {
    put(0x01)
    putList(p, plus + 1, len)
  } else {
    put(0x00)
  }
  return finish(true)
}
