import { StowawayError, readAllBytes, type Warning } from '@stowaway/core'
import type { ContentStore } from './content-store.ts'
import { nobleHashFactory, verifyBytes, type HashFactory } from './digest.ts'
import { parseImageConfig } from './image-config.ts'
import { parseManifest, type Descriptor, type ManifestDocument } from './manifest.ts'
import { formatPlatform, parsePlatform, selectPlatform, type Platform } from './platform.ts'
import type { LayerBlob, LayerDescriptor, PulledImage, PullOptions } from './types.ts'
import { verifiedStream } from './verify-stream.ts'

const MAX_CONFIG = 16 * 1024 * 1024
const MAX_NESTING = 4

/**
 * Options of {@link resolveImage} beyond {@link PullOptions}.
 *
 * @example
 * ```ts
 * const e: ResolveExtras = { reference: 'docker.io/library/alpine:latest' }
 * ```
 */
export interface ResolveExtras {
  reference?: string
  warnings?: Warning[]
}

/**
 * Resolve a source's root manifest to one platform's image: walk indexes (nested ones
 * too), verify every manifest and the config against their digests, and return a
 * {@link PulledImage} whose layer streams verify themselves.
 *
 * @param store where bytes come from
 * @param source the source string as given (echoed in the result)
 * @param options pull options (platform, hash, signal, onProgress)
 * @param extras resolved reference and warnings gathered by the store
 * @returns the pulled image
 * @throws StowawayError `DIGEST_MISMATCH`, `PLATFORM_NOT_FOUND`, `MANIFEST_INVALID` …
 * @example
 * ```ts
 * import { resolveImage, type ContentStore } from '@stowaway/pull'
 * declare const store: ContentStore
 * const image = await resolveImage(store, 'oci:./layout', { platform: 'linux/arm64' })
 * ```
 */
export async function resolveImage(store: ContentStore, source: string, options: PullOptions = {}, extras: ResolveExtras = {}): Promise<PulledImage> {
  const hash = options.hash ?? nobleHashFactory
  const signal = options.signal
  const want: Platform = typeof options.platform === 'string' ? parsePlatform(options.platform) : (options.platform ?? { os: 'linux', architecture: 'amd64' })
  const root = await store.root(signal)
  let doc: ManifestDocument = parseManifest(root.bytes, root.mediaType)
  let digest = root.digest
  let indexDigest: string | undefined
  let chosenPlatform: Platform | undefined
  for (let depth = 0; doc.kind === 'index'; depth++) {
    if (depth >= MAX_NESTING) throw new StowawayError('MANIFEST_INVALID', `Cannot resolve ${store.name}: indexes nested more than ${MAX_NESTING} deep`)
    indexDigest ??= digest
    const candidates = doc.manifests.filter((m) => m.platform)
    let chosen: Descriptor
    if (candidates.length === 0 && doc.manifests.length === 1) chosen = doc.manifests[0]!
    else chosen = selectPlatform(doc.manifests, want, store.name)
    if (chosen.platform) chosenPlatform = chosen.platform
    const got = await store.manifest(chosen, signal)
    verifyBytes(got.bytes, chosen.digest, 'manifest', hash, chosen.size)
    doc = parseManifest(got.bytes, got.mediaType || chosen.mediaType)
    digest = chosen.digest
  }
  if (!digest) throw new StowawayError('MANIFEST_INVALID', `Cannot resolve ${store.name}: the image manifest has no digest`)
  const image = doc
  const configBody = await store.blob(image.config, signal)
  const configBytes = await readAllBytes(configBody, Math.min(MAX_CONFIG, image.config.size >= 0 ? image.config.size + 1 : MAX_CONFIG))
  verifyBytes(configBytes, image.config.digest, 'config', hash, image.config.size)
  const config = parseImageConfig(configBytes)
  const diffIds = config.rootfs.diff_ids
  const warnings = [...(extras.warnings ?? [])]
  if (diffIds.length !== image.layers.length) {
    warnings.push({ code: 'MANIFEST_INVALID', message: `Cannot pair layers with diffIDs: manifest has ${image.layers.length} layers, config ${diffIds.length} diffIDs` })
  }
  const layers: LayerDescriptor[] = image.layers.map((l, i) => ({
    digest: l.digest,
    ...(diffIds.length === image.layers.length ? { diffId: diffIds[i] } : {}),
    mediaType: l.mediaType,
    size: l.size,
  }))
  const platform: Platform = {
    os: config.os || chosenPlatform?.os || '',
    architecture: config.architecture || chosenPlatform?.architecture || '',
    ...((config.variant ?? chosenPlatform?.variant) ? { variant: config.variant ?? chosenPlatform?.variant } : {}),
  }
  if (chosenPlatform && formatPlatform(chosenPlatform) !== formatPlatform(platform) && chosenPlatform.architecture !== platform.architecture) {
    warnings.push({ code: 'MANIFEST_INVALID', message: `Cannot trust platform: index says "${formatPlatform(chosenPlatform)}", config says "${formatPlatform(platform)}"` })
  }

  const openLayer = async (index: number, opts?: { signal?: AbortSignal }) => {
    const d = image.layers[index]
    if (!d) throw new StowawayError('INVALID_ARGUMENT', `Cannot open layer ${index}: the image has ${image.layers.length} layers`)
    const body = await store.blob(d, opts?.signal ?? signal)
    const onProgress = options.onProgress
    return verifiedStream(body, d.digest, {
      size: d.size,
      hash,
      ...(onProgress ? { onChunk: (bytes: number) => onProgress({ index, digest: d.digest, bytes, total: d.size }) } : {}),
    })
  }
  async function* blobs(opts?: { signal?: AbortSignal }): AsyncGenerator<LayerBlob> {
    for (let i = 0; i < layers.length; i++) yield { descriptor: layers[i]!, index: i, body: await openLayer(i, opts) }
  }
  return {
    source,
    ...(extras.reference ? { reference: extras.reference } : {}),
    manifestDigest: digest,
    ...(indexDigest ? { indexDigest } : {}),
    mediaType: image.mediaType,
    manifest: image.raw,
    config,
    configDigest: image.config.digest,
    platform,
    layers,
    warnings,
    openLayer,
    blobs: (opts) => blobs(opts),
  }
}
