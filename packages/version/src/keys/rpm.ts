import { splitRpm, usableRpm } from '../reference/rpm.ts'
import { KeyBuilder } from './key-builder.ts'
import { isDigit, isAlpha } from './chars.ts'

// rpmvercmp sees a part as a list of symbols; its order is `~` < end < `^` < letter run <
// digit run. Every other character only separates runs.
const TILDE = 0x01
const END = 0x02
const CARET = 0x03
const ALPHA = 0x04
const NUM = 0x05
const MAX_DIGITS = 255
// Release presence: rpm 4.18 ranks an EVR with a release above the same one without.
const NO_RELEASE = 0x00
const RELEASE = 0x01

const kb = new KeyBuilder()

function part(s: string, from: number, to: number): boolean {
  let i = from
  while (i < to) {
    const c = s.charCodeAt(i)
    if (c === 126) {
      kb.push(TILDE)
      i++
    } else if (c === 94) {
      kb.push(CARET)
      i++
    } else if (isDigit(c)) {
      const d = i
      while (i < to && isDigit(s.charCodeAt(i))) i++
      kb.push(NUM)
      if (!kb.pushNumber(s, d, i, 0, MAX_DIGITS)) return false
    } else if (isAlpha(c)) {
      kb.push(ALPHA)
      const a = i
      while (i < to && isAlpha(s.charCodeAt(i))) i++
      kb.pushChars(s, a, i)
      kb.push(0)
    } else {
      i++
    }
  }
  kb.push(END)
  return true
}

/**
 * Sort key of an RPM EVR (`rpm.vercmp` order, see the rpm reference): epoch, version
 * and release as rpmvercmp symbol lists, each ended by END, the release behind a
 * presence byte. Undefined for what rpm cannot compare (empty, NUL) and for digit runs
 * of more than 255 significant digits.
 *
 * @param s the EVR
 * @returns the key, or undefined
 */
export function rpmKey(s: string): Uint8Array | undefined {
  if (!usableRpm(s)) return undefined
  const x = splitRpm(s)
  kb.reset()
  // A missing or empty epoch is "0".
  if (!(x.e1 > x.e0 ? part(s, x.e0, x.e1) : part('0', 0, 1))) return undefined
  if (!part(s, x.v0, x.v1)) return undefined
  if (x.r0 >= 0) {
    kb.push(RELEASE)
    if (!part(s, x.r0, x.r1)) return undefined
  } else {
    kb.push(NO_RELEASE)
  }
  return kb.take()
}
