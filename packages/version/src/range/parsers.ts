import type { SchemeId } from '../scheme.ts'
import { parseGenericRange } from './generic.ts'
import { parseMavenRange } from './maven.ts'
import { parseComposerRange } from './composer.ts'
import { parseSemverRange } from './semver.ts'
import { parseNuGetRange } from './nuget.ts'
import { parsePubRange } from './pub.ts'
import { parsePep440Range } from './pep440.ts'
import { parseRubyGemsRange } from './rubygems.ts'
import { parseApkRange } from './apk.ts'
import { parseCranRange } from './cran.ts'
import { parseHackageRange } from './hackage.ts'
import type { RangeParser } from './version-range.ts'

// Native range syntaxes, indexed by SchemeId; schemes whose tools have none use the
// generic comparator syntax.
const PARSERS: readonly RangeParser[] = [
  parseGenericRange, // dpkg
  parseGenericRange, // rpm
  parseApkRange, // apk
  parseSemverRange, // semver (npm)
  parseGenericRange, // go
  parsePep440Range, // pep440
  parseMavenRange, // maven
  parseRubyGemsRange, // rubygems
  parseNuGetRange, // nuget
  parseComposerRange, // composer
  parseCranRange, // cran
  parseHackageRange, // hackage
  parsePubRange, // pub
]

/**
 * The native range parser of a scheme.
 *
 * @param scheme scheme id
 * @returns its parser
 * @example
 * ```ts
 * import { rangeParserFor, Scheme } from '@stowaway/version'
 * const r = rangeParserFor(Scheme.Dpkg)('>= 1.0')
 * ```
 */
export function rangeParserFor(scheme: SchemeId): RangeParser {
  return PARSERS[scheme]!
}
