/**
 * The stable error codes every Stowaway stage may raise.
 *
 * Codes never change meaning once released; messages may be reworded.
 */
export type StowawayErrorCode =
  | 'INVALID_ARGUMENT'
  | 'INVALID_VERSION'
  | 'INVALID_RANGE'
  | 'UNSUPPORTED_ECOSYSTEM'
  | 'WASM_LOAD'
  | 'REGISTRY_AUTH'
  | 'REGISTRY_HTTP'
  | 'REGISTRY_NOT_FOUND'
  | 'NETWORK'
  | 'TIMEOUT'
  | 'ABORTED'
  | 'DIGEST_MISMATCH'
  | 'MANIFEST_INVALID'
  | 'PLATFORM_NOT_FOUND'
  | 'REFERENCE_INVALID'
  | 'ARCHIVE_INVALID'
  | 'LIMIT_EXCEEDED'
  | 'PATH_UNSAFE'
  | 'SBOM_INVALID'
  | 'DB_INVALID'
  | 'ADVISORY_INVALID'
  | 'NOT_FOUND'
  | 'UNSUPPORTED'

/**
 * The one error class Stowaway throws for expected failures. `code` is stable and
 * machine-readable; `message` follows the grammar `Cannot <action>: <state>`.
 *
 * @example Distinguish a digest mismatch from other failures
 * ```ts
 * import { StowawayError } from '@stowaway/core'
 * try {
 *   throw new StowawayError('DIGEST_MISMATCH', 'Cannot verify blob: digest "sha256:ab" does not match')
 * } catch (e) {
 *   if (e instanceof StowawayError && e.code === 'DIGEST_MISMATCH') console.log('tampered')
 * }
 * ```
 */
export class StowawayError extends Error {
  /** Stable machine-readable code. */
  readonly code: StowawayErrorCode
  /** Optional structured details (digest, url, limit …). */
  readonly details?: Record<string, unknown>

  /**
   * @param code stable error code
   * @param message human message, `Cannot <action>: <state>`
   * @param options standard `cause` plus optional `details`
   */
  constructor(
    code: StowawayErrorCode,
    message: string,
    options?: { cause?: unknown; details?: Record<string, unknown> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'StowawayError'
    this.code = code
    if (options?.details) this.details = options.details
  }
}

/**
 * Type guard for {@link StowawayError}, optionally narrowed to one code.
 *
 * @param e any thrown value
 * @param code optional code to match
 * @returns whether `e` is a StowawayError (with that code)
 * @example Check for an auth failure
 * ```ts
 * import { isStowawayError } from '@stowaway/core'
 * const failed = (e: unknown) => isStowawayError(e, 'REGISTRY_AUTH')
 * ```
 */
export function isStowawayError(e: unknown, code?: StowawayErrorCode): e is StowawayError {
  return e instanceof StowawayError && (code === undefined || e.code === code)
}
