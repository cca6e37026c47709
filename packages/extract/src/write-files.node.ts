import { lstat, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { FileTree } from './file-tree.ts'
import { normalizeEntryPath, safeJoin } from './path-safety.ts'

/**
 * Write the requested files of a tree under a host directory (Node only). Every path
 * is re-checked: names that would climb out of `dir` are skipped, and so is any path
 * whose parent inside `dir` is already a symlink, so nothing lands outside `dir`.
 *
 * @param tree the extracted files
 * @param dir destination directory (created if missing)
 * @param paths which paths to write (default: `tree.paths()`)
 * @returns the paths written and the paths refused
 * @example
 * ```ts
 * import { extractFiles, writeFilesToDir } from '@stowaway/extract'
 * const tree = await extractFiles([], { patterns: ['etc/os-release'] })
 * await writeFilesToDir(tree, '/tmp/out')
 * ```
 */
export async function writeFilesToDir(tree: FileTree, dir: string, paths: string[] = tree.paths()): Promise<{ written: string[]; refused: string[] }> {
  const written: string[] = []
  const refused: string[] = []
  await mkdir(dir, { recursive: true })
  for (const p of paths) {
    const rel = normalizeEntryPath(p)
    const target = safeJoin(dir, p)
    const file = tree.get(p)
    if (!rel || !target || !file || !(await parentsSafe(dir, rel))) {
      refused.push(p)
      continue
    }
    await mkdir(join(target, '..'), { recursive: true })
    const st = await lstat(target).catch(() => undefined)
    if (st && !st.isFile()) {
      refused.push(p)
      continue
    }
    await writeFile(target, file.bytes, { mode: file.mode & 0o777 })
    written.push(rel)
  }
  return { written, refused }
}

// A parent directory that is a symlink could point anywhere on the host.
async function parentsSafe(dir: string, rel: string): Promise<boolean> {
  const segs = rel.split('/')
  let cur = dir
  for (const s of segs.slice(0, -1)) {
    cur = join(cur, s)
    const st = await lstat(cur).catch(() => undefined)
    if (!st) return true
    if (!st.isDirectory()) return false
  }
  return true
}
