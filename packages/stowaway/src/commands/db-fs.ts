// DB location and opening for the CLI: default directory, directory-or-bundle open, bundle write.
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { encodeDbBundle, openDbBundle, openDbDir } from '@stowaway/match'
import type { AdvisoryDb } from '@stowaway/match'
import { nodeFileSystem } from '@stowaway/match/node'

/** The match package's `node:fs` file system, as the CLI's DB commands use it. */
export const nodeFs = nodeFileSystem

/** Default DB directory: $STOWAWAY_DB, else $XDG_CACHE_HOME/stowaway/db, else ~/.cache/stowaway/db. */
export function defaultDbDir(): string {
  return process.env.STOWAWAY_DB ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'stowaway', 'db')
}

/**
 * Open the DB at `path`: a directory (`manifest.json` + shards) or a single-file bundle
 * (`stowaway db build --out FILE.stwdb`).
 */
export async function openDb(path: string): Promise<AdvisoryDb> {
  let isFile = false
  try {
    isFile = (await stat(path)).isFile()
  } catch {
    // missing: openDbDir reports NOT_FOUND with a hint
  }
  return isFile ? openDbBundle(new Uint8Array(await readFile(path))) : openDbDir(nodeFs(), path)
}

/** Whether `db build --out` names a single-file bundle rather than a directory. */
export const isBundlePath = (p: string): boolean => p.endsWith('.stwdb')

/** Write a bundle atomically: a sibling temporary file renamed over the target. */
export async function writeDbBundleFile(path: string, files: ReadonlyMap<string, Uint8Array>): Promise<void> {
  const tmp = `${path}.tmp-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`
  await mkdir(dirname(resolve(path)), { recursive: true })
  try {
    await writeFile(tmp, encodeDbBundle(files))
    await rename(tmp, path)
  } catch (e) {
    await rm(tmp, { force: true })
    throw e
  }
}
