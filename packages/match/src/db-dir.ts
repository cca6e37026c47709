import { StowawayError } from '@stowaway/core'
import type { BuiltDb } from './db.ts'
import { AdvisoryDb } from './db.ts'
import type { FileSystem } from './file-system.ts'

/**
 * Write a built DB directory atomically: files go to a sibling temporary directory
 * which then replaces `dir` by renames, so readers never see half a DB.
 *
 * @param fs file access with write, mkdir, rename and remove
 * @param dir target directory
 * @param db output of `buildDb`
 * @returns nothing
 * @example
 * ```ts
 * import { buildDb, writeDbDir } from '@stowaway/match'
 * import type { FileSystem } from '@stowaway/match'
 * declare const fs: FileSystem
 * await writeDbDir(fs, './stowaway-db', await buildDb([], { sources: [] }))
 * ```
 */
export async function writeDbDir(fs: FileSystem, dir: string, db: BuiltDb): Promise<void> {
  if (!fs.write || !fs.mkdir || !fs.rename || !fs.remove) throw new StowawayError('UNSUPPORTED', 'Cannot write DB: the file system is read-only')
  const target = dir.replace(/\/+$/, '')
  const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`
  const tmp = `${target}.tmp-${stamp}`
  const old = `${target}.old-${stamp}`
  await fs.mkdir(tmp)
  try {
    for (const [name, bytes] of db.files) await fs.write(`${tmp}/${name}`, bytes)
    let moved = false
    try {
      await fs.rename(target, old)
      moved = true
    } catch {
      // no previous DB
    }
    await fs.rename(tmp, target)
    if (moved) await fs.remove(old)
  } catch (e) {
    await fs.remove(tmp)
    throw e
  }
}

/**
 * Open a DB directory through a file system.
 *
 * @param fs file access
 * @param dir directory holding `manifest.json` and shards
 * @returns the opened DB
 * @throws {StowawayError} `NOT_FOUND` when there is no DB there
 * @example
 * ```ts
 * import { openDbDir } from '@stowaway/match'
 * import type { FileSystem } from '@stowaway/match'
 * declare const fs: FileSystem
 * const db = await openDbDir(fs, './stowaway-db')
 * ```
 */
export function openDbDir(fs: FileSystem, dir: string): Promise<AdvisoryDb> {
  return AdvisoryDb.open(async (name) => {
    try {
      return await fs.read(`${dir.replace(/\/+$/, '')}/${name}`)
    } catch (e) {
      if ((e as { code?: string }).code === 'ENOENT') {
        throw new StowawayError('NOT_FOUND', `Cannot open DB: "${dir}/${name}" does not exist (run "stowaway db build" or "stowaway db update")`)
      }
      throw e
    }
  })
}
