import { setDefaultWasmSource } from './active-backend.ts'

export { Scheme, SCHEME_COUNT, SCHEME_NAMES, schemeForEcosystem, findSchemeForEcosystem } from './scheme.ts'
export type { SchemeId } from './scheme.ts'
export { CompareResult } from './result.ts'
export type { CompareCode } from './result.ts'
export type { VersionBackend } from './backend.ts'
export { referenceBackend } from './reference/backend.ts'
export { createWasmBackend } from './wasm/backend.ts'
export { instantiateCore, instantiateCoreSync } from './wasm/instantiate.ts'
export type { CoreExports } from './wasm/exports.ts'
export type { WasmSource, DefaultWasmSource } from './wasm/source.ts'
export { initVersionCore, initVersionCoreSync, getVersionBackend, useVersionBackend, setDefaultWasmSource } from './active-backend.ts'
export { compareVersions, compareVersionsBulk, isValidVersion } from './compare.ts'
export type { CompareOptions } from './compare.ts'
export { satisfies, evaluateOsvAffected } from './satisfies.ts'
export { evaluateOsv } from './osv.ts'
export type { OsvEvent, OsvRange, OsvAffectedRanges, OsvEvaluation } from './osv.ts'
export { parseGenericRange } from './range/generic.ts'
export { parseSemverRange, createSemverRangeParser, normalizeSemver } from './range/semver.ts'
export type { SemverRangeOptions } from './range/semver.ts'
export { parseNuGetRange } from './range/nuget.ts'
export { parsePubRange } from './range/pub.ts'
export { rangeParserFor } from './range/parsers.ts'
export { parseApkRange } from './range/apk.ts'
export { parsePep440Range, createPep440RangeParser } from './range/pep440.ts'
export type { Pep440RangeOptions } from './range/pep440.ts'
export { parseMavenRange } from './range/maven.ts'
export { parseRubyGemsRange } from './range/rubygems.ts'
export { parseComposerRange } from './range/composer.ts'
export { parseCranRange } from './range/cran.ts'
export { parseHackageRange } from './range/hackage.ts'
export type { VersionRange, RangeParser, BoundCompare } from './range/version-range.ts'
export type { Comparator, Operator } from './range/comparator.ts'

/**
 * URL of the release `.wasm` next to this package (`<pkg>/wasm/`). The same relative
 * path holds from `src/` and `dist/`, and bundlers recognise the pattern.
 */
export const WASM_URL: URL = new URL('../wasm/stowaway-version.wasm', import.meta.url)

setDefaultWasmSource(() => WASM_URL)
export { sortKey } from './keys/sort-key.ts'
export { compareKeys } from './keys/compare-keys.ts'
export { createWasmKeys } from './keys/wasm-keys.ts'
export type { WasmKeys, KeyCoreExports } from './keys/wasm-keys.ts'
