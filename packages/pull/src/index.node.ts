import { pullImage as corePullImage } from './pull-image.ts'
import { defaultNodeFetch } from './transport.node.ts'
import { nodeFiles } from './fs-files.node.ts'
import { nodeHashFactory } from './hash.node.ts'
import { dockerConfigCredentials } from './docker-config.node.ts'
import { pullDirectory } from './dir-source.node.ts'
import type { PulledImage, PullOptions } from './types.ts'

export * from './index.ts'
export { createUndiciFetch, defaultNodeFetch, UndiciHeaders, UndiciResponse } from './transport.node.ts'
export type { UndiciFetch, UndiciFetchOptions } from './transport.node.ts'
export { nodeFiles } from './fs-files.node.ts'
export { nodeHashFactory } from './hash.node.ts'
export { dockerConfigCredentials, normalizeConfigKey } from './docker-config.node.ts'
export type { DockerConfigOptions } from './docker-config.node.ts'
export { pullDirectory } from './dir-source.node.ts'

/**
 * {@link corePullImage} with Node defaults: undici with pooled connections, fs for local
 * sources, node:crypto hashing, credentials from docker's config.json (and its credential
 * helpers) when `auth` is not given, and `dir:<path>` for an unpacked root filesystem.
 *
 * @param source image reference or `oci:` / `docker-archive:` / `oci-archive:` / `dir:` path
 * @param options pull options; anything given overrides the defaults
 * @returns the pulled image
 * @example
 * ```ts
 * import { pullImage } from '@stowaway/pull'
 * const image = await pullImage('oci:/var/cache/images/app:latest')
 * console.log(image.manifestDigest, image.layers.length)
 * ```
 */
export function pullImage(source: string, options: PullOptions = {}): Promise<PulledImage> {
  const opts: PullOptions = {
    fetch: defaultNodeFetch(),
    files: nodeFiles(),
    hash: nodeHashFactory,
    auth: dockerConfigCredentials(),
    ...options,
  }
  if (source.startsWith('dir:')) return pullDirectory(source, opts)
  return corePullImage(source, opts)
}
