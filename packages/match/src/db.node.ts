import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { StowawayError } from '@stowaway/core'
import type { BuiltDb } from './db.ts'
import { AdvisoryDb } from './db.ts'

/**
 * Write a built DB directory atomically: files go to a sibling temporary directory
 * which then replaces `dir` with renames, so readers never see half a DB.
 *
 * @param dir target directory
 * @param db output of `buildDb`
 * @returns nothing
 * @example
 * ```ts
 * import { buildDb } from '@stowaway/match'
 * import { writeDbDir } from '@stowaway/match/node'
 * await writeDbDir('./stowaway-db', await buildDb([], { sources: [] }))
 * ```
 */
export async function writeDbDir(dir: string, db: BuiltDb): Promise<void> {
  const target = resolve(dir)
  await mkdir(dirname(target), { recursive: true })
  const tmp = `${target}.tmp-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`
  const old = `${target}.old-${Date.now()}`
  await mkdir(tmp, { recursive: true })
  try {
    for (const [name, bytes] of db.files) await writeFile(join(tmp, name), bytes)
    let moved = false
    try {
      await rename(target, old)
      moved = true
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
    }
    await rename(tmp, target)
    if (moved) await rm(old, { recursive: true, force: true })
  } catch (e) {
    await rm(tmp, { recursive: true, force: true })
    throw e
  }
}

/**
 * Open a DB directory from disk.
 *
 * @param dir directory holding `manifest.json` and shards
 * @returns the opened DB
 * @throws {StowawayError} `NOT_FOUND` when there is no DB there
 * @example
 * ```ts
 * import { openDbDir } from '@stowaway/match/node'
 * const db = await openDbDir('./stowaway-db')
 * ```
 */
export async function openDbDir(dir: string): Promise<AdvisoryDb> {
  const read = async (name: string) => {
    try {
      return new Uint8Array(await readFile(join(dir, name)))
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new StowawayError('NOT_FOUND', `Cannot open DB: "${join(dir, name)}" does not exist (run "stowaway db build" or "stowaway db update")`)
      }
      throw e
    }
  }
  return AdvisoryDb.open(read)
}
