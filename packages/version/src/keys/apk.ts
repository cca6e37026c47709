import { KeyBuilder } from './key-builder.ts'

// Token kind bytes. apk decides a length mismatch by token kind: a pre-release suffix
// sorts lowest, then END, -rN, ~hash, suffix number, post-release suffix, letter, .digit
// (a kind later in the string grammar means an older version).
const PRE_SUFFIX = 0x01
const END = 0x02
const REVISION_NO = 0x03
const COMMIT_HASH = 0x04
const SUFFIX_NO = 0x05
const POST_SUFFIX = 0x06
const LETTER = 0x07
const DIGIT = 0x08

// apk holds numbers in a u64: 19 significant digits never wrap.
const MAX_DIGITS = 19

const SUFFIXES = new Map<string, number>([
  ['alpha', 1], ['beta', 2], ['pre', 3], ['rc', 4], ['cvs', 6], ['svn', 7], ['git', 8], ['hg', 9], ['p', 10],
])
const SUFFIX_NONE = 5

const isDigit = (c: number) => c >= 48 && c <= 57
const isLower = (c: number) => c >= 97 && c <= 122
const isHex = (c: number) => isDigit(c) || (c >= 97 && c <= 102)

const kb = new KeyBuilder()

// Index after the digit run at i (no digits = i).
function digitsEnd(s: string, i: number): number {
  while (i < s.length && isDigit(s.charCodeAt(i))) i++
  return i
}

/**
 * Sort key of an apk version (apk-tools order): the tokens in order, each a kind byte
 * and its value, ended by END. Only versions `apk_version_validate` accepts get a key
 * (and none whose numbers could wrap apk's u64).
 *
 * @param s the version
 * @returns the key, or undefined
 */
export function apkKey(s: string): Uint8Array | undefined {
  kb.reset()
  let pos = digitsEnd(s, 0)
  if (pos === 0 || !kb.pushNumber(s, 0, pos, 0, MAX_DIGITS)) return undefined
  // Kind of the previous token in apk's numbering (0 initial digit … 6 revision).
  let t = 0
  while (pos < s.length) {
    const c = s.charCodeAt(pos)
    if (isLower(c)) {
      if (t > 1) return undefined
      kb.push(LETTER)
      kb.push(c)
      pos++
      t = 2
    } else if (c === 46 || isDigit(c)) {
      if (c === 46) {
        if (t > 1) return undefined
        pos++
      }
      const start = pos
      pos = digitsEnd(s, pos)
      if (pos === start) return undefined
      if (t <= 1) {
        kb.push(DIGIT)
        if (s.charCodeAt(start) === 48) {
          // A leading zero makes apk compare the run as a string: below every
          // number without one, shorter prefix first.
          kb.push(0)
          kb.pushChars(s, start, pos)
          kb.push(0)
        } else {
          kb.push(1)
          if (!kb.pushNumber(s, start, pos, 0, MAX_DIGITS)) return undefined
        }
        t = 1
      } else if (t === 3) {
        kb.push(SUFFIX_NO)
        if (!kb.pushNumber(s, start, pos, 0, MAX_DIGITS)) return undefined
        t = 4
      } else {
        return undefined
      }
    } else if (c === 95) {
      if (t > 4) return undefined
      const start = ++pos
      while (pos < s.length && isLower(s.charCodeAt(pos))) pos++
      const rank = SUFFIXES.get(s.slice(start, pos))
      if (rank === undefined) return undefined
      kb.push(rank < SUFFIX_NONE ? PRE_SUFFIX : POST_SUFFIX)
      kb.push(rank)
      t = 3
    } else if (c === 126) {
      if (t >= 5) return undefined
      const start = ++pos
      while (pos < s.length && isHex(s.charCodeAt(pos))) pos++
      if (pos === start) return undefined
      kb.push(COMMIT_HASH)
      kb.pushChars(s, start, pos)
      kb.push(0)
      t = 5
    } else if (c === 45) {
      if (t >= 6) return undefined
      if (pos + 1 >= s.length || s.charCodeAt(pos + 1) !== 114) return undefined
      pos += 2
      const start = pos
      pos = digitsEnd(s, pos)
      if (pos === start) return undefined
      kb.push(REVISION_NO)
      if (!kb.pushNumber(s, start, pos, 0, MAX_DIGITS)) return undefined
      t = 6
    } else {
      return undefined
    }
  }
  kb.push(END)
  return kb.take()
}
