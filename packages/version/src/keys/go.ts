import { parseGo } from '../reference/go.ts'
import { KeyBuilder } from './key-builder.ts'
import { pushPrerelease } from './prerelease.ts'

const kb = new KeyBuilder()

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
  const p = parseGo(v)
  if (!p) return undefined
  kb.reset()
  // A missing part has the span [-1, -1): no digits, the key of 0.
  if (!kb.pushNumber(v, p.maj0, p.maj1, 0, 255)) return undefined
  if (!kb.pushNumber(v, p.min0, p.min1, 0, 255)) return undefined
  if (!kb.pushNumber(v, p.pat0, p.pat1, 0, 255)) return undefined
  // The prerelease span includes its leading `-`.
  if (!pushPrerelease(kb, v, p.pre1 > p.pre0 ? p.pre0 + 1 : -1, p.pre1)) return undefined
  return kb.take()
}
