import { joinInRoot } from './path-safety.ts'

/** A directory of the squashed view. */
export interface DirNode {
  kind: 'dir'
  layerIndex: number
  mode: number
  children: Map<string, TreeNode>
}

/** A regular file (or a hard link to one); `bytes` only when it was requested. */
export interface FileNode {
  kind: 'file'
  layerIndex: number
  mode: number
  size: number
  bytes?: Uint8Array
}

/** A symbolic link. */
export interface LinkNode {
  kind: 'symlink'
  layerIndex: number
  mode: number
  target: string
}

/** Devices, fifos and other entries: they hide lower files but hold nothing. */
export interface OtherNode {
  kind: 'other'
  layerIndex: number
  mode: number
}

/** Any node of the squashed view. */
export type TreeNode = DirNode | FileNode | LinkNode | OtherNode

/** Longest symlink chain followed before a path counts as a loop (Linux uses 40). */
export const MAX_SYMLINK_HOPS = 40

/**
 * The squashed filesystem of an image, built layer by layer: entries overwrite lower
 * ones, `.wh.` whiteouts and opaque markers remove lower content only (OCI image-spec
 * "Whiteouts"), and every node remembers the layer that last wrote it. Holds metadata
 * for every entry but bytes only for files the caller attached them to.
 *
 * @example
 * ```ts
 * import { SquashedTree } from '@stowaway/extract'
 * const t = new SquashedTree()
 * t.put('usr/lib/os-release', { kind: 'file', layerIndex: 0, mode: 0o644, size: 0 })
 * t.put('etc/os-release', { kind: 'symlink', layerIndex: 0, mode: 0o777, target: '../usr/lib/os-release' })
 * t.resolve('etc/os-release')?.path // 'usr/lib/os-release'
 * ```
 */
export class SquashedTree {
  readonly root: DirNode = { kind: 'dir', layerIndex: -1, mode: 0o755, children: new Map() }

  /**
   * Write a node at `path` in the layer `node.layerIndex`, creating missing parent
   * directories and replacing a non-directory parent. A directory written over a
   * directory keeps its children (layers merge).
   *
   * @param path root-relative, normalised
   * @param node the new node
   * @returns the node now stored at `path`
   */
  put(path: string, node: TreeNode): TreeNode {
    const segs = path.split('/')
    const name = segs.pop()!
    const dir = this.ensureDir(segs, node.layerIndex)
    const old = dir.children.get(name)
    if (node.kind === 'dir' && old?.kind === 'dir') {
      old.layerIndex = node.layerIndex
      old.mode = node.mode
      return old
    }
    dir.children.set(name, node)
    return node
  }

  /**
   * Apply a `.wh.<name>` whiteout: remove what lower layers put at `dir/name`.
   *
   * @param dir root-relative directory of the marker
   * @param name the whited-out name
   * @param layerIndex the marker's layer
   */
  whiteout(dir: string, name: string, layerIndex: number): void {
    const d = this.lookupDir(dir)
    const child = d?.children.get(name)
    if (!d || !child) return
    if (child.layerIndex < layerIndex) d.children.delete(name)
    else if (child.kind === 'dir') this.pruneLower(child, layerIndex)
  }

  /**
   * Apply an opaque marker (`.wh..wh..opq`): hide everything lower layers put under `dir`,
   * keeping what this layer wrote there.
   *
   * @param dir root-relative directory holding the marker
   * @param layerIndex the marker's layer
   */
  opaque(dir: string, layerIndex: number): void {
    const d = this.lookupDir(dir)
    if (d) this.pruneLower(d, layerIndex)
  }

  /**
   * Find a node without following a final symlink (intermediate ones are followed).
   *
   * @param path root-relative path
   * @returns the node and its real path, or undefined
   */
  lstat(path: string): { node: TreeNode; path: string } | undefined {
    return this.walk(path, false)
  }

  /**
   * Find a node following every symlink inside the root, loops cut after
   * {@link MAX_SYMLINK_HOPS} hops.
   *
   * @param path root-relative path (leading `/` allowed)
   * @returns the node and its real path, or undefined when absent or looping
   */
  resolve(path: string): { node: TreeNode; path: string } | undefined {
    return this.walk(path, true)
  }

  /**
   * Visit every non-directory node (and directories too when asked) with its real path.
   *
   * @param fn visitor
   * @param dirs also visit directories
   */
  forEach(fn: (path: string, node: TreeNode) => void, dirs = false): void {
    const visit = (d: DirNode, prefix: string) => {
      for (const [name, n] of d.children) {
        const p = prefix ? prefix + '/' + name : name
        if (n.kind === 'dir') {
          if (dirs) fn(p, n)
          visit(n, p)
        } else fn(p, n)
      }
    }
    visit(this.root, '')
  }

  private pruneLower(d: DirNode, layerIndex: number): void {
    for (const [name, child] of d.children) {
      if (child.layerIndex < layerIndex) d.children.delete(name)
      else if (child.kind === 'dir') this.pruneLower(child, layerIndex)
    }
  }

  private ensureDir(segs: string[], layerIndex: number): DirNode {
    let d = this.root
    for (const s of segs) {
      let c = d.children.get(s)
      if (!c || c.kind !== 'dir') {
        c = { kind: 'dir', layerIndex, mode: 0o755, children: new Map() }
        d.children.set(s, c)
      }
      d = c
    }
    return d
  }

  private lookupDir(dir: string): DirNode | undefined {
    let d = this.root
    for (const s of dir.split('/')) {
      if (!s) continue
      const c = d.children.get(s)
      if (!c || c.kind !== 'dir') return undefined
      d = c
    }
    return d
  }

  private walk(path: string, followFinal: boolean): { node: TreeNode; path: string } | undefined {
    let queue = joinInRoot('', path)
    let stack: DirNode[] = [this.root]
    let names: string[] = []
    let hops = 0
    while (queue.length) {
      const seg = queue.shift()!
      const cur = stack[stack.length - 1]!
      const child = cur.children.get(seg)
      if (!child) return undefined
      const last = queue.length === 0
      if (child.kind === 'symlink' && (!last || followFinal)) {
        if (++hops > MAX_SYMLINK_HOPS) return undefined
        queue = [...joinInRoot(names.join('/'), child.target), ...queue]
        stack = [this.root]
        names = []
        continue
      }
      if (last) return { node: child, path: [...names, seg].join('/') }
      if (child.kind !== 'dir') return undefined
      stack.push(child)
      names.push(seg)
    }
    return { node: this.root, path: '' }
  }
}
