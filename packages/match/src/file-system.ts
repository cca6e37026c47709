/**
 * The file operations DB build and write need, injected so the code stays
 * browser-safe (Node passes `node:fs/promises`, tests pass an in-memory map). Paths
 * use `/`.
 *
 * @example
 * ```ts
 * import type { FileSystem } from '@stowaway/match'
 * import { readFile, readdir, stat, writeFile, mkdir, rename, rm } from 'node:fs/promises'
 * const fs: FileSystem = {
 *   isDirectory: async (p) => (await stat(p)).isDirectory(),
 *   list: async (p) => (await readdir(p, { withFileTypes: true })).map((e) => ({ name: e.name, dir: e.isDirectory() })),
 *   read: async (p) => new Uint8Array(await readFile(p)),
 *   write: (p, b) => writeFile(p, b), mkdir: async (p) => { await mkdir(p, { recursive: true }) },
 *   rename, remove: (p) => rm(p, { recursive: true, force: true }),
 * }
 * ```
 */
export interface FileSystem {
  isDirectory(path: string): Promise<boolean>
  list(path: string): Promise<{ name: string; dir: boolean }[]>
  read(path: string): Promise<Uint8Array>
  write?(path: string, bytes: Uint8Array): Promise<void>
  mkdir?(path: string): Promise<void>
  rename?(from: string, to: string): Promise<void>
  remove?(path: string): Promise<void>
}
