import { globToRegExp } from './file-tree.ts'

/**
 * Decides, per tar entry, whether a path was requested and with which size limit.
 * Literal patterns are a set lookup; globs are pre-filtered by their last segment.
 *
 * @example
 * ```ts
 * import { PathMatcher } from '@stowaway/extract'
 * const m = new PathMatcher(['var/lib/dpkg/status', '**\/*.jar'], 1024)
 * m.limitFor('opt/app/x.jar') // 1024
 * m.limitFor('etc/passwd') // undefined
 * ```
 */
export class PathMatcher {
  private readonly literals = new Map<string, number>()
  private readonly globs: { re: RegExp; base?: string; suffix?: string; limit: number }[] = []

  /**
   * @param patterns globs relative to the image root
   * @param defaultLimit byte limit for patterns without their own
   * @param limits per-pattern limits
   */
  constructor(patterns: Iterable<string>, defaultLimit: number, limits: Record<string, number> = {}) {
    for (const raw of patterns) {
      const p = raw.replace(/^\/+/, '')
      const limit = limits[raw] ?? limits[p] ?? defaultLimit
      if (!/[*?]/.test(p)) {
        this.literals.set(p, Math.max(limit, this.literals.get(p) ?? 0))
        continue
      }
      const last = p.slice(p.lastIndexOf('/') + 1)
      const g: { re: RegExp; base?: string; suffix?: string; limit: number } = { re: globToRegExp(p), limit }
      if (!/[*?]/.test(last)) g.base = last
      else if (/^\*[^*?]+$/.test(last)) g.suffix = last.slice(1)
      this.globs.push(g)
    }
  }

  /** Whether any literal pattern exists (aliases through symlinks are only tried for those). */
  get hasLiterals(): boolean {
    return this.literals.size > 0
  }

  /**
   * The byte limit for a requested literal path.
   *
   * @param path root-relative path
   * @returns the limit, or undefined when no literal pattern names it
   */
  literalLimit(path: string): number | undefined {
    return this.literals.get(path)
  }

  /**
   * The byte limit of the most generous pattern matching `path`.
   *
   * @param path root-relative path
   * @returns the limit, or undefined when the path was not requested
   */
  limitFor(path: string): number | undefined {
    let best = this.literals.get(path)
    if (this.globs.length) {
      const base = path.slice(path.lastIndexOf('/') + 1)
      for (const g of this.globs) {
        if (g.base !== undefined && g.base !== base) continue
        if (g.suffix !== undefined && !base.endsWith(g.suffix)) continue
        if (g.re.test(path) && (best === undefined || g.limit > best)) best = g.limit
      }
    }
    return best
  }
}
