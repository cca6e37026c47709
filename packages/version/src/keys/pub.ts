import { parsePub } from '../reference/pub.ts'
import { KeyBuilder } from './key-builder.ts'

// pub_semver: three numbers, then the prerelease (absent sorts last), then the build
// (absent sorts first). In both lists an int64 part sorts below a string part and a
// shorter list below a longer one with the same start.
const LIST_END = 0x00
const NUMBER = 0x01
const STRING = 0x02

const kb = new KeyBuilder()

function pushBig(n: bigint): void {
  const s = n.toString()
  kb.pushNumber(s, 0, s.length, 0, 255)
}

function pushList(parts: (bigint | string)[]): void {
  for (const x of parts) {
    if (typeof x === 'bigint') {
      kb.push(NUMBER)
      pushBig(x)
    } else {
      kb.push(STRING)
      kb.pushChars(x, 0, x.length)
      kb.push(0)
    }
  }
  kb.push(LIST_END)
}

/**
 * Sort key of a Dart pub version (pub_semver `Version.compareTo` order, where build
 * metadata counts). Undefined for what `Version.parse` rejects.
 *
 * @param v the version
 * @returns the key, or undefined
 */
export function pubKey(v: string): Uint8Array | undefined {
  const p = parsePub(v)
  if (!p) return undefined
  kb.reset()
  pushBig(p.major)
  pushBig(p.minor)
  pushBig(p.patch)
  if (p.pre) {
    kb.push(0x01)
    pushList(p.pre)
  } else {
    kb.push(0x02)
  }
  if (p.build) {
    kb.push(0x01)
    pushList(p.build)
  } else {
    kb.push(0x00)
  }
  return kb.take()
}
