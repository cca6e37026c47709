import { StowawayError } from '@stowaway/core'
import type { ContentStore } from './content-store.ts'
import { nobleHashFactory, parseDigest, verifyBytes, digestBytes, type HashFactory } from './digest.ts'
import { formatReference, type ImageReference } from './reference.ts'
import { RegistryClient } from './registry-client.ts'

/**
 * A {@link ContentStore} over a registry repository. The root manifest is verified
 * against the digest in the reference, else against `Docker-Content-Digest`, else its
 * digest is computed.
 *
 * @param client a client for the reference's registry
 * @param ref the parsed reference
 * @param hash hash factory
 * @returns the store
 * @example
 * ```ts
 * import { RegistryClient, registryStore, parseReference, resolveImage } from '@stowaway/pull'
 * const ref = parseReference('localhost:5000/fixtures/debian-app:latest')
 * const image = await resolveImage(registryStore(new RegistryClient(ref.registry), ref), 'localhost:5000/fixtures/debian-app')
 * ```
 */
export function registryStore(client: RegistryClient, ref: ImageReference, hash: HashFactory = nobleHashFactory): ContentStore {
  const name = formatReference(ref)
  return {
    name: `"${name}"`,
    async root(signal) {
      const got = await client.getManifest(ref.repository, ref.digest ?? ref.tag!, signal)
      let digest: string
      if (ref.digest) {
        verifyBytes(got.bytes, ref.digest, 'manifest', hash)
        digest = ref.digest
      } else if (got.digest) {
        try {
          parseDigest(got.digest)
        } catch (e) {
          throw new StowawayError('MANIFEST_INVALID', `Cannot verify manifest of "${name}": Docker-Content-Digest "${got.digest}" is invalid`, { cause: e })
        }
        verifyBytes(got.bytes, got.digest, 'manifest', hash)
        digest = got.digest
      } else digest = digestBytes(got.bytes, 'sha256', hash)
      return { bytes: got.bytes, digest, ...(got.mediaType ? { mediaType: got.mediaType } : {}) }
    },
    async manifest(desc, signal) {
      const got = await client.getManifest(ref.repository, desc.digest, signal)
      return { bytes: got.bytes, ...(got.mediaType ? { mediaType: got.mediaType } : {}) }
    },
    blob: (desc, signal) => client.openBlob(ref.repository, desc, signal),
  }
}
