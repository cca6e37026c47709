import { parsePep440 } from '../reference/pep440.ts'
import { KeyBuilder } from './key-builder.ts'

// Numbers: a length byte 1 + n (n significant digits) and the digits, so 0x00 stays
// free to end the release list (which sorts as if padded with zeros).
const LIST_END = 0x00
const NUM_BASE = 1
const MAX_LEN = 255
const LOCAL_WORD = 0x01
const LOCAL_NUM = 0x02

const kb = new KeyBuilder()

const num = (s: string) => kb.pushNumber(s, 0, s.length, NUM_BASE, MAX_LEN)

/**
 * Sort key of a PEP 440 version (pypa/packaging order), from the normalised parts:
 * epoch; release without trailing zeros, ended by 0x00; the pre-release slot (a bare
 * dev release 0, a/b/rc 1–3 with their number, none 4); post (absent first); dev
 * (present first); local label (absent first; numbers above words). Undefined for
 * invalid and non-ASCII input and for numbers over 254 digits.
 *
 * @param v the version
 * @returns the key, or undefined
 */
export function pep440Key(v: string): Uint8Array | undefined {
  if (/[^\x00-\x7f]/.test(v)) return undefined
  const p = parsePep440(v)
  if (!p) return undefined
  kb.reset()
  if (!num(p.epoch)) return undefined
  let n = p.release.length
  while (n > 0 && p.release[n - 1] === '0') n--
  for (let i = 0; i < n; i++) if (!num(p.release[i]!)) return undefined
  kb.push(LIST_END)
  if (p.pre) {
    kb.push(p.pre[0] === 'a' ? 1 : p.pre[0] === 'b' ? 2 : 3)
    if (!num(p.pre[1])) return undefined
  } else {
    kb.push(p.dev !== undefined && p.post === undefined ? 0 : 4)
  }
  kb.push(p.post === undefined ? 0 : 1)
  if (p.post !== undefined && !num(p.post)) return undefined
  kb.push(p.dev === undefined ? 1 : 0)
  if (p.dev !== undefined && !num(p.dev)) return undefined
  if (p.local === undefined) {
    kb.push(0)
  } else {
    kb.push(1)
    for (const seg of p.local.split('.')) {
      if (/^[0-9]+$/.test(seg)) {
        kb.push(LOCAL_NUM)
        if (!num(seg)) return undefined
      } else {
        kb.push(LOCAL_WORD)
        kb.pushChars(seg, 0, seg.length)
        kb.push(0)
      }
    }
    kb.push(LIST_END)
  }
  return kb.take()
}
