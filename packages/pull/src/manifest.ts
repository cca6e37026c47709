import { StowawayError } from '@stowaway/core'
import { isIndexMediaType, MediaTypes } from './media-types.ts'
import type { Platform } from './platform.ts'

/**
 * A content descriptor (OCI image spec §descriptor).
 *
 * @example
 * ```ts
 * const d: Descriptor = { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: 'sha256:' + '0'.repeat(64), size: 32 }
 * ```
 */
export interface Descriptor {
  mediaType: string
  digest: string
  size: number
  platform?: Platform
  annotations?: Record<string, string>
  urls?: string[]
}

/**
 * A parsed manifest document: either an index of per-platform manifests or one image.
 *
 * @example
 * ```ts
 * const doc: ManifestDocument = parseManifest(new TextEncoder().encode('{"schemaVersion":2,"manifests":[]}'))
 * ```
 */
export type ManifestDocument =
  | { kind: 'index'; mediaType: string; manifests: Descriptor[]; raw: unknown }
  | { kind: 'image'; mediaType: string; config: Descriptor; layers: Descriptor[]; raw: unknown }

const MAX_MANIFEST = 4 * 1024 * 1024

function descriptor(v: unknown, where: string): Descriptor {
  const d = v as Partial<Descriptor> | null
  if (!d || typeof d !== 'object' || typeof d.digest !== 'string' || typeof d.size !== 'number' || !Number.isSafeInteger(d.size) || d.size < 0) {
    throw new StowawayError('MANIFEST_INVALID', `Cannot read manifest: ${where} is not a descriptor with digest and size`)
  }
  return {
    mediaType: typeof d.mediaType === 'string' ? d.mediaType : '',
    digest: d.digest,
    size: d.size,
    ...(d.platform && typeof d.platform === 'object' ? { platform: d.platform } : {}),
    ...(d.annotations && typeof d.annotations === 'object' ? { annotations: d.annotations } : {}),
    ...(Array.isArray(d.urls) ? { urls: d.urls } : {}),
  }
}

/**
 * Parse manifest bytes. The media type comes from the document's `mediaType` field, else
 * the transport's Content-Type, else the shape (`manifests` → index). Docker schema 1 is
 * refused with a clear error.
 *
 * @param bytes the manifest as fetched (already digest-verified by the caller)
 * @param contentType the Content-Type the source reported, if any
 * @returns the parsed document
 * @throws StowawayError `MANIFEST_INVALID` or `UNSUPPORTED`
 * @example
 * ```ts
 * import { parseManifest } from '@stowaway/pull'
 * const doc = parseManifest(new TextEncoder().encode('{"schemaVersion":2,"manifests":[]}'))
 * doc.kind // 'index'
 * ```
 */
export function parseManifest(bytes: Uint8Array, contentType?: string): ManifestDocument {
  if (bytes.byteLength > MAX_MANIFEST) {
    throw new StowawayError('LIMIT_EXCEEDED', `Cannot read manifest: ${bytes.byteLength} bytes is over the ${MAX_MANIFEST} byte limit`)
  }
  let raw: any
  try {
    raw = JSON.parse(new TextDecoder().decode(bytes))
  } catch (e) {
    throw new StowawayError('MANIFEST_INVALID', 'Cannot read manifest: not JSON', { cause: e })
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new StowawayError('MANIFEST_INVALID', 'Cannot read manifest: not a JSON object')
  const ct = contentType?.split(';')[0]!.trim()
  const mediaType: string =
    typeof raw.mediaType === 'string' && raw.mediaType
      ? raw.mediaType
      : ct && ct !== 'application/json' && ct !== 'text/plain' && ct !== 'application/octet-stream'
        ? ct
        : Array.isArray(raw.manifests)
          ? MediaTypes.ociIndex
          : MediaTypes.ociManifest
  if (raw.schemaVersion === 1 || mediaType === MediaTypes.dockerSchema1 || mediaType === MediaTypes.dockerSchema1Signed) {
    throw new StowawayError('UNSUPPORTED', 'Cannot read manifest: Docker schema 1 is not supported (no diffIDs); push the image again with a current client')
  }
  if (raw.schemaVersion !== 2) throw new StowawayError('MANIFEST_INVALID', `Cannot read manifest: schemaVersion ${JSON.stringify(raw.schemaVersion)} is not 2`)
  if (isIndexMediaType(mediaType) || (Array.isArray(raw.manifests) && !raw.config)) {
    if (!Array.isArray(raw.manifests)) throw new StowawayError('MANIFEST_INVALID', 'Cannot read index: "manifests" is not an array')
    return { kind: 'index', mediaType, manifests: raw.manifests.map((m: unknown, i: number) => descriptor(m, `manifests[${i}]`)), raw }
  }
  if (mediaType !== MediaTypes.ociManifest && mediaType !== MediaTypes.dockerManifest) {
    throw new StowawayError('UNSUPPORTED', `Cannot read manifest: media type "${mediaType}" is not an image manifest`)
  }
  const configType = typeof raw.config?.mediaType === 'string' ? raw.config.mediaType : ''
  if (raw.artifactType || (configType && configType !== MediaTypes.ociConfig && configType !== MediaTypes.dockerConfig)) {
    throw new StowawayError('UNSUPPORTED', `Cannot read manifest: config media type "${configType}" is not a container image (an artifact?)`)
  }
  if (!Array.isArray(raw.layers)) throw new StowawayError('MANIFEST_INVALID', 'Cannot read manifest: "layers" is not an array')
  const config = descriptor(raw.config, 'config')
  return { kind: 'image', mediaType, config, layers: raw.layers.map((l: unknown, i: number) => descriptor(l, `layers[${i}]`)), raw }
}
