// The node:fs adapter the match package's DB build/write/open take by injection.
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import type { FileSystem } from '@stowaway/match'

/** `node:fs/promises` as a match-package {@link FileSystem}. */
export function nodeFs(): FileSystem {
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

/** Default DB directory: $STOWAWAY_DB, else $XDG_CACHE_HOME/stowaway/db, else ~/.cache/stowaway/db. */
export function defaultDbDir(): string {
  return process.env.STOWAWAY_DB ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'stowaway', 'db')
}
