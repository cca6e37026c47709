import { byteAt, isDigit, isAlnum, toLower } from '../schemes/bytes'
import { validComposer, matchMod, MOD, digitsAt } from '../schemes/composer'
import { begin, put, putBytes, putNumber, finish } from './writer'

// Mirrors packages/version/src/keys/composer.ts: `dev-<branch>` and Composer's classical
// pattern only, read with the scheme's own modifier matcher.

// @ts-ignore: decorator
@inline const DEV: i32 = 0x01
// @ts-ignore: decorator
@inline const ALPHA: i32 = 0x02
// @ts-ignore: decorator
@inline const BETA: i32 = 0x03
// @ts-ignore: decorator
@inline const RC: i32 = 0x04
// @ts-ignore: decorator
@inline const END: i32 = 0x05
// @ts-ignore: decorator
@inline const NUM: i32 = 0x06
// @ts-ignore: decorator
@inline const PATCH: i32 = 0x07

function num(p: usize, from: i32, to: i32): bool {
  put(NUM)
  return putNumber(p, from, to, 0, 18)
}

// Token of the stability word matchMod() found, by its length and first letter (its
// alternation: stable|beta|b|RC|alpha|a|patch|pl|p); -1 for "stable".
function stabilityToken(p: usize): i32 {
  const l = MOD.stabLen
  const c = toLower(byteAt(p, MOD.stab))
  if (l == 6) return -1
  if (c == 98) return BETA
  if (c == 114) return RC
  if (c == 97) return ALPHA
  return PATCH
}

export function composerKey(p: usize, len: i32, out: usize, cap: i32): i32 {
  begin(out, cap)
  if (!validComposer(p, len)) return -1
  if (len >= 4 && toLower(byteAt(p, 0)) == 100 && toLower(byteAt(p, 1)) == 101 && toLower(byteAt(p, 2)) == 118 && byteAt(p, 3) == 45) {
    // dev-<branch>
    for (let k = 4; k < len; k++) {
      const c = byteAt(p, k)
      if (!(isAlnum(c) || c == 46 || c == 95 || c == 45 || c == 47)) return -1
    }
    put(0x00)
    putBytes(p, 4, len)
    return finish(true)
  }
  let i = byteAt(p, 0) == 118 || byteAt(p, 0) == 86 ? 1 : 0
  const d = digitsAt(p, i, len)
  if (d == 0 || d > 5 || !num(p, i, i + d)) return -1
  i += d
  for (let part = 1; part < 4; part++) {
    if (i + 1 < len && byteAt(p, i) == 46 && isDigit(byteAt(p, i + 1))) {
      const e = i + 1 + digitsAt(p, i + 1, len)
      if (!num(p, i + 1, e)) return -1
      i = e
    } else {
      put(NUM)
      put(0)
    }
  }
  if (!matchMod(p, i, len)) return -1
  if (MOD.stab >= 0) {
    const token = stabilityToken(p)
    if (token < 0) return -1
    put(token)
    // The stability number: digit runs joined by [.-].
    let k = MOD.nums
    const ne = k + MOD.numsLen
    while (k < ne) {
      if (!isDigit(byteAt(p, k))) {
        k++
        continue
      }
      const e = k + digitsAt(p, k, ne)
      if (!num(p, k, e)) return -1
      k = e
    }
  }
  if (MOD.dev) put(DEV)
  put(END)
  return finish(true)
}
