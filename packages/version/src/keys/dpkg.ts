import { parseDpkg } from '../reference/dpkg.ts'
import { KeyBuilder } from './key-builder.ts'
import { isDigit, isAlpha } from './chars.ts'

// Byte layout (docs/versions.md, "Sort keys"): `~` 0x01 < digit-run/end 0x02… < letters
// (their ASCII codes) < other symbols (0x80 + code), mirroring dpkg's order() weights.
const TILDE = 0x01
const NUM0 = 0x02
const MAX_NUM = 0x40
const OTHER = 0x80

const kb = new KeyBuilder()

// One verrevcmp operand: non-digit runs byte for byte, each digit run (empty = 0) as a
// length byte and its significant digits. A trailing zero run is dropped, so "1." and
// "1.0" get one key; END (0x02 0x02) then stands for the zeros dpkg pads with.
function part(s: string, from: number, to: number): boolean {
  const begin = kb.length
  let i = from
  while (i < to) {
    while (i < to && !isDigit(s.charCodeAt(i))) {
      const c = s.charCodeAt(i++)
      kb.push(c === 126 ? TILDE : isAlpha(c) ? c : OTHER + c)
    }
    const d = i
    while (i < to && isDigit(s.charCodeAt(i))) i++
    if (!kb.pushNumber(s, d, i, NUM0, MAX_NUM)) return false
  }
  if (kb.length > begin && kb.last() === NUM0) kb.truncate(kb.length - 1)
  kb.push(NUM0)
  kb.push(NUM0)
  return true
}

/**
 * Sort key of a Debian version (`dpkg --compare-versions` order): the epoch as four
 * big-endian bytes, then upstream and revision, each ended by END. Undefined for what
 * dpkg rejects, for non-ASCII and for digit runs of more than 62 significant digits.
 *
 * @param input the version
 * @returns the key, or undefined
 */
export function dpkgKey(input: string): Uint8Array | undefined {
  if (/[^\x00-\x7f]/.test(input)) return undefined
  // Warning-class versions get a key too: dpkg still compares them.
  const p = parseDpkg(input)
  if (!p) return undefined
  const { epoch, upstream, revision } = p.evr
  kb.reset()
  kb.push(epoch >>> 24)
  kb.push((epoch >>> 16) & 0xff)
  kb.push((epoch >>> 8) & 0xff)
  kb.push(epoch & 0xff)
  if (!part(upstream, 0, upstream.length)) return undefined
  if (!part(revision, 0, revision.length)) return undefined
  return kb.take()
}
