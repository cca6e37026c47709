// Test-only: a FileTree over every regular file under a host directory (symlinks
// followed by the host), all attributed to one layer.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { createFileTree, type ExtractedFile, type FileTree } from '@stowaway/extract'

export function treeFromDir(dir: string, layer = 'sha256:test', map: Record<string, string> = {}): FileTree {
  const files: ExtractedFile[] = []
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name)
      const st = statSync(p)
      if (st.isDirectory()) walk(p)
      else if (st.isFile()) {
        const rel = relative(dir, p)
        const bytes = new Uint8Array(readFileSync(p))
        files.push({ path: map[rel] ?? rel, bytes, size: bytes.length, mode: st.mode & 0o7777, layer, layerIndex: 0 })
      }
    }
  }
  walk(dir)
  return createFileTree(files)
}

/** A FileTree from path → text. */
export function treeOf(files: Record<string, string>, layer = 'sha256:test'): FileTree {
  return createFileTree(
    Object.entries(files).map(([path, text]) => {
      const bytes = new TextEncoder().encode(text)
      return { path, bytes, size: bytes.length, mode: 0o644, layer, layerIndex: 0 }
    }),
  )
}
