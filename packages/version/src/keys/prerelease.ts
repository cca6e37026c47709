import type { KeyBuilder } from './key-builder.ts'
import { isDigit } from './chars.ts'

// SemVer 2.0 precedence after the main numbers, shared by semver and go: a prerelease
// sorts below the release; its identifiers left to right, numeric (by value) below
// alphanumeric (by ASCII), and fewer identifiers first when all shared ones are equal.
const WITH_PRE = 0x01
const RELEASE = 0x02
const PRE_END = 0x00
const NUMERIC = 0x01
const ALNUM = 0x02

/**
 * Append the prerelease part `s[from, to)` (identifiers without the leading `-`), or
 * the release marker when `from` is negative.
 *
 * @param kb the key being built
 * @param s the version
 * @param from start of the first identifier, or -1 for none
 * @param to end of the prerelease
 * @returns false when a numeric identifier is too long to key (over 255 digits)
 */
export function pushPrerelease(kb: KeyBuilder, s: string, from: number, to: number): boolean {
  if (from < 0) {
    kb.push(RELEASE)
    return true
  }
  kb.push(WITH_PRE)
  let i = from
  while (i <= to) {
    let e = i
    let digits = true
    while (e < to && s.charCodeAt(e) !== 46) {
      if (!isDigit(s.charCodeAt(e))) digits = false
      e++
    }
    if (digits) {
      kb.push(NUMERIC)
      if (!kb.pushNumber(s, i, e, 0, 255)) return false
    } else {
      kb.push(ALNUM)
      kb.pushChars(s, i, e)
      kb.push(0)
    }
    i = e + 1
  }
  kb.push(PRE_END)
  return true
}
