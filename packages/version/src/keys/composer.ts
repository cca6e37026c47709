import { composer, CLASSICAL, expandStability, startsWithDevDash } from '../reference/composer.ts'
import { KeyBuilder } from './key-builder.ts'
import { isDigit, isAlpha } from './chars.ts'

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

// Token of each stability word as Composer writes it back (expandStability).
const TOKENS = new Map<string, number>([['alpha', ALPHA], ['beta', BETA], ['RC', RC], ['patch', PATCH]])

const kb = new KeyBuilder()

const isBranchChar = (c: number) =>
  isDigit(c) || isAlpha(c) || c === 46 || c === 95 || c === 45 || c === 47

// A digit run s[from, to) as NUM and the number.
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
  if (startsWithDevDash(v)) return branchKey(v)
  const m = CLASSICAL.exec(v)
  if (!m) return undefined
  kb.reset()
  if (!num(m[1]!, 0, m[1]!.length)) return undefined
  for (let g = 2; g <= 4; g++) {
    const part = m[g]
    if (part === undefined) {
      kb.push(NUM)
      kb.push(0)
    } else if (!num(part, 1, part.length)) return undefined
  }
  if (m[5] !== undefined) {
    const token = TOKENS.get(expandStability(m[5]))
    if (token === undefined) return undefined // stable
    kb.push(token)
    // The stability number: digit runs joined by [.-].
    for (const run of m[6]?.match(/[0-9]+/g) ?? []) if (!num(run, 0, run.length)) return undefined
  }
  if (m[7] !== undefined) kb.push(DEV)
  kb.push(END)
  return kb.take()
}
