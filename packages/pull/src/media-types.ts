/**
 * Media types of the manifests and blobs the pull stage understands.
 *
 * @example Accept header for a manifest request
 * ```ts
 * import { MANIFEST_ACCEPT } from '@stowaway/pull'
 * const headers = { Accept: MANIFEST_ACCEPT.join(', ') }
 * ```
 */
export const MediaTypes = {
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar',
  ociLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  ociLayerZstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayer: 'application/vnd.docker.image.rootfs.diff.tar',
  dockerLayerGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  dockerSchema1: 'application/vnd.docker.distribution.manifest.v1+json',
  dockerSchema1Signed: 'application/vnd.docker.distribution.manifest.v1+prettyjws',
} as const

/**
 * Manifest media types sent in `Accept`, most specific first. Schema 1 is left out on
 * purpose: a registry that only has schema 1 answers 404/406 and we report it, instead of
 * silently reading a format without diffIDs.
 *
 * @example
 * ```ts
 * import { MANIFEST_ACCEPT } from '@stowaway/pull'
 * MANIFEST_ACCEPT.includes('application/vnd.oci.image.index.v1+json') // true
 * ```
 */
export const MANIFEST_ACCEPT: readonly string[] = [
  MediaTypes.ociIndex,
  MediaTypes.ociManifest,
  MediaTypes.dockerManifestList,
  MediaTypes.dockerManifest,
]

/**
 * Whether a media type names a multi-platform index (OCI index or Docker manifest list).
 *
 * @param mediaType the media type
 * @returns true for index types
 * @example
 * ```ts
 * import { isIndexMediaType } from '@stowaway/pull'
 * isIndexMediaType('application/vnd.oci.image.index.v1+json') // true
 * ```
 */
export function isIndexMediaType(mediaType: string | undefined): boolean {
  return mediaType === MediaTypes.ociIndex || mediaType === MediaTypes.dockerManifestList
}
