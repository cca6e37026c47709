import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import type { FileSystem } from './file-system.ts'

/**
 * The {@link FileSystem} backed by `node:fs/promises`.
 *
 * @returns file access for DB build, write and open
 * @example
 * ```ts
 * import { nodeFileSystem, openDbDir } from '@stowaway/match/node'
 * const db = await openDbDir(nodeFileSystem(), './stowaway-db')
 * ```
 */
export function nodeFileSystem(): FileSystem {
  return {
    isDirectory: async (p) => (await stat(p)).isDirectory(),
    list: async (p) => (await readdir(p, { withFileTypes: true })).map((e) => ({ name: e.name, dir: e.isDirectory() })),
    read: async (p) => new Uint8Array(await readFile(p)),
    write: (p, b) => writeFile(p, b),
    mkdir: async (p) => {
      await mkdir(p, { recursive: true })
    },
    rename: (a, b) => rename(a, b),
    remove: (p) => rm(p, { recursive: true, force: true }),
  }
}
