import { createHash } from 'node:crypto'
import type { HashFactory } from './digest.ts'

/**
 * The Node {@link HashFactory}: node:crypto, several times faster than pure JS.
 *
 * @param algorithm sha256 or sha512
 * @returns a hasher
 * @example
 * ```ts
 * import { nodeHashFactory } from '@stowaway/pull'
 * const h = nodeHashFactory('sha256'); h.update(new Uint8Array([1])); h.hex()
 * ```
 */
export const nodeHashFactory: HashFactory = (algorithm) => {
  const h = createHash(algorithm)
  return { update: (b) => void h.update(b), hex: () => h.digest('hex') }
}
