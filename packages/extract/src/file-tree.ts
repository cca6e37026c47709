import type { Warning } from '@stowaway/core'

/**
 * One regular file of the squashed image view whose bytes were read because a
 * cataloger asked for its path.
 *
 * @example
 * ```ts
 * import type { ExtractedFile } from '@stowaway/extract'
 * const f: ExtractedFile = { path: 'etc/os-release', bytes: new Uint8Array(), size: 0, mode: 0o644, layer: 'sha256:…', layerIndex: 0 }
 * ```
 */
export interface ExtractedFile {
  /** Path inside the image root, no leading slash, no `.`/`..` segments. */
  path: string
  bytes: Uint8Array
  /** Size recorded in the tar header. */
  size: number
  mode: number
  /** Digest of the layer that last wrote the file (diffID when known, else blob digest). */
  layer: string
  /** 0-based index of that layer, bottom-up. */
  layerIndex: number
}

/**
 * The squashed view the catalogers see: only requested files have bytes; symlinks
 * and hard links are resolved inside the image root.
 *
 * @example
 * ```ts
 * import { createFileTree } from '@stowaway/extract'
 * const tree = createFileTree([{ path: 'etc/alpine-release', bytes: new TextEncoder().encode('3.9.4\n'), size: 6, mode: 0o644, layer: 'sha256:x', layerIndex: 0 }])
 * tree.get('/etc/alpine-release')?.bytes
 * ```
 */
export interface FileTree {
  /** The file at `path` (leading `/` optional), following symlinks; undefined when absent. */
  get(path: string): ExtractedFile | undefined
  /** Paths of all visible files with bytes, sorted. */
  paths(): string[]
  /** Visible paths matching a glob (`**` crosses directories, `*` does not). */
  glob(pattern: string): string[]
  /** Problems met while extracting (truncated layers, oversized entries …). */
  warnings: Warning[]
  /**
   * Metadata of any visible path, requested or not (following symlinks): lets a
   * cataloger attribute a package to the layer of a marker file without reading it.
   */
  stat?(path: string): FileStat | undefined
  /**
   * Every version of a file that the layers wrote, bottom-up, for paths requested with
   * `historyPatterns` (e.g. package databases, to find the layer that added a package).
   */
  history?(path: string): ExtractedFile[]
  /** Every visible entry of the squashed view (requested or not), directories included. */
  entries?(): FileStat[]
}

/**
 * Metadata of one visible entry of the squashed view.
 *
 * @example
 * ```ts
 * import type { FileStat } from '@stowaway/extract'
 * const s: FileStat = { path: 'var/lib/dpkg/info/curl.list', kind: 'file', size: 120, mode: 0o644, layer: 'sha256:…', layerIndex: 1 }
 * ```
 */
export interface FileStat {
  /** Real path (after following symlinks). */
  path: string
  kind: 'file' | 'dir' | 'symlink' | 'other'
  size: number
  mode: number
  /** Digest of the layer that last wrote the entry ('' for the implicit root). */
  layer: string
  layerIndex: number
}

const normalize = (p: string) => p.replace(/^\/+/, '').replace(/^\.\//, '')

/**
 * Convert a glob to a RegExp over root-relative paths: `**` matches any number of
 * segments, `*` and `?` stay within one segment.
 *
 * @param pattern glob such as `**\/node_modules/*\/package.json`
 * @returns an anchored RegExp
 * @example
 * ```ts
 * import { globToRegExp } from '@stowaway/extract'
 * globToRegExp('var/lib/dpkg/status.d/*').test('var/lib/dpkg/status.d/base') // true
 * ```
 */
export function globToRegExp(pattern: string): RegExp {
  const p = normalize(pattern)
  let re = ''
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!
    if (c === '*') {
      if (p[i + 1] === '*') {
        const slash = p[i + 2] === '/'
        re += slash ? '(?:.*/)?' : '.*'
        i += slash ? 2 : 1
      } else re += '[^/]*'
    } else if (c === '?') re += '[^/]'
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&')
  }
  return new RegExp(`^${re}$`)
}

/**
 * An in-memory {@link FileTree} over already-extracted files (no symlinks): for tests
 * and for callers who collected files themselves.
 *
 * @param files the visible files
 * @param warnings optional warnings to carry
 * @returns a file tree
 * @example
 * ```ts
 * import { createFileTree } from '@stowaway/extract'
 * const tree = createFileTree([])
 * tree.paths() // []
 * ```
 */
export function createFileTree(files: Iterable<ExtractedFile>, warnings: Warning[] = []): FileTree {
  const map = new Map<string, ExtractedFile>()
  for (const f of files) map.set(normalize(f.path), f)
  const sorted = [...map.keys()].sort()
  return {
    get: (path) => map.get(normalize(path)),
    stat: (path) => {
      const f = map.get(normalize(path))
      return f && { path: f.path, kind: 'file', size: f.size, mode: f.mode, layer: f.layer, layerIndex: f.layerIndex }
    },
    history: (path) => {
      const f = map.get(normalize(path))
      return f ? [f] : []
    },
    entries: () => sorted.map((p) => {
      const f = map.get(p)!
      return { path: p, kind: 'file' as const, size: f.size, mode: f.mode, layer: f.layer, layerIndex: f.layerIndex }
    }),
    paths: () => [...sorted],
    glob: (pattern) => {
      const re = globToRegExp(pattern)
      return sorted.filter((p) => re.test(p))
    },
    warnings,
  }
}
