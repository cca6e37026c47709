import type { CompareCode } from '../result.ts'

/**
 * What each scheme's TypeScript reference implementation provides. The WASM core
 * exports the same two operations per scheme.
 */
export interface SchemeImpl {
  /** Compare two versions: -1/0/1, or 2 (left invalid) / 3 (right invalid). */
  compare(a: string, b: string): CompareCode
  /** Whether the scheme's native tool accepts the version as well-formed. */
  valid(v: string): boolean
}
