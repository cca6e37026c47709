// node:fs as the match package's injected FileSystem, for tests.
import { readFile, readdir, stat } from 'node:fs/promises'
import type { FileSystem } from '@stowaway/match'

export const testFs: FileSystem = {
  isDirectory: async (p) => (await stat(p)).isDirectory(),
  list: async (p) => (await readdir(p, { withFileTypes: true })).map((e) => ({ name: e.name, dir: e.isDirectory() })),
  read: async (p) => new Uint8Array(await readFile(p)),
}
