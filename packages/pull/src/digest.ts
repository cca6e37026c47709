import { StowawayError } from '@stowaway/core'
import { sha256, sha512 } from '@noble/hashes/sha2.js'

/**
 * Digest algorithms the OCI image spec registers and we verify.
 *
 * @example
 * ```ts
 * const a: DigestAlgorithm = 'sha512'
 * ```
 */
export type DigestAlgorithm = 'sha256' | 'sha512'

/**
 * An incremental hash: feed bytes, then read the lowercase hex digest once.
 *
 * @example
 * ```ts
 * const h: Hasher = nobleHashFactory('sha256')
 * h.update(new Uint8Array([1]))
 * h.hex()
 * ```
 */
export interface Hasher {
  update(bytes: Uint8Array): void
  /** Lowercase hex of the digest; call once, after the last update. */
  hex(): string
}

/**
 * Creates incremental hashers. Core code defaults to @noble/hashes (pure JS, works
 * everywhere); Node injects `node:crypto` because it is several times faster.
 * @example
 * ```ts
 * const f: HashFactory = nobleHashFactory
 * ```
 */
export type HashFactory = (algorithm: DigestAlgorithm) => Hasher

const HEX_LEN: Record<DigestAlgorithm, number> = { sha256: 64, sha512: 128 }

const toHex = (b: Uint8Array) => {
  let s = ''
  for (let i = 0; i < b.length; i++) s += b[i]!.toString(16).padStart(2, '0')
  return s
}

/**
 * The browser-safe {@link HashFactory} (crypto.subtle cannot hash incrementally).
 *
 * @param algorithm sha256 or sha512
 * @returns a fresh hasher
 * @example
 * ```ts
 * import { nobleHashFactory } from '@stowaway/pull'
 * const h = nobleHashFactory('sha256'); h.update(new Uint8Array()); h.hex()
 * ```
 */
export const nobleHashFactory: HashFactory = (algorithm) => {
  const h = algorithm === 'sha512' ? sha512.create() : sha256.create()
  return {
    update: (bytes) => void h.update(bytes),
    hex: () => toHex(h.digest()),
  }
}

/**
 * A parsed `algorithm:hex` digest.
 *
 * @example
 * ```ts
 * const p: ParsedDigest = parseDigest('sha256:' + '0'.repeat(64))
 * ```
 */
export interface ParsedDigest {
  algorithm: DigestAlgorithm
  hex: string
}

/**
 * Parse and validate an OCI digest string; only algorithms we can verify are accepted.
 *
 * @param digest e.g. `sha256:e3b0…`
 * @returns algorithm and hex
 * @throws StowawayError `REFERENCE_INVALID` for malformed or unsupported digests
 * @example
 * ```ts
 * import { parseDigest } from '@stowaway/pull'
 * parseDigest('sha256:' + 'a'.repeat(64)).algorithm // 'sha256'
 * ```
 */
export function parseDigest(digest: string): ParsedDigest {
  const m = /^([a-z0-9]+(?:[+._-][a-z0-9]+)*):([a-zA-Z0-9=_-]+)$/.exec(digest)
  if (!m) throw new StowawayError('REFERENCE_INVALID', `Cannot parse digest: "${digest}" is not algorithm:encoded`)
  const algorithm = m[1] as DigestAlgorithm
  if (algorithm !== 'sha256' && algorithm !== 'sha512') {
    throw new StowawayError('UNSUPPORTED', `Cannot verify digest: algorithm "${m[1]}" of "${digest}" is not supported`)
  }
  const hex = m[2]!
  if (hex.length !== HEX_LEN[algorithm] || !/^[a-f0-9]+$/.test(hex)) {
    throw new StowawayError('REFERENCE_INVALID', `Cannot parse digest: "${digest}" is not a valid ${algorithm} digest`)
  }
  return { algorithm, hex }
}

/**
 * Digest of bytes already in memory (manifests, configs).
 *
 * @param bytes content
 * @param algorithm sha256 (default) or sha512
 * @param hash hash factory (defaults to @noble/hashes)
 * @returns `algorithm:hex`
 * @example
 * ```ts
 * import { digestBytes } from '@stowaway/pull'
 * digestBytes(new Uint8Array()) // 'sha256:e3b0c442…'
 * ```
 */
export function digestBytes(bytes: Uint8Array, algorithm: DigestAlgorithm = 'sha256', hash: HashFactory = nobleHashFactory): string {
  const h = hash(algorithm)
  h.update(bytes)
  return `${algorithm}:${h.hex()}`
}

/**
 * Check in-memory content against its digest (and size when given).
 *
 * @param bytes content
 * @param digest expected digest
 * @param what what the content is, for the message (`manifest`, `config` …)
 * @param hash hash factory
 * @param size expected size, when the descriptor has one
 * @throws StowawayError `DIGEST_MISMATCH` naming the digest
 * @example
 * ```ts
 * import { verifyBytes } from '@stowaway/pull'
 * verifyBytes(new Uint8Array(), 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'blob')
 * ```
 */
export function verifyBytes(bytes: Uint8Array, digest: string, what: string, hash: HashFactory = nobleHashFactory, size?: number): void {
  const { algorithm } = parseDigest(digest)
  if (size !== undefined && size >= 0 && bytes.byteLength !== size) {
    throw new StowawayError('DIGEST_MISMATCH', `Cannot verify ${what} "${digest}": got ${bytes.byteLength} bytes, descriptor says ${size}`, {
      details: { digest, size, actualSize: bytes.byteLength },
    })
  }
  const actual = digestBytes(bytes, algorithm, hash)
  if (actual !== digest) {
    throw new StowawayError('DIGEST_MISMATCH', `Cannot verify ${what} "${digest}": content hashes to "${actual}"`, {
      details: { digest, actual },
    })
  }
}
