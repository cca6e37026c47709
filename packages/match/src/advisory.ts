import type { Severity } from '@stowaway/core'
import type { OsvRange } from '@stowaway/version'

/**
 * One severity statement of an advisory: a CVSS vector (scored by our own code) or a
 * publisher's rating such as Debian's urgency or Alpine's none.
 *
 * @example
 * ```ts
 * import type { AdvisorySeverity } from '@stowaway/match'
 * const s: AdvisorySeverity = { type: 'CVSS_V3', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', score: 9.8 }
 * ```
 */
export interface AdvisorySeverity {
  /** `CVSS_V2`, `CVSS_V3`, `CVSS_V4`, or `RATING` for a publisher's own word. */
  type: string
  vector?: string
  score?: number
  /** Normalised level for `RATING` entries (and derived for vectors). */
  rating?: Severity
  /** Who said so (`osv`, `Debian`, `ecosystem_specific` …). */
  source?: string
}

/**
 * Which versions of one package an advisory concerns, in one ecosystem. Three
 * representations coexist because the feeds differ:
 * - `ranges` / `versions`: OSV events (ECOSYSTEM and SEMVER; GIT ranges are dropped at ingest);
 * - `native`: expressions in the scheme's own syntax (RubyGems `~> 1.2`, Composer
 *   `>=1.0,<1.2`, node-semver `^1.2`), evaluated with `rangeParserFor(scheme)`;
 *   the package is affected when ANY expression contains it, unless one of
 *   `nativeUnaffected` does.
 *
 * @example
 * ```ts
 * import type { AffectedPackage } from '@stowaway/match'
 * const a: AffectedPackage = { ecosystem: 'Alpine:v3.9', name: 'openssl', ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.1.1b-r1' }] }] }
 * ```
 */
export interface AffectedPackage {
  /** OSV ecosystem with release (`Alpine:v3.9`, `Debian:11`, `PyPI`). */
  ecosystem: string
  /** Package name as the feed writes it (source package for distros). */
  name: string
  purl?: string
  ranges?: OsvRange[]
  versions?: string[]
  /** Native-syntax affected expressions (any matches → affected). */
  native?: string[]
  /** Native-syntax expressions that exempt a version (patched or unaffected). */
  nativeUnaffected?: string[]
  /** Fixed versions for display when they are not visible in `ranges`. */
  fixed?: string[]
  /** Publisher status when no fix exists: `wont-fix` or `not-fixed`. */
  status?: 'not-fixed' | 'wont-fix'
  /** Publisher's per-package severity (OSV `ecosystem_specific` / `database_specific`). */
  severity?: AdvisorySeverity
  /** CPE 2.3 match criteria (NVD configurations; ecosystem `NVD`, name `vendor:product`). */
  cpe?: string
}

/**
 * The internal advisory record every source (OSV and native feeds) becomes.
 *
 * @example
 * ```ts
 * import type { Advisory } from '@stowaway/match'
 * const adv: Advisory = { id: 'CVE-2019-1543', aliases: [], affected: [], severities: [], references: [] }
 * ```
 */
export interface Advisory {
  id: string
  aliases: string[]
  related?: string[]
  summary?: string
  published?: string
  modified?: string
  /** Set for withdrawn records; such records never match. */
  withdrawn?: string
  severities: AdvisorySeverity[]
  references: string[]
  affected: AffectedPackage[]
}
