import { StowawayError } from '@stowaway/core'
import { openDockerArchive } from './docker-archive.ts'
import { openOciLayout } from './oci-layout.ts'
import { formatReference } from './reference.ts'
import { RegistryClient } from './registry-client.ts'
import { registryStore } from './registry-store.ts'
import { resolveImage } from './resolve-image.ts'
import { parseSource } from './source.ts'
import { openTarArchive } from './tar-index.ts'
import type { PulledImage, PullOptions } from './types.ts'

/**
 * Resolve an image from a registry or a local archive/layout to one platform, verifying
 * manifests and config now and each layer as it streams.
 *
 * Browser-safe: registries go through `options.fetch` (default `globalThis.fetch`); local
 * sources need `options.files` (the Node entry supplies fs; `dir:` is Node-only).
 *
 * @param source `alpine`, `ghcr.io/o/r:tag`, `…@sha256:…`, `oci:<dir>[:tag|@digest]`,
 *   `docker-archive:<file>[:repo:tag]`, `oci-archive:<file>[:tag|@digest]`
 * @param options platform, auth, transport, limits, progress
 * @returns the pulled image
 * @throws StowawayError with codes such as `REFERENCE_INVALID`, `REGISTRY_AUTH`,
 *   `REGISTRY_NOT_FOUND`, `PLATFORM_NOT_FOUND`, `DIGEST_MISMATCH`, `TIMEOUT`
 * @example Pull from a registry and read the layers
 * ```ts
 * import { pullImage } from '@stowaway/pull'
 * const image = await pullImage('localhost:5000/fixtures/debian-app:latest', { platform: 'linux/amd64' })
 * for await (const blob of image.blobs()) await blob.body.cancel()
 * ```
 */
export async function pullImage(source: string, options: PullOptions = {}): Promise<PulledImage> {
  const src = parseSource(source)
  if (src.kind === 'registry') {
    const client = new RegistryClient(src.reference.registry, options)
    return resolveImage(registryStore(client, src.reference, options.hash), source, options, { reference: formatReference(src.reference) })
  }
  if (src.kind === 'dir') {
    throw new StowawayError('UNSUPPORTED', `Cannot read "${source}": dir: sources need the Node entry of @stowaway/pull`)
  }
  const files = options.files
  if (!files) throw new StowawayError('UNSUPPORTED', `Cannot read "${source}": local sources need options.files (the Node entry supplies fs)`)
  if (src.kind === 'oci') {
    const sel = src.digest ? { digest: src.digest } : src.tag ? { tag: src.tag } : {}
    const { store, warnings } = await openOciLayout(files, src.path, sel, `"${source}"`)
    return resolveImage(store, source, options, { warnings })
  }
  const file = await files.open(src.path)
  if (src.kind === 'oci-archive') {
    const { files: inner } = await openTarArchive(file, `"${source}"`)
    const sel = src.digest ? { digest: src.digest } : src.tag ? { tag: src.tag } : {}
    const { store, warnings } = await openOciLayout(inner, '', sel, `"${source}"`)
    return resolveImage(store, source, options, { warnings })
  }
  const { store, reference, warnings } = await openDockerArchive(file, `"${source}"`, src.tag, options.hash)
  return resolveImage(store, source, options, { warnings, ...(reference ? { reference } : {}) })
}
