// Locate data in ../shared (or $STOWAWAY_SHARED). Tests that need it call
// `sharedPath()`: when the data is absent they get undefined and a printed notice
// (use `describe.skipIf(!p)`), except under STOWAWAY_REQUIRE_SHARED=1 (CI), where
// absence throws so the run fails instead of skipping.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { join, resolve } from 'node:path'

/** Repository root. */
export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)))

/** The shared data root. */
export const SHARED_ROOT = process.env.STOWAWAY_SHARED ?? resolve(REPO_ROOT, '../shared')

/**
 * Absolute path of `rel` under the shared root, or undefined (with a notice) when it
 * is missing and CI does not require it.
 */
export function sharedPath(rel: string): string | undefined {
  const p = join(SHARED_ROOT, rel)
  if (existsSync(p)) return p
  if (process.env.STOWAWAY_REQUIRE_SHARED === '1') {
    throw new Error(`Cannot find shared test data "${p}" and STOWAWAY_REQUIRE_SHARED=1`)
  }
  console.warn(`[stowaway tests] skipping: shared data "${p}" is absent`)
  return undefined
}
