import {
  Tok, DIGIT, LETTER, SUFFIX, SUFFIX_NO, COMMIT_HASH, END, INVALID, SUFFIX_NONE,
} from '../reference/apk.ts'
import { KeyBuilder } from './key-builder.ts'

// Key kind bytes. apk decides a length mismatch by token kind: a pre-release suffix
// sorts lowest, then END, -rN, ~hash, suffix number, post-release suffix, letter, .digit
// (a kind later in the string grammar means an older version).
const K_PRE_SUFFIX = 0x01
const K_END = 0x02
const K_REVISION_NO = 0x03
const K_COMMIT_HASH = 0x04
const K_SUFFIX_NO = 0x05
const K_POST_SUFFIX = 0x06
const K_LETTER = 0x07
const K_DIGIT = 0x08

// apk holds numbers in a u64: 19 significant digits never wrap.
const MAX_DIGITS = 19

const kb = new KeyBuilder()

/**
 * Sort key of an apk version (apk-tools order): the tokens the scheme's tokenizer reads,
 * in order, each a kind byte and its value, ended by END. Only versions
 * `apk_version_validate` accepts get a key (and none whose numbers could wrap apk's u64).
 *
 * @param s the version
 * @returns the key, or undefined
 * @example
 * ```ts
 * apkKey('1.2_rc3-r1') // Uint8Array [...]
 * ```
 */
export function apkKey(s: string): Uint8Array | undefined {
  kb.reset()
  const t = new Tok(s)
  t.first()
  if (t.token === INVALID || !kb.pushNumber(s, t.vs, t.ve, 0, MAX_DIGITS)) return undefined
  for (t.next(); t.token < END; t.next()) {
    switch (t.token) {
      case LETTER:
        kb.push(K_LETTER)
        kb.push(s.charCodeAt(t.vs))
        break
      case DIGIT:
        kb.push(K_DIGIT)
        if (s.charCodeAt(t.vs) === 48) {
          // A leading zero makes apk compare the run as a string: below every
          // number without one, shorter prefix first.
          kb.push(0)
          kb.pushChars(s, t.vs, t.ve)
          kb.push(0)
        } else {
          kb.push(1)
          if (!kb.pushNumber(s, t.vs, t.ve, 0, MAX_DIGITS)) return undefined
        }
        break
      case SUFFIX_NO:
        kb.push(K_SUFFIX_NO)
        if (!kb.pushNumber(s, t.vs, t.ve, 0, MAX_DIGITS)) return undefined
        break
      case SUFFIX:
        kb.push(t.suffix < SUFFIX_NONE ? K_PRE_SUFFIX : K_POST_SUFFIX)
        kb.push(t.suffix)
        break
      case COMMIT_HASH:
        kb.push(K_COMMIT_HASH)
        kb.pushChars(s, t.vs, t.ve)
        kb.push(0)
        break
      default:
        // REVISION_NO: the only kind left before END.
        kb.push(K_REVISION_NO)
        if (!kb.pushNumber(s, t.vs, t.ve, 0, MAX_DIGITS)) return undefined
    }
  }
  if (t.token !== END) return undefined
  kb.push(K_END)
  return kb.take()
}
