import type { Advisory, AffectedPackage } from '../advisory.ts'
import type { FeedResult } from './feed-result.ts'

/**
 * Whether a parsed YAML document is a FriendsOfPHP security advisory.
 *
 * @param doc parsed YAML
 * @returns true for `{ reference: 'composer://…', branches: {…} }`
 * @example
 * ```ts
 * import { isFriendsOfPhp } from '@stowaway/match'
 * isFriendsOfPhp({ reference: 'composer://twig/twig', branches: {} }) // true
 * ```
 */
export function isFriendsOfPhp(doc: unknown): boolean {
  const d = doc as Record<string, unknown> | null
  return !!d && typeof d === 'object' && typeof d.reference === 'string' && d.reference.startsWith('composer://') && typeof d.branches === 'object'
}

/**
 * Read a FriendsOfPHP advisory: each branch's `versions` constraints (and-ed) become
 * one native Composer expression; the package is affected when any branch contains
 * the version. The id is the CVE when there is one, else `FOP-<vendor>/<package>/<file>`.
 *
 * @param doc parsed YAML
 * @param fileName base name of the file, for the fallback id
 * @returns one advisory or a skip reason
 * @example
 * ```ts
 * import { parseFriendsOfPhp } from '@stowaway/match'
 * const r = parseFriendsOfPhp({ title: 't', cve: null, reference: 'composer://twig/twig', branches: { '1.x': { versions: ['>=1.0.0', '<1.12.3'] } } }, '2013-04-08.yaml')
 * r.advisories[0].affected[0].native // ['>=1.0.0,<1.12.3']
 * ```
 */
export function parseFriendsOfPhp(doc: unknown, fileName: string): FeedResult {
  const d = doc as Record<string, unknown>
  const name = (d.reference as string).slice('composer://'.length)
  const native: string[] = []
  const fixed: string[] = []
  for (const b of Object.values((d.branches ?? {}) as Record<string, { versions?: unknown }>)) {
    const vs = Array.isArray(b?.versions) ? b.versions.map(String) : typeof b?.versions === 'string' ? [b.versions] : []
    if (vs.length === 0) continue
    native.push(vs.join(','))
    const upper = vs.find((v) => v.startsWith('<') && !v.startsWith('<='))
    if (upper) fixed.push(upper.slice(1).trim())
  }
  if (native.length === 0) return { format: 'friendsofphp', advisories: [], skipped: ['advisory without branch version constraints'] }
  const cve = typeof d.cve === 'string' && d.cve.startsWith('CVE-') ? d.cve : undefined
  const entry: AffectedPackage = { ecosystem: 'Packagist', name, native }
  if (fixed.length) entry.fixed = fixed
  const adv: Advisory = {
    id: cve ?? `FOP-${name}/${fileName.replace(/\.ya?ml$/, '')}`,
    aliases: [],
    severities: [],
    references: typeof d.link === 'string' ? [d.link] : [],
    affected: [entry],
  }
  if (typeof d.title === 'string') adv.summary = d.title
  return { format: 'friendsofphp', advisories: [adv], skipped: [] }
}
