import { StowawayError, isStowawayError, type Warning } from '@stowaway/core'
import { decompressChunks, type Decompressors } from './decompress.ts'
import { globToRegExp, type ExtractedFile, type FileStat, type FileTree } from './file-tree.ts'
import { joinInRoot, normalizeEntryPath } from './path-safety.ts'
import { PathMatcher } from './path-matcher.ts'
import { SquashedTree, type FileNode, type TreeNode } from './squashed-tree.ts'
import { TarParser } from './tar-parser.ts'
import type { TarEntryHeader } from './tar-header.ts'

/**
 * One layer blob to extract, as `@stowaway/pull` yields them (structurally its `LayerBlob`).
 *
 * @example
 * ```ts
 * import type { LayerSource } from '@stowaway/extract'
 * const l: LayerSource = { descriptor: { digest: 'sha256:…', mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', size: 10 }, index: 0, body: new Response('').body! }
 * ```
 */
export interface LayerSource {
  descriptor: { digest: string; diffId?: string; mediaType: string; size: number }
  /** 0-based position, bottom-up. */
  index: number
  body: ReadableStream<Uint8Array>
}

/**
 * What to read from the layers.
 *
 * @example
 * ```ts
 * import type { ExtractRequest } from '@stowaway/extract'
 * const r: ExtractRequest = { patterns: ['etc/os-release', 'var/lib/dpkg/status'], maxFileBytes: 32 << 20 }
 * ```
 */
export interface ExtractRequest {
  /** Globs of the files whose bytes are wanted (`**` crosses directories). */
  patterns: string[]
  /** Size limit of one file (default 64 MiB); larger files are skipped with a warning. */
  maxFileBytes?: number
  /** Per-pattern size limits overriding `maxFileBytes`. */
  patternLimits?: Record<string, number>
  /** Requested paths whose every layer's version is kept (see `FileTree.history`). */
  historyPatterns?: string[]
  /** Bound on all bytes read together (default 1 GiB). */
  maxTotalBytes?: number
  /** Bound on tar entries over all layers (default 1,000,000): bounds metadata memory (≈ 0.5 KB each). */
  maxEntries?: number
  /** Replacement decoders, e.g. Node's native zstd from the Node entry's `nodeDecompressors()`. */
  decompressors?: Decompressors
  /** `warn` (default): a corrupt layer becomes a warning and extraction goes on; `throw`: it fails. */
  onLayerError?: 'warn' | 'throw'
  signal?: AbortSignal
}

const DEFAULT_MAX_FILE = 64 * 1024 * 1024
const DEFAULT_MAX_TOTAL = 1024 * 1024 * 1024
const MAX_WARNINGS_PER_LAYER = 100
const MAX_ALIASES = 64

/**
 * Read layer streams bottom-up into the squashed view a container would see, keeping
 * the bytes of requested files only. Every other entry is skipped as it streams by.
 * Corrupt or truncated layers become warnings (or, with `onLayerError: 'throw'`, a
 * `StowawayError`); a `DIGEST_MISMATCH` or abort from the source always throws.
 *
 * @param layers layer blobs in order (bottom-up)
 * @param request what to read
 * @returns the file tree
 * @throws {StowawayError} `ABORTED`, `DIGEST_MISMATCH`, or the layer's error under `onLayerError: 'throw'`
 * @example
 * ```ts
 * import { extractFiles } from '@stowaway/extract'
 * const tree = await extractFiles([], { patterns: ['etc/os-release'] })
 * tree.get('etc/os-release') // undefined: no layers
 * ```
 */
export async function extractFiles(layers: AsyncIterable<LayerSource> | Iterable<LayerSource>, request: ExtractRequest): Promise<FileTree> {
  const ex = new Extraction(request)
  let position = 0
  for await (const layer of layers as AsyncIterable<LayerSource>) {
    await ex.readLayer(layer, position++)
  }
  return ex.finish()
}

class Extraction {
  readonly tree = new SquashedTree()
  readonly warnings: Warning[] = []
  private readonly matcher: PathMatcher
  private readonly history: RegExp[]
  private readonly versions = new Map<string, ExtractedFile[]>()
  private readonly requested = new Set<string>()
  private readonly layers: string[] = []
  // lexical symlink target → link paths, to match literal requests reached through links
  private readonly reverse = new Map<string, string[]>()
  private readonly maxTotal: number
  private readonly maxEntries: number
  private total = 0
  private entries = 0
  private layerWarnings = 0
  // Paths (real and through symlinks) under which the current entry was requested.
  private matchedPaths: string[] = []
  // Targets of glob-matched symlinks that no pattern names: read them when they come.
  private readonly wantedTargets = new Map<string, number>()

  constructor(private readonly req: ExtractRequest) {
    this.matcher = new PathMatcher(req.patterns, req.maxFileBytes ?? DEFAULT_MAX_FILE, req.patternLimits)
    this.history = (req.historyPatterns ?? []).map(globToRegExp)
    this.maxTotal = req.maxTotalBytes ?? DEFAULT_MAX_TOTAL
    this.maxEntries = req.maxEntries ?? 1_000_000
  }

  async readLayer(layer: LayerSource, position: number): Promise<void> {
    const layerIndex = position
    const digest = layer.descriptor.diffId ?? layer.descriptor.digest
    this.layers[layerIndex] = digest
    this.layerWarnings = 0
    let pending: { node: FileNode; path: string; history: boolean } | undefined
    const parser = new TarParser({
      entry: (h) => {
        pending = this.onEntry(h, layerIndex, digest)
        return pending !== undefined
      },
      body: (_h, bytes) => {
        if (!pending) return
        pending.node.bytes = bytes
        if (pending.history) {
          const list = this.versions.get(pending.path) ?? []
          list.push(this.toFile(pending.path, pending.node))
          this.versions.set(pending.path, list)
        }
        pending = undefined
      },
    })
    const signal = this.req.signal
    try {
      if (signal?.aborted) throw aborted()
      let broken: unknown
      for await (const chunk of decompressChunks(layer.body, layer.descriptor.mediaType, this.req.decompressors)) {
        if (signal?.aborted) throw aborted()
        if (broken !== undefined) continue
        try {
          parser.push(chunk)
        } catch (e) {
          // Keep reading (without parsing) so a tampered blob still fails its digest check.
          broken = e
        }
      }
      if (broken !== undefined) throw broken
      parser.end()
    } catch (e) {
      const code = isStowawayError(e) ? e.code : undefined
      if (code === 'ABORTED' || code === 'DIGEST_MISMATCH' || this.req.onLayerError === 'throw' || !isStowawayError(e)) {
        if (!isStowawayError(e) && signal?.aborted) throw aborted()
        throw e
      }
      // The entries read before the damage stay applied: a partial view beats none.
      this.warnings.push({ code: e.code, message: `${e.message} (layer ${layerIndex})`, layer: digest })
    }
  }

  private warn(w: Warning): void {
    if (++this.layerWarnings <= MAX_WARNINGS_PER_LAYER) this.warnings.push(w)
  }

  private onEntry(h: TarEntryHeader, layerIndex: number, layer: string): { node: FileNode; path: string; history: boolean } | undefined {
    if (++this.entries > this.maxEntries) {
      throw new StowawayError('LIMIT_EXCEEDED', `Cannot extract layers: more than ${this.maxEntries} entries`, { details: { limit: this.maxEntries } })
    }
    const path = normalizeEntryPath(h.name)
    if (path === undefined || h.name.includes('\0')) {
      this.warn({ code: 'PATH_UNSAFE', message: `Cannot extract "${h.name}": path escapes the image root`, layer })
      return undefined
    }
    if (path === '') return undefined
    const slash = path.lastIndexOf('/')
    const dir = slash < 0 ? '' : path.slice(0, slash)
    const base = path.slice(slash + 1)
    if (base.startsWith('.wh.')) {
      if (base === '.wh..wh..opq') this.tree.opaque(dir, layerIndex)
      // Other `.wh..wh.` names are aufs bookkeeping (hard-link dirs), not whiteouts.
      else if (!base.startsWith('.wh..wh.')) this.tree.whiteout(dir, base.slice(4), layerIndex)
      return undefined
    }
    const mode = h.mode & 0o7777
    switch (h.kind) {
      case 'dir':
        this.tree.put(path, { kind: 'dir', layerIndex, mode, children: new Map() })
        return undefined
      case 'symlink': {
        this.tree.put(path, { kind: 'symlink', layerIndex, mode, target: h.linkname })
        // A link named by a literal pattern is visible under that name (and warned about
        // at the end if its target's bytes were never read). A link a glob names whose
        // target no pattern names is visible too, and its target is read if it comes later.
        if (this.matcher.literalLimit(path) !== undefined) this.requested.add(path)
        else {
          const limit = this.matcher.limitFor(path)
          if (limit !== undefined) {
            const target = joinInRoot(dir, h.linkname).join('/')
            if (this.matcher.limitFor(target) === undefined) {
              this.requested.add(path)
              this.wantedTargets.set(target, Math.max(limit, this.wantedTargets.get(target) ?? 0))
            }
          }
        }
        if (this.matcher.hasLiterals) {
          const target = joinInRoot(dir, h.linkname).join('/')
          const list = this.reverse.get(target)
          if (list) list.push(path)
          else this.reverse.set(target, [path])
        }
        return undefined
      }
      case 'hardlink': {
        const tp = normalizeEntryPath(h.linkname)
        const target = tp ? this.tree.lstat(tp) : undefined
        if (target?.node.kind === 'symlink') {
          // Anchor the copied target at the original link's directory.
          const from = target.path.includes('/') ? target.path.slice(0, target.path.lastIndexOf('/')) : ''
          this.tree.put(path, { kind: 'symlink', layerIndex, mode, target: '/' + joinInRoot(from, target.node.target).join('/') })
          return undefined
        }
        if (!target || target.node.kind !== 'file') {
          this.warn({ code: 'ARCHIVE_INVALID', message: `Cannot link "${path}": hard link target "${h.linkname}" is not a file`, path, layer })
          return undefined
        }
        const t = target.node
        const node: FileNode = { kind: 'file', layerIndex, mode, size: t.size }
        if (t.bytes) node.bytes = t.bytes
        this.tree.put(path, node)
        if (this.isRequested(path) !== undefined) {
          this.requested.add(path)
          if (!t.bytes) this.warn({ code: 'NOT_FOUND', message: `Cannot read "${path}": hard link target "${tp}" was not requested`, path, layer })
        }
        return undefined
      }
      case 'file': {
        const node: FileNode = { kind: 'file', layerIndex, mode, size: h.size }
        this.tree.put(path, node)
        const limit = this.isRequested(path)
        if (limit === undefined) return undefined
        if (h.size > limit) {
          this.warn({ code: 'LIMIT_EXCEEDED', message: `Cannot read "${path}": ${h.size} bytes exceeds the ${limit}-byte limit`, path, layer })
          return undefined
        }
        if (this.total + h.size > this.maxTotal) {
          this.warn({ code: 'LIMIT_EXCEEDED', message: `Cannot read "${path}": total bytes read would exceed ${this.maxTotal}`, path, layer })
          return undefined
        }
        this.total += h.size
        const history = this.history.length > 0 && this.matchedPaths.some((p) => this.history.some((re) => re.test(p)))
        return { node, path, history }
      }
      default:
        this.tree.put(path, { kind: 'other', layerIndex, mode })
        return undefined
    }
  }

  // Limit for `path` if requested directly or, for literal patterns, through a symlink.
  private isRequested(path: string): number | undefined {
    this.matchedPaths = []
    const direct = this.matcher.limitFor(path)
    let limit = direct ?? this.wantedTargets.get(path)
    if (direct !== undefined) {
      this.requested.add(path)
      this.matchedPaths.push(path)
    }
    if (this.reverse.size && this.matcher.hasLiterals) {
      for (const alias of this.aliases(path)) {
        const l = this.matcher.literalLimit(alias)
        if (l !== undefined) {
          this.requested.add(alias)
          this.matchedPaths.push(alias)
          if (limit === undefined || l > limit) limit = l
        }
      }
    }
    return limit
  }

  // Paths reaching `path` through symlinks seen so far, depth- and count-bounded so a
  // hostile web of links cannot make one entry cost more than MAX_ALIASES lookups.
  private aliases(path: string): string[] {
    const out: string[] = []
    const visit = (p: string, depth: number) => {
      let i = p.length
      while (i > 0 && out.length < MAX_ALIASES) {
        const links = this.reverse.get(p.slice(0, i))
        if (links) {
          for (const l of links) {
            if (out.length >= MAX_ALIASES) return
            const alias = l + p.slice(i)
            out.push(alias)
            if (depth < 3) visit(alias, depth + 1)
          }
        }
        i = p.lastIndexOf('/', i - 1)
      }
    }
    visit(path, 0)
    return out
  }

  private toFile(path: string, node: FileNode): ExtractedFile {
    return {
      path,
      bytes: node.bytes ?? new Uint8Array(0),
      size: node.size,
      mode: node.mode,
      layer: this.layers[node.layerIndex] ?? '',
      layerIndex: node.layerIndex,
    }
  }

  finish(): FileTree {
    const cache = new Map<string, ExtractedFile | undefined>()
    const get = (p: string): ExtractedFile | undefined => {
      const key = normalizeEntryPath(p) ?? ''
      if (cache.has(key)) return cache.get(key)
      const r = this.tree.resolve(key)
      const f = r && r.node.kind === 'file' && r.node.bytes ? this.toFile(r.path, r.node) : undefined
      cache.set(key, f)
      return f
    }
    let unread = 0
    for (const p of this.requested) {
      const r = this.tree.lstat(p)
      if (r?.node.kind === 'symlink') {
        const t = this.tree.resolve(p)
        if (t?.node.kind === 'file' && !t.node.bytes && ++unread <= MAX_WARNINGS_PER_LAYER) {
          this.warnings.push({ code: 'NOT_FOUND', message: `Cannot read "${p}": symlink target "${t.path}" was not requested`, path: p })
        }
      }
    }
    const visible = [...this.requested].filter((p) => get(p) !== undefined).sort()
    const stat = (p: string): FileStat | undefined => {
      const r = this.tree.resolve(p)
      if (!r) return undefined
      return statOf(r.path, r.node, this.layers)
    }
    return {
      get,
      paths: () => [...visible],
      glob: (pattern) => {
        const re = globToRegExp(pattern)
        return visible.filter((p) => re.test(p))
      },
      stat,
      history: (p) => {
        const r = this.tree.resolve(p)
        return [...(this.versions.get(r?.path ?? normalizeEntryPath(p) ?? '') ?? [])]
      },
      entries: () => {
        const out: FileStat[] = []
        this.tree.forEach((p, n) => out.push(statOf(p, n, this.layers)), true)
        return out
      },
      warnings: this.warnings,
    }
  }
}

function statOf(path: string, n: TreeNode, layers: string[]): FileStat {
  return {
    path,
    kind: n.kind,
    size: n.kind === 'file' ? n.size : 0,
    mode: n.mode,
    layer: layers[n.layerIndex] ?? '',
    layerIndex: n.layerIndex,
  }
}

function aborted(): StowawayError {
  return new StowawayError('ABORTED', 'Cannot extract layers: the operation was aborted')
}
