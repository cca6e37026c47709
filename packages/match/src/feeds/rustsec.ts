import type { Advisory, AffectedPackage } from '../advisory.ts'
import { firstLine } from '../osv-record.ts'
import { scoreSeverity } from '../severity.ts'
import type { FeedResult } from './feed-result.ts'
import { parseTomlLite } from './toml-lite.ts'
import type { TomlValue } from './toml-lite.ts'

/**
 * Translate a Cargo version requirement (`>= 1.2, < 2`, bare `1.2.3` meaning
 * `^1.2.3`) into node-semver syntax, which the semver scheme's range parser reads.
 *
 * @param req one Cargo requirement
 * @returns the equivalent node-semver range
 * @example
 * ```ts
 * import { cargoToNodeSemver } from '@stowaway/match'
 * cargoToNodeSemver('>= 0.9.4, < 0.10') // '>=0.9.4 <0.10'
 * ```
 */
export function cargoToNodeSemver(req: string): string {
  return req
    .split(',')
    .map((p) => p.trim().replace(/\s+/g, ''))
    .filter((p) => p.length > 0)
    .map((p) => (/^\d/.test(p) ? '^' + p : p))
    .join(' ')
}

function list(v: TomlValue | undefined): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
}

/**
 * Whether a text is a RustSec advisory (Markdown with a ```toml front matter).
 *
 * @param text file text
 * @returns true when it opens with a toml fence holding `[advisory]`
 * @example
 * ```ts
 * import { isRustSec } from '@stowaway/match'
 * isRustSec('```toml\n[advisory]\nid = "RUSTSEC-2016-0002"\n```') // true
 * ```
 */
export function isRustSec(text: string): boolean {
  return /^\s*```toml\s*\n\s*\[advisory\]/.test(text)
}

/**
 * Read a RustSec advisory: `[advisory]` (id, package, aliases, related, cvss,
 * withdrawn, informational) and `[versions]` (patched / unaffected Cargo
 * requirements). The crate is affected unless a patched or unaffected requirement
 * contains the version — stored as native semver expressions.
 *
 * @param text the Markdown file
 * @returns one advisory, or the reason it was skipped
 * @example
 * ```ts
 * import { parseRustSec } from '@stowaway/match'
 * const r = parseRustSec('```toml\n[advisory]\nid = "RUSTSEC-1"\npackage = "hyper"\n[versions]\npatched = [">= 0.9.4"]\n```\n# Title\n')
 * r.advisories[0].affected[0].nativeUnaffected // ['>=0.9.4']
 * ```
 */
export function parseRustSec(text: string): FeedResult {
  const m = /```toml\s*\n([\s\S]*?)\n```/.exec(text)
  if (!m) return { format: 'rustsec', advisories: [], skipped: ['RustSec file without TOML front matter'] }
  const toml = parseTomlLite(m[1]!)
  const a = (toml.advisory ?? {}) as Record<string, TomlValue>
  const v = (toml.versions ?? {}) as Record<string, TomlValue>
  const id = typeof a.id === 'string' ? a.id : undefined
  const pkg = typeof a.package === 'string' ? a.package : undefined
  if (!id || !pkg) return { format: 'rustsec', advisories: [], skipped: ['RustSec advisory without id or package'] }
  if (a.withdrawn) return { format: 'rustsec', advisories: [], skipped: ['withdrawn'] }
  const patched = list(v.patched)
  const unaffected = list(v.unaffected)
  const entry: AffectedPackage = { ecosystem: 'crates.io', name: pkg, nativeUnaffected: [...patched, ...unaffected].map(cargoToNodeSemver) }
  if (patched.length) entry.fixed = patched
  else entry.status = 'not-fixed'
  // No exemptions at all: every version is affected.
  if (entry.nativeUnaffected!.length === 0) entry.ranges = [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }]
  const title = /^#\s+(.+)$/m.exec(text.slice(m.index + m[0].length))
  const adv: Advisory = {
    id,
    aliases: list(a.aliases),
    severities: typeof a.cvss === 'string' ? [scoreSeverity(a.cvss.startsWith('CVSS:4') ? 'CVSS_V4' : 'CVSS_V3', a.cvss, 'RustSec')] : [],
    references: [`https://rustsec.org/advisories/${id}.html`, ...(typeof a.url === 'string' ? [a.url] : [])],
    affected: [entry],
  }
  const related = list(a.related)
  if (related.length) adv.related = related
  if (title) adv.summary = firstLine(title[1]!)
  if (typeof a.informational === 'string') adv.summary = `[${a.informational}] ${adv.summary ?? ''}`.trim()
  if (typeof a.date === 'string') adv.published = a.date
  return { format: 'rustsec', advisories: [adv], skipped: [] }
}
