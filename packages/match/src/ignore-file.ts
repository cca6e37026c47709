import { parse as parseYaml } from 'yaml'
import { StowawayError } from '@stowaway/core'

/**
 * One rule of `.stowaway-ignore.yaml`.
 *
 * @example
 * ```ts
 * import type { IgnoreRule } from '@stowaway/match'
 * const r: IgnoreRule = { id: 'CVE-2019-1543', package: 'openssl', reason: 'not reachable', expires: '2027-01-01' }
 * ```
 */
export interface IgnoreRule {
  /** Advisory id or any of its aliases. */
  id: string
  /** Package name or purl prefix; absent = every package. */
  package?: string
  reason?: string
  /** `YYYY-MM-DD`; from that day on the rule no longer ignores. */
  expires?: string
}

/**
 * Read `.stowaway-ignore.yaml`:
 * ```yaml
 * ignore:
 *   - id: CVE-2019-1543
 *     package: openssl
 *     reason: not reachable from our code
 *     expires: 2027-01-01
 * ```
 *
 * @param text YAML text
 * @returns the rules
 * @throws {StowawayError} `INVALID_ARGUMENT` for a rule without an id or a bad date
 * @example
 * ```ts
 * import { parseIgnoreFile } from '@stowaway/match'
 * parseIgnoreFile('ignore:\n  - id: CVE-1\n')[0].id // 'CVE-1'
 * ```
 */
export function parseIgnoreFile(text: string): IgnoreRule[] {
  const doc = parseYaml(text) as { ignore?: unknown } | null
  const list = doc?.ignore
  if (list === undefined || list === null) return []
  if (!Array.isArray(list)) throw new StowawayError('INVALID_ARGUMENT', 'Cannot read ignore file: "ignore" is not a list')
  return list.map((r: Record<string, unknown>, i) => {
    if (!r || typeof r.id !== 'string') throw new StowawayError('INVALID_ARGUMENT', `Cannot read ignore file: rule ${i + 1} has no "id"`)
    const rule: IgnoreRule = { id: r.id }
    if (typeof r.package === 'string') rule.package = r.package
    if (typeof r.reason === 'string') rule.reason = r.reason
    if (r.expires !== undefined) {
      const e = r.expires instanceof Date ? r.expires.toISOString().slice(0, 10) : String(r.expires)
      if (!/^\d{4}-\d{2}-\d{2}/.test(e) || Number.isNaN(Date.parse(e))) {
        throw new StowawayError('INVALID_ARGUMENT', `Cannot read ignore file: rule ${i + 1} expires "${e}" is not a YYYY-MM-DD date`)
      }
      rule.expires = e.slice(0, 10)
    }
    return rule
  })
}
