import { rubyGemsSegments } from '../reference/rubygems.ts'
import { KeyBuilder } from './key-builder.ts'

// Gem::Version pads the shorter version with zeros, and a zero sorts above any string
// but below any other number. So a run of k zero segments is keyed together with the
// segment after it: a string after k zeros sorts below everything with more zeros
// (ascending k), a number after k zeros above it (descending k), and the padded end
// between the two.
const STR = 0x01
const END = 0x02
const NUM = 0x03
const MAX_ZEROS = 255

const kb = new KeyBuilder()

const isZero = (s: string) => s === '0'
const isNum = (s: string) => s.charCodeAt(0) >= 48 && s.charCodeAt(0) <= 57

// Trailing zeros of the release part and of the pre-release part are insignificant.
function canonical(segs: string[]): string[] {
  let first = segs.findIndex((s) => !isNum(s))
  if (first < 0) first = segs.length
  const trim = (xs: string[]) => {
    let n = xs.length
    while (n > 0 && isZero(xs[n - 1]!)) n--
    return xs.slice(0, n)
  }
  return [...trim(segs.slice(0, first)), ...trim(segs.slice(first))]
}

/**
 * Sort key of a RubyGems version (`Gem::Version#<=>` order): its canonical segments,
 * each zero run folded into the segment after it, ended by END. Undefined for what
 * `Gem::Version.correct?` rejects and for runs of more than 255 zero segments.
 *
 * @param v the version
 * @returns the key, or undefined
 */
export function rubygemsKey(v: string): Uint8Array | undefined {
  const segs = rubyGemsSegments(v)
  if (!segs) return undefined
  kb.reset()
  let zeros = 0
  for (const s of canonical(segs)) {
    if (isZero(s)) {
      zeros++
      continue
    }
    if (zeros > MAX_ZEROS) return undefined
    if (isNum(s)) {
      kb.push(NUM)
      kb.push(MAX_ZEROS - zeros)
      if (!kb.pushNumber(s, 0, s.length, 0, 255)) return undefined
    } else {
      kb.push(STR)
      kb.push(zeros)
      kb.pushChars(s, 0, s.length)
      kb.push(0)
    }
    zeros = 0
  }
  kb.push(END)
  return kb.take()
}
