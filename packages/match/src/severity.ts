import type { Severity } from '@stowaway/core'
import { SEVERITIES } from '@stowaway/core'
import type { AdvisorySeverity } from './advisory.ts'
import { scoreCvss2, scoreCvss3 } from './cvss.ts'
import { scoreCvss4 } from './cvss4.ts'

const WORDS: Record<string, Severity> = {
  critical: 'CRITICAL',
  important: 'HIGH',
  high: 'HIGH',
  moderate: 'MEDIUM',
  medium: 'MEDIUM',
  low: 'LOW',
  negligible: 'NEGLIGIBLE',
  'unimportant': 'NEGLIGIBLE',
  none: 'NEGLIGIBLE',
  informational: 'NEGLIGIBLE',
  unknown: 'UNKNOWN',
  'not yet assigned': 'UNKNOWN',
}

/**
 * Map a publisher's severity word (GHSA `MODERATE`, Red Hat `Important`, Debian
 * `unimportant`, AlmaLinux `Moderate`) to the normalised scale.
 *
 * @param word rating as published
 * @returns the normalised severity, `UNKNOWN` for words we do not know
 * @example
 * ```ts
 * import { normaliseRating } from '@stowaway/match'
 * normaliseRating('Important') // 'HIGH'
 * ```
 */
export function normaliseRating(word: string): Severity {
  return WORDS[word.trim().toLowerCase()] ?? 'UNKNOWN'
}

/**
 * Score a severity statement from its vector, keeping a published score when there
 * is no vector we can compute.
 *
 * @param type `CVSS_V2`, `CVSS_V3`, `CVSS_V4` or `RATING`
 * @param value the vector (or the rating word for `RATING`)
 * @param source who published it
 * @returns the statement with `score` and `rating` filled where computable
 * @example
 * ```ts
 * import { scoreSeverity } from '@stowaway/match'
 * scoreSeverity('CVSS_V3', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H').rating // 'CRITICAL'
 * ```
 */
export function scoreSeverity(type: string, value: string, source?: string): AdvisorySeverity {
  const base: AdvisorySeverity = { type, ...(source ? { source } : {}) }
  if (type === 'RATING') return { ...base, rating: normaliseRating(value) }
  base.vector = value
  const s = type === 'CVSS_V3' ? scoreCvss3(value) : type === 'CVSS_V4' ? scoreCvss4(value) : type === 'CVSS_V2' ? scoreCvss2(value) : undefined
  if (s) {
    base.score = s.score
    base.rating = s.rating
  }
  return base
}

/**
 * The severity a finding shows: the publisher's own rating for the package's
 * ecosystem when there is one (distros rate for their build), else the highest
 * CVSS v3/v4 rating, else v2, else `UNKNOWN`.
 *
 * @param list severity statements, package-specific first
 * @returns the chosen severity
 * @example
 * ```ts
 * import { pickSeverity } from '@stowaway/match'
 * pickSeverity([{ type: 'RATING', rating: 'MEDIUM' }, { type: 'CVSS_V3', score: 9.8, rating: 'CRITICAL' }]) // 'MEDIUM'
 * ```
 */
export function pickSeverity(list: readonly AdvisorySeverity[]): Severity {
  const rated = list.find((s) => s.type === 'RATING' && s.rating && s.rating !== 'UNKNOWN')
  if (rated) return rated.rating!
  const best = (types: string[]): Severity | undefined => {
    let r: Severity | undefined
    for (const s of list) {
      if (!types.includes(s.type) || !s.rating) continue
      if (r === undefined || SEVERITIES.indexOf(s.rating) < SEVERITIES.indexOf(r)) r = s.rating
    }
    return r
  }
  return best(['CVSS_V3', 'CVSS_V4']) ?? best(['CVSS_V2']) ?? 'UNKNOWN'
}
