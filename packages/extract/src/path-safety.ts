/**
 * Normalise a tar entry name to a root-relative path: leading `/` and `./` dropped,
 * `.` segments removed, `..` applied lexically. Returns undefined when `..` would
 * climb above the root, so such entries can never escape it.
 *
 * @param name the archived name
 * @returns a path without leading slash (empty string for the root), or undefined
 * @example
 * ```ts
 * import { normalizeEntryPath } from '@stowaway/extract'
 * normalizeEntryPath('./usr/bin/../lib/') // 'usr/lib'
 * normalizeEntryPath('../../etc/passwd') // undefined
 * ```
 */
export function normalizeEntryPath(name: string): string | undefined {
  const out: string[] = []
  for (const seg of name.split('/')) {
    if (seg === '' || seg === '.') continue
    if (seg === '..') {
      if (!out.length) return undefined
      out.pop()
    } else out.push(seg)
  }
  return out.join('/')
}

/**
 * Join a symlink target onto the directory holding the link, inside the image root:
 * absolute targets start at the image root and `..` stops at the root, the way a
 * container (chroot) sees it.
 *
 * @param linkDir root-relative directory of the link (`''` for the root)
 * @param target the link's target as stored
 * @returns the root-relative path segments
 * @example
 * ```ts
 * import { joinInRoot } from '@stowaway/extract'
 * joinInRoot('etc', '../usr/lib/os-release') // ['usr', 'lib', 'os-release']
 * joinInRoot('a', '../../../../etc') // ['etc']
 * ```
 */
export function joinInRoot(linkDir: string, target: string): string[] {
  const out = target.startsWith('/') ? [] : linkDir.split('/').filter(Boolean)
  for (const seg of target.split('/')) {
    if (seg === '' || seg === '.') continue
    if (seg === '..') out.pop()
    else out.push(seg)
  }
  return out
}

/**
 * Join a root-relative path onto a host directory, refusing anything that would land
 * outside it (for callers who write extracted files to disk).
 *
 * @param root host directory, e.g. `/tmp/x`
 * @param path root-relative path from the image
 * @returns `root/path`, or undefined when the path is unsafe
 * @example
 * ```ts
 * import { safeJoin } from '@stowaway/extract'
 * safeJoin('/tmp/x', 'etc/os-release') // '/tmp/x/etc/os-release'
 * safeJoin('/tmp/x', '../etc/passwd') // undefined
 * ```
 */
export function safeJoin(root: string, path: string): string | undefined {
  if (path.includes('\0') || path.includes('\\')) return undefined
  const rel = normalizeEntryPath(path)
  if (rel === undefined || rel === '') return undefined
  return root.replace(/\/+$/, '') + '/' + rel
}
