import { go } from '../reference/go.ts'
import { KeyBuilder } from './key-builder.ts'
import { pushPrerelease } from './prerelease.ts'

const kb = new KeyBuilder()

const isDigit = (c: number) => c >= 48 && c <= 57

/**
 * Sort key of a Go module version (golang.org/x/mod/semver order): MAJOR, MINOR and
 * PATCH as length-prefixed numbers (a missing one as 0, so `v1.2` and `v1.2.0` share a
 * key), then the prerelease; `+build` is left out. Undefined for invalid versions and
 * numbers over 255 digits.
 *
 * @param v the version
 * @returns the key, or undefined
 */
export function goKey(v: string): Uint8Array | undefined {
  if (!go.valid(v)) return undefined
  kb.reset()
  let i = v.charCodeAt(0) === 118 ? 1 : 0
  for (let part = 0; part < 3; part++) {
    const d = i
    while (i < v.length && isDigit(v.charCodeAt(i))) i++
    if (!kb.pushNumber(v, d, i, 0, 255)) return undefined
    if (i < v.length && v.charCodeAt(i) === 46) i++
  }
  let pre = -1
  let end = v.indexOf('+', i)
  if (end < 0) end = v.length
  if (i < end && v.charCodeAt(i) === 45) pre = i + 1
  if (!pushPrerelease(kb, v, pre, end)) return undefined
  return kb.take()
}
