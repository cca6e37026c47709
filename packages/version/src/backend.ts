import type { SchemeId } from './scheme.ts'
import type { CompareCode } from './result.ts'
import type { CoreExports } from './wasm/exports.ts'

/**
 * The operations both implementations (TypeScript reference and WASM core) provide.
 * Range and OSV evaluation are written once on top of this interface.
 *
 * @example Compare many pairs in one call
 * ```ts
 * import { referenceBackend, Scheme } from '@stowaway/version'
 * const r = referenceBackend.compareMany(Scheme.Dpkg, ['1.0', '2.0'], ['1.0', '1.0']) // Int8Array [0, 1]
 * ```
 */
export interface VersionBackend {
  /** `ts` for the reference implementation, `wasm` for the compiled core. */
  readonly kind: 'ts' | 'wasm'
  /** -1/0/1, or 2 (left invalid) / 3 (right invalid). */
  compare(scheme: SchemeId, a: string, b: string): CompareCode
  /** Pairwise compare of `a[i]` with `b[i]`, same codes as {@link VersionBackend.compare}. */
  compareMany(scheme: SchemeId, a: readonly string[], b: readonly string[]): Int8Array
  /** Whether the scheme's native tool accepts `v`. */
  valid(scheme: SchemeId, v: string): boolean
  /** {@link VersionBackend.valid} for many strings: 1 valid, 0 invalid. */
  validMany(scheme: SchemeId, vs: readonly string[]): Uint8Array
  /** The raw WASM exports behind a `wasm` backend (the match stage's bulk path uses them). */
  readonly core?: CoreExports
}
