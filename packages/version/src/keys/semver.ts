import { parseSemver } from '../reference/semver.ts'
import { KeyBuilder } from './key-builder.ts'
import { pushPrerelease } from './prerelease.ts'

const kb = new KeyBuilder()

/**
 * Sort key of a SemVer version (node-semver order): MAJOR, MINOR and PATCH as
 * length-prefixed numbers, then the prerelease (see prerelease.ts); build metadata is
 * left out because precedence ignores it. Undefined for invalid and non-ASCII input.
 *
 * @param v the version
 * @returns the key, or undefined
 */
export function semverKey(v: string): Uint8Array | undefined {
  if (/[^\x00-\x7f]/.test(v)) return undefined
  const p = parseSemver(v)
  if (!p) return undefined
  kb.reset()
  kb.pushNumber(p.s, p.major, p.majorEnd, 0, 255)
  kb.pushNumber(p.s, p.minor, p.minorEnd, 0, 255)
  kb.pushNumber(p.s, p.patch, p.patchEnd, 0, 255)
  if (!pushPrerelease(kb, p.s, p.preStart, p.preEnd)) return undefined
  return kb.take()
}
