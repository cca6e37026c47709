import { StowawayError } from '@stowaway/core'
import { getVersionBackend } from './active-backend.ts'
import type { CompareOptions } from './compare.ts'
import { evaluateOsv } from './osv.ts'
import type { OsvAffectedRanges, OsvEvaluation, OsvRange } from './osv.ts'
import { rangeParserFor } from './range/parsers.ts'
import { schemeForEcosystem } from './scheme.ts'

/**
 * Whether a version lies in a range: either the ecosystem's native range syntax (npm
 * ranges, PEP 440 specifiers, Maven `[1.0,2.0)`, RubyGems `~>`, Composer constraints,
 * NuGet intervals; comparator lists such as `>= 1.0, << 2.0` elsewhere) or OSV ranges.
 *
 * @param ecosystem OSV ecosystem or scheme name
 * @param version the version under test
 * @param range native range string, one OSV range, a list of them, or an OSV
 *   `affected[]` entry (`{ ranges, versions }`)
 * @param options optional backend
 * @returns true when inside the range
 * @throws {StowawayError} `INVALID_RANGE` on bad range syntax; `INVALID_VERSION` when
 *   the version is invalid; `UNSUPPORTED` when OSV ranges cannot be evaluated (GIT only)
 * @example
 * ```ts
 * import { satisfies } from '@stowaway/version'
 * satisfies('npm', '1.2.3', '^1.0.0') // true
 * satisfies('Debian:12', '1.0-1', { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.0-2' }] }) // true
 * ```
 */
export function satisfies(
  ecosystem: string,
  version: string,
  range: string | OsvRange | readonly OsvRange[] | OsvAffectedRanges,
  options?: CompareOptions,
): boolean {
  const scheme = schemeForEcosystem(ecosystem)
  const backend = options?.backend ?? getVersionBackend()
  if (backend.compare(scheme, version, version) === 2) {
    throw new StowawayError('INVALID_VERSION', `Cannot test range: "${version}" is not a valid ${ecosystem} version`)
  }
  if (typeof range === 'string') {
    return rangeParserFor(scheme)(range).test(version, (a, b) => backend.compare(scheme, a, b))
  }
  const r = evaluateOsvAffected(ecosystem, version, range, options)
  if (r.status === 'not-evaluable') throw new StowawayError('UNSUPPORTED', `Cannot test range: ${r.reason}`)
  return r.status === 'affected'
}

/**
 * Evaluate OSV ranges without throwing: the verdict says when they cannot be evaluated.
 *
 * @param ecosystem OSV ecosystem or scheme name
 * @param version installed version
 * @param range one OSV range, a list, or an `affected[]` entry
 * @param options optional backend
 * @returns the verdict, with the matching range index
 * @example
 * ```ts
 * import { evaluateOsvAffected } from '@stowaway/version'
 * evaluateOsvAffected('Go', 'v1.2.0', { ranges: [{ type: 'GIT', repo: 'x', events: [{ introduced: '0' }] }] }).status
 * // 'not-evaluable'
 * ```
 */
export function evaluateOsvAffected(
  ecosystem: string,
  version: string,
  range: OsvRange | readonly OsvRange[] | OsvAffectedRanges,
  options?: CompareOptions,
): OsvEvaluation {
  const affected: OsvAffectedRanges = Array.isArray(range)
    ? { ranges: range as OsvRange[] }
    : 'events' in (range as object)
      ? { ranges: [range as OsvRange] }
      : (range as OsvAffectedRanges)
  return evaluateOsv(schemeForEcosystem(ecosystem), version, affected, options?.backend ?? getVersionBackend())
}
