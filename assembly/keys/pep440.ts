import { byteAt, isDigit, isAlnum, toLower } from '../schemes/bytes'
import { validPep440 } from '../schemes/pep440'
import { begin, put, putNumber, finish } from './writer'

// Mirrors packages/version/src/keys/pep440.ts. Only ASCII versions the scheme accepts
// reach the scanner, so it need not re-check the grammar's limits.

// @ts-ignore: decorator
@inline function isSep(c: i32): bool {
  return c == 46 || c == 95 || c == 45
}

// @ts-ignore: decorator
@inline function isSpace(c: i32): bool {
  return c == 32 || (c >= 9 && c <= 13) || (c >= 28 && c <= 31)
}

function word(p: usize, i: i32, end: i32, w: string): bool {
  const n = w.length
  if (end - i < n) return false
  for (let k = 0; k < n; k++) if (toLower(byteAt(p, i + k)) != <i32>w.charCodeAt(k)) return false
  return true
}

function digitsEnd(p: usize, i: i32, end: i32): i32 {
  while (i < end && isDigit(byteAt(p, i))) i++
  return i
}

// @ts-ignore: decorator
@inline function num(p: usize, from: i32, to: i32): bool {
  return putNumber(p, from, to, 1, 255)
}

export function pep440Key(p: usize, len: i32, out: usize, cap: i32): i32 {
  begin(out, cap)
  for (let k = 0; k < len; k++) if (byteAt(p, k) > 0x7f) return -1
  if (!validPep440(p, len)) return -1
  let i = 0
  let end = len
  while (i < end && isSpace(byteAt(p, i))) i++
  while (end > i && isSpace(byteAt(p, end - 1))) end--
  if (toLower(byteAt(p, i)) == 118) i++
  // Epoch.
  let d = digitsEnd(p, i, end)
  if (d < end && byteAt(p, d) == 33) {
    if (!num(p, i, d)) return -1
    i = d + 1
  } else {
    put(1)
  }
  // Release without trailing zero parts: remember where the last non-zero part ended.
  const relS = i
  let relE = i
  let lastNonZero = relS
  for (;;) {
    d = digitsEnd(p, i, end)
    let z = i
    while (z < d && byteAt(p, z) == 48) z++
    if (z < d) lastNonZero = d
    i = d
    if (i + 1 < end && byteAt(p, i) == 46 && isDigit(byteAt(p, i + 1))) i++
    else break
  }
  relE = i
  let k = relS
  while (k < lastNonZero) {
    const e = digitsEnd(p, k, relE)
    if (!num(p, k, e)) return -1
    k = e + 1
  }
  put(0)
  // Pre-release.
  let pre = 0
  let preS = 0
  let preE = 0
  {
    let j = i
    if (j < end && isSep(byteAt(p, j))) j++
    let n = 0
    if (word(p, j, end, 'alpha')) { pre = 1; n = 5 }
    else if (word(p, j, end, 'a')) { pre = 1; n = 1 }
    else if (word(p, j, end, 'beta')) { pre = 2; n = 4 }
    else if (word(p, j, end, 'b')) { pre = 2; n = 1 }
    else if (word(p, j, end, 'preview')) { pre = 3; n = 7 }
    else if (word(p, j, end, 'pre')) { pre = 3; n = 3 }
    else if (word(p, j, end, 'c')) { pre = 3; n = 1 }
    else if (word(p, j, end, 'rc')) { pre = 3; n = 2 }
    if (pre != 0) {
      j += n
      if (j < end && isSep(byteAt(p, j))) j++
      preS = j
      preE = digitsEnd(p, j, end)
      i = preE
    }
  }
  // Post-release.
  let post = false
  let postS = 0
  let postE = 0
  if (i + 1 < end && byteAt(p, i) == 45 && isDigit(byteAt(p, i + 1))) {
    post = true
    postS = i + 1
    postE = digitsEnd(p, i + 1, end)
    i = postE
  } else {
    let j = i
    if (j < end && isSep(byteAt(p, j))) j++
    let n = 0
    if (word(p, j, end, 'post')) n = 4
    else if (word(p, j, end, 'rev')) n = 3
    else if (word(p, j, end, 'r')) n = 1
    if (n > 0) {
      j += n
      if (j < end && isSep(byteAt(p, j))) j++
      post = true
      postS = j
      postE = digitsEnd(p, j, end)
      i = postE
    }
  }
  // Dev release.
  let dev = false
  let devS = 0
  let devE = 0
  {
    let j = i
    if (j < end && isSep(byteAt(p, j))) j++
    if (word(p, j, end, 'dev')) {
      j += 3
      if (j < end && isSep(byteAt(p, j))) j++
      dev = true
      devS = j
      devE = digitsEnd(p, j, end)
      i = devE
    }
  }
  if (pre != 0) {
    put(pre)
    if (!num(p, preS, preE)) return -1
  } else {
    put(dev && !post ? 0 : 4)
  }
  put(post ? 1 : 0)
  if (post && !num(p, postS, postE)) return -1
  put(dev ? 0 : 1)
  if (dev && !num(p, devS, devE)) return -1
  // Local label: segments split on [._-], words lower-cased.
  if (i < end && byteAt(p, i) == 43) {
    put(1)
    i++
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
    put(0)
  } else {
    put(0)
  }
  return finish(true)
}
