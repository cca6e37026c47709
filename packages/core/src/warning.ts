/**
 * A non-fatal problem met while processing input: the stage skipped something and
 * went on. Warnings travel with results instead of being thrown.
 *
 * @example Collect warnings from a cataloger
 * ```ts
 * import type { Warning } from '@stowaway/core'
 * const w: Warning = { code: 'LIMIT_EXCEEDED', message: 'Cannot read "a.jar": entry exceeds 64 MiB', path: 'a.jar' }
 * ```
 */
export interface Warning {
  /** Same vocabulary as {@link StowawayError} codes. */
  code: string
  /** `Cannot <action>: <state>` */
  message: string
  /** File path inside the image, when the warning concerns one. */
  path?: string
  /** Layer digest, when known. */
  layer?: string
}
