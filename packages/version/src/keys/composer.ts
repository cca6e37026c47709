import { composer } from '../reference/composer.ts'
import { KeyBuilder } from './key-builder.ts'

// Composer normalizes, then PHP's version_compare walks the parts: dev < alpha < beta <
// RC < (the end of the shorter version) < any number < patch. A `dev-<branch>` sorts
// below every numbered version and branches by name (BRANCH, then the name's bytes).
const BRANCH = 0x00
const DEV = 0x01
const ALPHA = 0x02
const BETA = 0x03
const RC = 0x04
const END = 0x05
const NUM = 0x06
const PATCH = 0x07
// PHP's strtol saturates at LONG_MAX; 18 significant digits never reach it.
const MAX_DIGITS = 18

const kb = new KeyBuilder()

const isDigit = (c: number) => c >= 48 && c <= 57
const lower = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c)
const isBranchChar = (c: number) =>
  isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46 || c === 95 || c === 45 || c === 47

// Case-insensitive ASCII word at i.
function word(s: string, i: number, w: string): boolean {
  if (s.length - i < w.length) return false
  for (let k = 0; k < w.length; k++) if (lower(s.charCodeAt(i + k)) !== w.charCodeAt(k)) return false
  return true
}

// Stability words of Composer's modifier regex, in its alternation order, with their token.
const WORDS: readonly [string, number][] = [
  ['stable', -1], ['beta', BETA], ['b', BETA], ['rc', RC], ['alpha', ALPHA], ['a', ALPHA], ['patch', PATCH], ['pl', PATCH], ['p', PATCH],
]

function digits(s: string, i: number): number {
  while (i < s.length && isDigit(s.charCodeAt(i))) i++
  return i
}

function num(s: string, from: number, to: number): boolean {
  kb.push(NUM)
  return kb.pushNumber(s, from, to, 0, MAX_DIGITS)
}

// `dev-<name>` with a plain ASCII name: Composer keeps it as is.
function branchKey(v: string): Uint8Array | undefined {
  for (let i = 4; i < v.length; i++) if (!isBranchChar(v.charCodeAt(i))) return undefined
  kb.reset()
  kb.push(BRANCH)
  kb.pushChars(v, 4, v.length)
  return kb.take()
}

/**
 * Sort key of a Packagist version, for the common shapes only: `dev-<branch>` and
 * `[v]N[.N[.N[.N]]]` with an optional stability modifier (`-beta2`, `.RC1`, `-p1`,
 * `-dev`), i.e. Composer's classical pattern without aliases, `@flags`, build
 * metadata, surrounding blanks or `stable`. The four numbers, then the modifier's
 * tokens in version_compare order, then END. Undefined for every other input.
 *
 * @param v the version
 * @returns the key, or undefined
 */
export function composerKey(v: string): Uint8Array | undefined {
  if (!composer.valid(v)) return undefined
  if (word(v, 0, 'dev-')) return branchKey(v)
  kb.reset()
  let i = v.charCodeAt(0) === 118 || v.charCodeAt(0) === 86 ? 1 : 0
  let e = digits(v, i)
  if (e === i || e - i > 5 || !num(v, i, e)) return undefined
  i = e
  for (let part = 1; part < 4; part++) {
    if (i + 1 < v.length && v.charCodeAt(i) === 46 && isDigit(v.charCodeAt(i + 1))) {
      e = digits(v, i + 1)
      if (!num(v, i + 1, e)) return undefined
      i = e
    } else {
      kb.push(NUM)
      kb.push(0)
    }
  }
  const sep = (c: number) => c === 46 || c === 95 || c === 45
  const dot = (c: number) => c === 46 || c === 45
  if (i < v.length && sep(v.charCodeAt(i))) i++
  for (const [w, token] of WORDS) {
    if (!word(v, i, w)) continue
    if (token < 0) return undefined
    kb.push(token)
    i += w.length
    // The stability number: [.-]? digits ([.-] digits)*.
    if (i + 1 < v.length && dot(v.charCodeAt(i)) && isDigit(v.charCodeAt(i + 1))) i++
    while (i < v.length && isDigit(v.charCodeAt(i))) {
      e = digits(v, i)
      if (!num(v, i, e)) return undefined
      i = e
      if (i + 1 < v.length && dot(v.charCodeAt(i)) && isDigit(v.charCodeAt(i + 1))) i++
    }
    break
  }
  if (i < v.length && dot(v.charCodeAt(i)) && word(v, i + 1, 'dev')) i++
  if (word(v, i, 'dev')) {
    kb.push(DEV)
    i += 3
  }
  if (i !== v.length) return undefined
  kb.push(END)
  return kb.take()
}
